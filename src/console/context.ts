/**
 * What the console's routes are given: the database, the clock, the actions, the
 * matching settings (the same search the waves use) and, when names and numbers are
 * sealed at rest, the keyed hash that finds them.
 */
import type { Clock } from '../platform/clock.js';
import type { MatchingConfig } from '../platform/config.js';
import type { Logger } from '../platform/log.js';
import type { Db } from '../store/database.js';
import type { KeyedHash } from '../store/search-index.repository.js';
import type { Actions } from './act.js';

export interface ConsoleContext {
  db: Db;
  clock: Clock;
  log: Logger;
  actions: Actions;
  matching: MatchingConfig;
  /**
   * Set with DATA_ENCRYPTION_KEY: names and numbers are then found through the keyed-hash
   * index (search-index.repository.ts), which `catchUp` brings up to date (one run at a
   * time: a search during a run waits for it rather than starting another).
   */
  sealedSearch: { hash: KeyedHash; catchUp(): Promise<void> } | undefined;
}
