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
import { loadConversation, saveConversation } from '../store/conversations.repository.js';
import { compactAfterErasure, isTransientDbError, isUniqueViolation, transact, type Executor, type Store } from '../store/database.js';
import { getIdentity, insertAlert, setUnreachable } from '../store/members.repository.js';
import { resumeNeeds } from './profile.js';
import { getInbound, handledAtOfSeq, markInboundHandled, nextPendingInbound, recordInboundFailure } from '../store/messages.repository.js';
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
   * Handles every pending message of one identity, oldest first. Returns how many this
   * call took off the pending list (handled, or set aside after failing), and `later`
   * when a flood of messages must wait until then.
   */
  drain(identityId: string): Promise<{ handled: number; later?: Later['later'] }>;
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
    if (!complete) deps.log.warn('the write-ahead log was in use after an erasure: it is emptied at the next checkpoint');
  }

  /** When to come back if the message FLOOD_PER_MINUTE places back was handled less than a minute ago; else null. */
  async function throttle(identityId: string, seq: number): Promise<Later | null> {
    if (seq <= FLOOD_PER_MINUTE) return null;
    const at = await handledAtOfSeq(deps.store.db, identityId, seq - FLOOD_PER_MINUTE);
    if (at !== null && deps.clock.now() - at < 60_000)
      return { later: { at: at + 60_000, reason: `more than ${FLOOD_PER_MINUTE} messages a minute from one sender` } };
    return null;
  }

  async function handleOne(trx: Executor, messageId: string): Promise<{ jobs: JobRequest[]; erased: boolean } | null> {
    const message = await getInbound(trx, messageId);
    if (!message || message.status !== 'pending') return null;
    const identity = await getIdentity(trx, message.identity_id);
    if (!identity) throw new Error(`identity ${message.identity_id} is missing`);
    if (identity.erased_at !== null) {
      // Forgotten: nothing of theirs is read, and there is no one to answer.
      await markInboundHandled(trx, message.id, deps.clock.now());
      return { jobs: [], erased: false };
    }
    const input = parseInput(message.input, message.body);
    // They wrote from it (or Telegram says the bot is unblocked): the address works again.
    const backInReach = identity.unreachable_at !== null && (input.kind !== 'event' || input.name === 'reachable');
    if (backInReach) {
      await setUnreachable(trx, identity.id, null);
      identity.unreachable_at = null;
    }
    const stored = await loadConversation(trx, identity.id);
    const now = deps.clock.now();
    // The identity row is the truth about opt-out: a carrier may have set it.
    const state = { ...restoreState(stored?.state), optedOut: identity.opted_out_at !== null };
    const buttons = deps.services.formats[identity.channel as ChannelName]?.buttons ?? false;
    const langs = langsOf(deps.services);
    // A language since switched off: the facts are worded, as the engine will speak, in English.
    const facts = await factsFor(trx, identity, now, langs.includes(state.lang) ? state.lang : 'en', coordinators);
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
    return { jobs: ctx.jobs, erased: ctx.erased };
  }

  /** Takes one message off the pending list (handled, or set aside); false if someone else did. */
  async function handle(messageId: string, identityId: string): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        const done = await transact(deps.store, (trx) => handleOne(trx, messageId));
        if (done === null) return false;
        if (done.erased) await compact();
        await enqueueCommitted(done.jobs, deps.enqueue, deps.log);
        return true;
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
        return true;
      }
    }
  }

  return {
    /**
     * Handles a person's pending messages in order; `later` when a flood of them must
     * wait (their job comes back then, and the partition serves others meanwhile).
     */
    async drain(identityId) {
      let handled = 0;
      for (let round = 0; round < MAX_PER_DRAIN; round++) {
        const next = await nextPendingInbound(deps.store.db, identityId);
        if (!next) break;
        const wait = await throttle(identityId, next.seq);
        if (wait) return { handled, later: wait.later };
        if (await handle(next.id, identityId)) handled++;
      }
      return { handled };
    },
  };
}
