/**
 * Long polling, for development and for hosts without a public https URL. Our own
 * small loop over grammY's getUpdates, because the offset must move past an update
 * only once it is recorded: if the database is away, the same update is asked for
 * again rather than dropped.
 */
import type { Api } from 'grammy';
import type { Logger } from '../../platform/log.js';
import { ALLOWED_UPDATES } from './normalise.js';
import type { TelegramReceiver } from './receiver.js';

/** grammY's Node build types AbortSignal with an older shim; the real one works the same. */
type GrammySignal = Parameters<Api['getUpdates']>[1];

export interface Poller {
  stop(): Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true });
  });

export function startPolling(deps: { api: Api; receiver: TelegramReceiver; log: Logger; timeoutSeconds?: number }): Poller {
  const abort = new AbortController();
  const { signal } = abort;
  let offset: number | undefined;

  const loop = (async () => {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const updates = await deps.api.getUpdates(
          { offset, timeout: deps.timeoutSeconds ?? 25, allowed_updates: [...ALLOWED_UPDATES] },
          signal as GrammySignal,
        );
        failures = 0;
        for (const update of updates) {
          // Keep trying this update until it is recorded; only then move past it.
          for (let attempt = 0; !signal.aborted; attempt++) {
            try {
              await deps.receiver.receive(update);
              offset = update.update_id + 1;
              break;
            } catch (error) {
              deps.log.error({ err: error, updateId: update.update_id }, 'could not record a Telegram update; trying again');
              await sleep(Math.min(30_000, 500 * 2 ** attempt), signal);
            }
          }
          if (signal.aborted) break;
        }
      } catch (error) {
        if (signal.aborted) break;
        failures++;
        deps.log.warn({ err: error }, 'Telegram getUpdates failed; trying again');
        await sleep(Math.min(30_000, 500 * 2 ** failures), signal);
      }
    }
  })();

  return {
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
