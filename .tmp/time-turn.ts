import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../src/store/database.js';
import { loadTurn } from '../src/store/turns.repository.js';
const file = process.argv[2]!;
const texts: string[] = [];
const store = openDatabase(`sqlite:${file}`, { onStatement: (s) => void texts.push(s) });
const raw = new BetterSqlite3(file);
const ids = raw.prepare('select identity_id, id from inbound_messages order by random() limit 200').all() as { identity_id: string; id: string }[];
await loadTurn(store.db, ids[0]!.identity_id, ids[0]!.id, Date.now());
const text = texts[0]!;
const stmt = raw.prepare(text);
const n = (text.match(/\?/g) ?? []).length;
console.log('params', n);
function time(label: string, s: BetterSqlite3.Statement, params: (r: { identity_id: string; id: string }) => unknown[]) {
  const t = performance.now();
  for (let k = 0; k < 5; k++) for (const r of ids) s.all(params(r));
  console.log(label, (((performance.now() - t) / (5 * ids.length)) * 1000).toFixed(1), 'µs');
}
// Parameters in order as Kysely binds them: find by running loadTurn with a logging of params is hard; rebuild:
const now = Date.now();
const order = (r: { identity_id: string; id: string }) => {
  // build params by scanning the SQL: we know the order from the query shape
  return [];
};
void order;
// Use the Kysely-compiled query directly for exact params.
const compiled = (await import('kysely')).CompiledQuery;
void compiled;
const t0 = performance.now();
for (let k = 0; k < 5; k++) for (const r of ids) await loadTurn(store.db, r.identity_id, r.id, now);
console.log('loadTurn via kysely', (((performance.now() - t0) / (5 * ids.length)) * 1000).toFixed(1), 'µs');
void time; void stmt;
const variants: [string, string][] = [
  ['pending by identity', `select id from inbound_messages where identity_id = ? and status = 'pending' order by seq limit 1`],
  ['members', `select code from members where id = (select member_id from identities where id = ?)`],
];
for (const [label, q] of variants) time(label, raw.prepare(q), (r) => [r.identity_id]);
console.log(raw.prepare(`select count(*) n, sum(status='pending') p from inbound_messages`).get());
console.log(raw.prepare(`select count(*) n from asks`).get(), raw.prepare(`select count(*) n from matches`).get(), raw.prepare(`select count(*) n from offers`).get());
