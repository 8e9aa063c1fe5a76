import { sql } from 'kysely';
import { openDatabase, migrateToLatest } from '../src/store/database.js';
import { loadTurn } from '../src/store/turns.repository.js';
import { outboundForSend, markOutboundSentThenNext } from '../src/store/messages.repository.js';
const texts: string[] = [];
const store = openDatabase('sqlite:/tmp/explain.db', { onStatement: (s) => void texts.push(s) });
await migrateToLatest(store.db);
texts.length = 0;
await loadTurn(store.db, 'x', 'y', Date.now());
await outboundForSend(store.db, 'x');
await markOutboundSentThenNext(store.db, 'x', 'p', 1, 2);
for (const text of texts) {
  const rows = await sql.raw(`explain query plan ${text.replace(/\?/g, "'x'")}`).execute(store.db);
  console.log(text.slice(0, 80));
  for (const r of rows.rows as any[]) console.log('  ', r.id, r.parent, r.detail);
}
