import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../src/store/database.js';
import { loadTurn } from '../src/store/turns.repository.js';
const file = process.argv[2]!;
const raw = new BetterSqlite3(file);
raw.exec(`update inbound_messages set status='pending' where rowid % 10 = 0`);
const ids = raw.prepare(`select identity_id, id from inbound_messages where status='pending' order by random() limit 200`).all() as { identity_id: string; id: string }[];
let captured: unknown[] = [];
const proto = Object.getPrototypeOf(raw.prepare('select 1'));
const origAll = proto.all;
let sqlText = '';
proto.all = function (this: { source: string }, ...args: unknown[]) {
  if (this.source.startsWith('select "m"')) { captured = args[0] as unknown[]; sqlText = this.source; }
  return origAll.apply(this, args);
};
const store = openDatabase(`sqlite:${file}`);
const now = Date.now();
let t = performance.now();
for (let k = 0; k < 5; k++) for (const r of ids) await loadTurn(store.db, r.identity_id, r.id, now);
console.log('loadTurn via kysely', (((performance.now() - t) / (5 * ids.length)) * 1000).toFixed(1), 'µs');
proto.all = origAll;
const s = raw.prepare(sqlText);
const params = ids.map((r) => { return captured.map((p) => p === captured[0] ? r.identity_id : p); });
void params;
// rebuild params per id: capture each
const all: unknown[][] = [];
proto.all = function (this: { source: string }, ...args: unknown[]) { if (this.source === sqlText) all.push(args[0] as unknown[]); return origAll.apply(this, args); };
for (const r of ids) await loadTurn(store.db, r.identity_id, r.id, now);
proto.all = origAll;
t = performance.now();
for (let k = 0; k < 5; k++) for (const p of all) s.all(p);
console.log('raw statement', (((performance.now() - t) / (5 * all.length)) * 1000).toFixed(1), 'µs', all.length);
console.log(sqlText);
console.log(all[0]);
