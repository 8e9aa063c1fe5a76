/**
 * Runs only the flat-out pipeline and prints the SQL it ran per message, most frequent
 * first. For a CPU profile: node --import tsx --cpu-prof bench/profile-pipeline.ts
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRedis } from '../src/queue/local-redis.js';
import { runPipeline, startService } from './pipeline.js';

const redis = await resolveRedis(process.env.REDIS_URL || undefined, mkdtempSync(join(tmpdir(), 'valued-prof-')));
const statements = new Map<string, number>();
const service = await startService(redis.url, undefined, (sql) => statements.set(sql, (statements.get(sql) ?? 0) + 1));
statements.clear();
const run = await runPipeline(service, { people: 400, firstNumber: 300_000_000, rate: 0 });
process.stdout.write(`${JSON.stringify(run)}\n\nstatements per message, most frequent first:\n`);
for (const [text, n] of [...statements].sort((a, b) => b[1] - a[1]).slice(0, 60)) {
  process.stdout.write(`${(n / run.messages).toFixed(2).padStart(6)}  ${text.replace(/\s+/g, ' ').slice(0, 200)}\n`);
}
await service.close();
await redis.stop();
process.exit(0);
