/**
 * Runs only the flat-out pipeline and prints the SQL it ran per message, most frequent
 * first. For a CPU profile: node --import tsx --cpu-prof bench/profile-pipeline.ts
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRedis } from '../src/queue/local-redis.js';
import { groupCommitOf } from '../src/store/group-commit.js';
import { runPipeline, startService } from './pipeline.js';

const redis = await resolveRedis(process.env.REDIS_URL || undefined, mkdtempSync(join(tmpdir(), 'valued-prof-')));
const statements = new Map<string, { n: number; ms: number }>();
const service = await startService(redis.url, undefined, (sql, ms) => {
  const s = statements.get(sql) ?? { n: 0, ms: 0 };
  s.n++;
  s.ms += ms;
  statements.set(sql, s);
});
statements.clear();
const run = await runPipeline(service, { people: 400, firstNumber: 300_000_000, rate: 0 });
const group = groupCommitOf(service.valued.store).stats;
process.stdout.write(`group commit: ${group.batches} batches, ${(group.pieces / group.batches).toFixed(1)} pieces each, ${group.split} split\n`);
const total = [...statements.values()].reduce((sum, s) => sum + s.ms, 0);
process.stdout.write(
  `${JSON.stringify(run)}\n\nSQLite ran statements for ${(total / 1000).toFixed(2)} s in all (${((total * 1000) / run.messages).toFixed(0)} µs a message).\n`,
);
process.stdout.write(`per message: statements, µs in SQLite; the most time first (the benchmark's own queries included):\n`);
for (const [text, s] of [...statements].sort((a, b) => (process.env.BY_COUNT ? b[1].n - a[1].n : b[1].ms - a[1].ms)).slice(0, 80)) {
  process.stdout.write(
    `${(s.n / run.messages).toFixed(2).padStart(6)} ${((s.ms * 1000) / run.messages).toFixed(1).padStart(7)}  ${text.replace(/\s+/g, ' ').slice(0, 180)}\n`,
  );
}
await service.close();
await redis.stop();
process.exit(0);
