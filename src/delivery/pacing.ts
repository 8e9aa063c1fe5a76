/**
 * A chat's gap: some providers take at most one message a second to one chat
 * (Telegram). A message due sooner is asked back just before its time and waits out
 * the rest in the job, because a delayed job comes back up to a tenth of a second late.
 */
import type { Store } from '../store/database.js';
import { lastSentAt } from '../store/messages.repository.js';

/** A wait for a chat's gap this short is waited out in the job rather than by delaying it. */
export const WAIT_HERE_MS = 150;

/** What a chat's gap asks of a message now: go, wait a moment here, or come back at `at`. */
export type Gap = { go: true } | { go: false; waitHereMs: number } | { go: false; comeBackAt: number };

export async function chatGap(store: Store, identityId: string, minGapMs: number | undefined, now: number): Promise<Gap> {
  if (!minGapMs) return { go: true };
  const lastAt = await lastSentAt(store.db, identityId);
  if (lastAt === null) return { go: true };
  const wait = lastAt + minGapMs - now;
  if (wait > WAIT_HERE_MS) return { go: false, comeBackAt: lastAt + minGapMs - WAIT_HERE_MS };
  if (wait > 0) return { go: false, waitHereMs: wait };
  return { go: true };
}

/** When the next message to a chat handed to the provider at `handedAt` may be asked to go. */
export function nextMayGoAt(handedAt: number, minGapMs: number | undefined): number {
  return minGapMs ? handedAt + minGapMs - WAIT_HERE_MS : 0;
}
