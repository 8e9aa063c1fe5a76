import BetterSqlite3 from 'better-sqlite3';
const file = process.argv[2]!;
const raw = new BetterSqlite3(file);
const ids = raw.prepare('select identity_id, id, (select member_id from identities where id = identity_id) m from inbound_messages order by random() limit 200').all() as { identity_id: string; id: string; m: string }[];
function time(label: string, q: string, params: (r: { identity_id: string; id: string; m: string }) => unknown[]) {
  const s = raw.prepare(q);
  const t = performance.now();
  for (let k = 0; k < 5; k++) for (const r of ids) s.all(params(r));
  console.log(label.padEnd(30), (((performance.now() - t) / (5 * ids.length)) * 1000).toFixed(1), 'µs');
}
const now = Date.now();
time('offers exists', `select exists(select id from offers where member_id = ? and status = 'active') x`, (r) => [r.m]);
time('asks exists', `select exists(select id from asks where volunteer_id = ? and (status = 'open' or created_at > ?)) x`, (r) => [r.m, now - 1e9]);
time('matches exists', `select exists(select id from matches where requester_id = ? and status = 'active') or exists(select id from matches where volunteer_id = ? and status='active') x`, (r) => [r.m, r.m]);
time('more', `select exists(select n.id from inbound_messages n where n.identity_id = ? and n.status = 'pending' and n.seq > 1 and n.seq <= (select seq from inbound_messages u where u.id = ?)) x`, (r) => [r.identity_id, r.id]);
time('main join', `select m.*, i.*, c.state, c.version, p.code from inbound_messages m join identities i on i.id = m.identity_id left join conversations c on c.identity_id = m.identity_id left join members p on p.id = i.member_id where m.identity_id = ? and m.status = 'pending' and m.seq <= (select seq from inbound_messages u where u.id = ?) order by m.seq limit 1`, (r) => [r.identity_id, r.id]);
time('main join, status any', `select m.*, i.*, c.state, c.version, p.code from inbound_messages m join identities i on i.id = m.identity_id left join conversations c on c.identity_id = m.identity_id left join members p on p.id = i.member_id where m.identity_id = ? and m.seq <= (select seq from inbound_messages u where u.id = ?) order by m.seq limit 1`, (r) => [r.identity_id, r.id]);
time('conv', `select state from conversations where identity_id = ?`, (r) => [r.identity_id]);
console.log(raw.prepare('select avg(length(state)) a, max(length(state)) m from conversations').get());
