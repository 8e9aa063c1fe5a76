/**
 * The inbound worker: takes an identity's pending messages in arrival order, runs
 * each through the engine, and applies the effects. State, records and outbox rows
 * commit in one transaction, with the message marked handled in it: a message changes
 * state exactly once however often its job runs. Jobs are queued only after commit.
 */
import type { ChannelName } from '../domain/channels.js';
import type { Clock } from '../platform/clock.js';
import type { Effect } from '../conversation/effects.js';
import { step } from '../conversation/engine.js';
import type { ConversationInput } from '../conversation/input.js';
import { restoreState } from '../conversation/state.js';
import { langsOf } from './language.js';
import type { Ids } from '../platform/ids.js';
import type { Logger } from '../platform/log.js';
import type { JobRequest } from '../queue/queues.js';
import { saveConversation } from '../store/conversations.repository.js';
import { compactAfterErasure, isTransientDbError, isUniqueViolation, type Executor, type Store } from '../store/database.js';
import { transactGrouped } from '../store/group-commit.js';
import { loadTurn } from '../store/turns.repository.js';
import { getIdentity, insertAlert, setUnreachable } from '../store/members.repository.js';
import { resumeNeeds } from './profile.js';
import { handledAtOfSeq, markInboundHandled, nextPendingInbound, recordInboundFailure } from '../store/messages.repository.js';
import { factsFor } from './facts.js';
import type { Later } from '../queue/workers.js';
import { enqueueCommitted } from '../queue/after-commit.js';
import { SealError } from '../store/sealing.js';
import { VersionConflict } from './errors.js';
import { applyEffect, type EffectContext, type Services } from './handlers.js';

export { VersionConflict };

export interface InboundWorkerDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  log: Logger;
  services: Services;
  enqueue: (job: JobRequest) => Promise<void>;
  /** Attempts before a message that keeps failing is set aside (and a coordinator told). */
  maxAttempts?: number;
}

export interface InboundWorker {
  /**
   * Handles every pending message of one identity, oldest first (up to and including
   * the message `upTo`, when given: its job's own message). Returns how many this
   * call took off the pending list (handled, or set aside after failing), and `later`
   * when a flood of messages must wait until then.
   */
  drain(identityId: string, upTo?: string | null): Promise<{ handled: number; later?: Later['later'] }>;
}

/** Messages one drain job handles before it lets others have the worker. */
const MAX_PER_DRAIN = 100;
/**
 * A sender flooding us (more than this many messages handled in a minute) is slowed
 * down, not dropped: the rest wait, recorded, and are handled as the minute moves on.
 */
export const FLOOD_PER_MINUTE = 20;
const CONFLICT_RETRIES = 5;

/**
 * Several replies in one turn ("Welcome back." then the question) go out as one
 * message: they arrive in order, and on SMS they cost less.
 */
export function mergeReplies(effects: readonly Effect[]): Effect[] {
  const out: Effect[] = [];
  for (const effect of effects) {
    const previous = out[out.length - 1];
    if (effect.type === 'reply' && previous?.type === 'reply' && previous.purpose === effect.purpose && !previous.reply.choices?.length) {
      const merged: Effect = { type: 'reply', purpose: effect.purpose, reply: { ...effect.reply, text: `${previous.reply.text}\n${effect.reply.text}` } };
      // Only a merge of re-asks is a re-ask.
      if (previous.reask && effect.reask) merged.reask = true;
      out[out.length - 1] = merged;
    } else {
      out.push(effect);
    }
  }
  return out;
}

function parseInput(json: string, body: string | null): ConversationInput {
  try {
    const value = JSON.parse(json) as ConversationInput;
    if (value && typeof value === 'object' && typeof value.kind === 'string') return value;
  } catch {
    // fall through
  }
  return { kind: 'text', text: body ?? '' };
}

export function createInboundWorker(deps: InboundWorkerDeps): InboundWorker {
  const maxAttempts = deps.maxAttempts ?? 5;
  const coordinators = new Set(deps.services.coordinators.map((c) => `${c.channel}:${c.address}`));

  /** After FORGET ME: erased words leave the database files too, not only the rows. */
  async function compact(): Promise<void> {
    const { complete } = await compactAfterErasure(deps.store).catch((error: unknown) => {
      deps.log.warn({ err: error }, 'could not checkpoint the database after an erasure');
      return { complete: false };
    });
    if (!complete)
      deps.log.warn(
        deps.store.truncateLog
          ? 'the write-ahead log was in use after an erasure: the checkpointing thread goes on trying to empty it'
          : 'the write-ahead log was in use after an erasure (another process reading or writing): it still holds the erased words until a checkpoint empties it',
      );
  }

  /** What one turn did: nothing waited, a flood must wait, or a message was taken off the list. */
  type TurnDone = { kind: 'none' } | { kind: 'later'; later: Later['later'] } | { kind: 'handled'; jobs: JobRequest[]; erased: boolean; more: boolean };

  /**
   * One turn, in the (possibly shared) transaction `trx`: the person's next message
   * waiting, no later than `upTo`, read with all its turn needs in one statement, run
   * through the engine, and its effects, state and "handled" mark written. `tried`
   * learns which message it was, for the failure path.
   */
  async function turn(trx: Executor, identityId: string, upTo: string | null, tried: { id?: string }): Promise<TurnDone> {
    const now = deps.clock.now();
    const loaded = await loadTurn(trx, identityId, upTo, now);
    if (!loaded) return { kind: 'none' };
    const { message, identity } = loaded;
    tried.id = message.id;
    // A sender flooding us: the message FLOOD_PER_MINUTE places back was handled less than a minute ago.
    if (message.seq > FLOOD_PER_MINUTE) {
      const at = await handledAtOfSeq(trx, identityId, message.seq - FLOOD_PER_MINUTE);
      if (at !== null && now - at < 60_000)
        return { kind: 'later', later: { at: at + 60_000, reason: `more than ${FLOOD_PER_MINUTE} messages a minute from one sender` } };
    }
    if (identity.erased_at !== null) {
      // Forgotten: nothing of theirs is read, and there is no one to answer.
      await markInboundHandled(trx, message.id, now);
      return { kind: 'handled', jobs: [], erased: false, more: loaded.more };
    }
    const input = parseInput(message.input, message.body);
    // They wrote from it (or Telegram says the bot is unblocked): the address works again.
    const backInReach = identity.unreachable_at !== null && (input.kind !== 'event' || input.name === 'reachable');
    if (backInReach) {
      await setUnreachable(trx, identity.id, null);
      identity.unreachable_at = null;
    }
    const stored = loaded.conversation;
    // The identity row is the truth about opt-out: a carrier may have set it.
    const state = { ...restoreState(stored?.state), optedOut: identity.opted_out_at !== null };
    const buttons = deps.services.formats[identity.channel as ChannelName]?.buttons ?? false;
    const langs = langsOf(deps.services);
    // A language since switched off: the facts are worded, as the engine will speak, in English.
    const facts = await factsFor(trx, identity, now, langs.includes(state.lang) ? state.lang : 'en', coordinators, loaded.standing);
    const result = step(state, input, { now, buttons, facts, langs });
    const ctx: EffectContext = {
      trx,
      dialect: deps.store.dialect,
      now,
      ids: deps.ids,
      log: deps.log,
      services: deps.services,
      identity,
      inboundId: message.id,
      jobs: [],
      erased: false,
    };
    for (const effect of mergeReplies(result.effects)) await applyEffect(ctx, effect);
    if (backInReach && !result.effects.some((e) => e.type === 'optIn')) await resumeNeeds(ctx);
    const saved = await saveConversation(trx, {
      identityId: identity.id,
      memberId: identity.member_id,
      state: JSON.stringify(result.state),
      expectedVersion: stored?.version ?? 0,
      now,
    });
    if (!saved) throw new VersionConflict(`conversation ${identity.id} changed underneath`);
    if (!(await markInboundHandled(trx, message.id, now))) throw new VersionConflict(`message ${message.id} was handled elsewhere`);
    return { kind: 'handled', jobs: ctx.jobs, erased: ctx.erased, more: loaded.more };
  }

  /**
   * Takes the person's next message off the pending list (handled, or set aside after
   * failing too often). The turn shares its transaction with other people's turns ready
   * at the same moment (group commit); one that fails is rolled back and retried alone.
   */
  async function handleNext(identityId: string, upTo: string | null): Promise<TurnDone> {
    const tried: { id?: string } = {};
    for (let attempt = 1; ; attempt++) {
      try {
        const done = await transactGrouped(deps.store, (trx) => turn(trx, identityId, upTo, tried));
        if (done.kind !== 'handled') return done;
        if (done.erased) await compact();
        await enqueueCommitted(done.jobs, deps.enqueue, deps.log);
        return done;
      } catch (error) {
        // Conflicts (someone changed what we read; a code taken at the same moment) are
        // tried again at once, a few times. A database that is busy or away is never the
        // message's fault: the queue backs off and tries later, without counting it.
        const conflict = error instanceof VersionConflict || isUniqueViolation(error);
        if ((conflict || isTransientDbError(error)) && attempt < CONFLICT_RETRIES) {
          await new Promise((r) => setTimeout(r, 10 * attempt));
          continue;
        }
        if (isTransientDbError(error)) throw error;
        // The message that failed (when even reading it failed, the one first in line).
        const messageId = tried.id ?? (await nextPendingInbound(deps.store.db, identityId))?.id;
        if (!messageId) throw error;
        const now = deps.clock.now();
        // Words that cannot be opened will not open on a second try: set aside at once.
        const tries = error instanceof SealError ? 1 : maxAttempts;
        const outcome = await recordInboundFailure(deps.store.db, messageId, error instanceof Error ? error.message : String(error), tries, now);
        deps.log.error({ err: error, messageId, outcome }, 'handling an inbound message failed');
        if (outcome === 'retry') throw error;
        // Set aside so this person's later messages are not stuck behind it; a person looks.
        const identity = await getIdentity(deps.store.db, identityId);
        await insertAlert(deps.store.db, {
          id: deps.ids.next(),
          memberId: identity?.member_id ?? null,
          kind: 'failed_message',
          detail: `message ${messageId} could not be handled`,
          now,
        });
        return { kind: 'handled', jobs: [], erased: false, more: true };
      }
    }
  }

  return {
    /**
     * Handles a person's pending messages in order; `later` when a flood of them must
     * wait (their job comes back then, and the partition serves others meanwhile).
     */
    async drain(identityId, upTo = null) {
      let handled = 0;
      for (let round = 0; round < MAX_PER_DRAIN; round++) {
        const done = await handleNext(identityId, upTo);
        if (done.kind === 'none') break;
        if (done.kind === 'later') return { handled, later: done.later };
        handled++;
        if (!done.more) break;
      }
      return { handled };
    },
  };
}
