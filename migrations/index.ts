/**
 * Every migration, by name, in the order they apply. Listed here rather than read from
 * the folder at run time so that the same list works from TypeScript sources, from
 * compiled JavaScript and inside a container.
 */
import type { Migration } from 'kysely';
import * as initial from './2026-11-26T0000_initial.js';
import * as identityErased from './2026-11-26T0100_identity_erased.js';
import * as matching from './2026-11-26T0200_matching.js';
import * as matchPerNeed from './2026-11-26T0300_match_per_need.js';
import * as addressHash from './2026-11-26T0400_address_hash.js';
import * as hotPathIndexes from './2026-11-26T0500_hot_path_indexes.js';
import * as searchRings from './2026-11-26T0600_search_rings.js';
import * as coveringSearch from './2026-11-26T0700_covering_search.js';
import * as coveringOutcode from './2026-11-26T0800_covering_outcode.js';
import * as sandbox from './2026-12-01T1000_sandbox.js';
import * as coordinatorConsole from './2026-12-01T2000_console.js';
import * as consoleSandbox from './2026-12-01T2100_console_sandbox.js';
import * as unsentOutbound from './2026-12-02T0000_unsent_outbound.js';
import * as coveringRank from './2026-12-02T1000_covering_rank.js';
import * as busyIndexes from './2026-12-02T1100_busy_indexes.js';

export const migrations: Record<string, Migration> = {
  '2026-11-26T0000_initial': initial,
  '2026-11-26T0100_identity_erased': identityErased,
  '2026-11-26T0200_matching': matching,
  '2026-11-26T0300_match_per_need': matchPerNeed,
  '2026-11-26T0400_address_hash': addressHash,
  '2026-11-26T0500_hot_path_indexes': hotPathIndexes,
  '2026-11-26T0600_search_rings': searchRings,
  '2026-11-26T0700_covering_search': coveringSearch,
  '2026-11-26T0800_covering_outcode': coveringOutcode,
  '2026-12-01T1000_sandbox': sandbox,
  '2026-12-01T2000_console': coordinatorConsole,
  '2026-12-01T2100_console_sandbox': consoleSandbox,
  '2026-12-02T0000_unsent_outbound': unsentOutbound,
  '2026-12-02T1000_covering_rank': coveringRank,
  '2026-12-02T1100_busy_indexes': busyIndexes,
};
