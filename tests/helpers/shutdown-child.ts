/**
 * A process that stops the way `npm start` does (platform/shutdown.ts), with a close
 * that takes CLOSE_MS and a limit of LIMIT_MS, for tests/shutdown.test.ts.
 */
import { createLogger } from '../../src/platform/log.js';
import { stopGracefully } from '../../src/platform/shutdown.js';

const log = createLogger('info');
stopGracefully(() => new Promise((done) => setTimeout(done, Number(process.env.CLOSE_MS))), {
  log,
  limitMs: Number(process.env.LIMIT_MS),
  say: (line) => process.stderr.write(`${line}\n`),
  onForce: () => process.stderr.write('forced\n'),
});
setInterval(() => {}, 1000);
log.info('ready');
