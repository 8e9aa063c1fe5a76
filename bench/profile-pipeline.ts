/** Runs only the flat-out pipeline, for profiling with --cpu-prof. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRedis } from '../src/queue/local-redis.js';
import { runPipeline, startService } from './pipeline.js';

const redis = await resolveRedis(process.env.REDIS_URL || undefined, mkdtempSync(join(tmpdir(), 'valued-prof-')));
const service = await startService(redis.url);
const run = await runPipeline(service, { people: 400, firstNumber: 300_000_000, rate: 0 });
process.stdout.write(`${JSON.stringify(run)}\n`);
await service.close();
await redis.stop();
process.exit(0);
