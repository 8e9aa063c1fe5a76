/**
 * One turn of a conversation while it is being worked out: the state (a copy, changed
 * in place), the facts the inbound worker read, the reading of the message, and the effects
 * so far. Plus the two ways answers to the bot's own choices are read: one, or several.
 */
import type { CategoryId, Item } from '../domain/categories.js';
import type { Understanding } from '../understanding/understand.js';
import type { Effect } from './effects.js';
import type { Facts } from './facts.js';
import type { ConversationInput } from './input.js';
import { choicesFor, question } from './questions.js';
import type { Choice, Reply } from './reply.js';
import type { ConversationState, Step } from './state.js';
import { texts, type Catalogue, type Lang } from './texts/index.js';

/**
 * How a turn went: understood ('done'), not understood ('miss': asked again), or
 * answered without being understood ('noted': "thanks" with no question open).
 */
export type Outcome = 'done' | 'miss' | 'noted';

/**
 * Replies in a row that move nothing forward, within 30 seconds, before the bot stops
 * answering: an automated sender (an auto-responder answering every message) is never
 * understood that fast that often, and would otherwise talk with the bot for ever, at
 * a cost per text. A person moving through the questions, however fast, moves things
 * forward, and the count starts again each time.
 */
export const REASKS_PER_30S = 4;

/** The same words, word for word, this many times in a row within 30 seconds: answered once, then held. */
export const REPEATS_HELD = 3;

/** A short fingerprint of some words (FNV-1a), to notice a sender repeating itself without keeping the words. */
export function fingerprint(text: string): number {
  let h = 0x811c9dc5;
  const t = text.trim().toLowerCase();
  for (let i = 0; i < t.length; i++) {
    h ^= t.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export class Turn {
  readonly effects: Effect[] = [];
  /** After a crisis answer: a part of the message that is not understood asks nothing more. */
  quiet = false;
  /** Understanding the rest of a message before asking "are you safe?": keep what it says, send nothing. */
  silent = false;
  /** The languages switched on (LANGUAGES): English first. */
  langs: readonly Lang[] = ['en'];

  constructor(
    readonly s: ConversationState,
    readonly facts: Facts,
    readonly buttons = false,
    readonly now = 0,
    /** The reading of this turn's text, if it was text. */
    public u: Understanding | null = null,
  ) {}

  get t(): Catalogue {
    return texts(this.s.lang);
  }

  say(text: string, purpose: 'normal' | 'optout_ack' = 'normal'): void {
    this.send({ lang: this.s.lang, text }, purpose);
  }

  /**
   * Asks again after an answer that was not understood, with the choices repeated (on
   * a basic phone, scrolling back is hard). Held back only when the bot has asked
   * again REASKS_PER_30S times in a row within 30 seconds (see ReplyEffect.reask).
   */
  reask(reply: Reply): void {
    if (this.silent || this.quiet) return;
    this.effects.push({ type: 'reply', reply, purpose: 'normal', reask: true });
  }

  /** `about`: the other member the reply names, if any (see ReplyEffect.about). */
  send(reply: Reply, purpose: 'normal' | 'optout_ack' = 'normal', about?: string): void {
    if (this.silent) return;
    this.effects.push(about ? { type: 'reply', reply, purpose, about } : { type: 'reply', reply, purpose });
  }

  /** Moves to a step and asks its question. */
  ask(step: Step): void {
    this.s.step = step;
    this.s.misses = 0;
    this.send(question(this.s, false, this.langs), 'normal', step === 'followup' ? (this.s.followup?.about ?? undefined) : undefined);
  }

  /** Asks the current question again, unless there is none (idle). */
  askAgain(): void {
    if (this.s.step !== 'idle') this.send(question(this.s, true, this.langs));
  }

  /**
   * Speaks another language from now on (CYMRAEG, ENGLISH, the welcome's choice), and
   * remembers it on the member. Before sign-up starts, the welcome comes again in it;
   * later, a word that it changed and the open question again.
   */
  switchLang(lang: Lang): void {
    const s = this.s;
    s.lang = lang;
    this.do({ type: 'setLang', lang });
    if (s.step === 'new' || s.step === 'declined' || s.step === 'consent') return this.ask('consent');
    this.say(this.t.langChanged());
    this.askAgain();
  }

  do(effect: Effect): void {
    this.effects.push(effect);
  }
}

/**
 * Reads a one-choice answer: a button, a number, yes or no where those are choices,
 * or the label itself ("postcode"). `aliases` maps yes/no/later onto other choices.
 */
export function pickOne(turn: Turn, input: ConversationInput, aliases: Partial<Record<'yes' | 'no' | 'later', string>> = {}): string | null {
  const choices = choicesFor(turn.s, turn.langs);
  if (input.kind === 'choice') return choices.some((c) => c.id === input.choice) ? input.choice : null;
  if (input.kind !== 'text') return null;
  const u = turn.u;
  if (u?.picked?.length === 1) return u.picked[0]!;
  const said = input.text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '');
  const byLabel = choices.find((c) => said === c.label.toLowerCase() || said === c.id);
  if (byLabel) return byLabel.id;
  for (const answer of ['yes', 'no', 'later'] as const) {
    if (!u?.answers.includes(answer)) continue;
    const id = aliases[answer] ?? answer;
    if (choices.some((c) => c.id === id)) return id;
  }
  return null;
}

export function dedupe(items: Item[]): Item[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.category}\u0000${(item.words ?? '').toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A Telegram button in a many-choice question: added to what is being picked, and the
 * remaining buttons shown again ("Added shopping. Anything else?"). Returns the items
 * picked when the person is done, or null while picking goes on.
 */
export function pickButton(turn: Turn, input: Extract<ConversationInput, { kind: 'choice' }>): Item[] | 'miss' | null {
  const s = turn.s;
  const t = turn.t;
  const choices = choicesFor(s, turn.langs);
  if (input.choice === 'none' || input.choice === 'done') {
    const all = s.picking;
    s.picking = [];
    return all;
  }
  const chosen = choices.find((c) => c.id === input.choice);
  if (!chosen) return 'miss';
  s.picking = dedupe([...s.picking, { category: chosen.id as CategoryId }]);
  const remaining: Choice[] = choices.filter((c) => c.id !== 'none' && !s.picking.some((p) => p.category === c.id));
  const added = t.category[chosen.id as CategoryId];
  turn.send({
    lang: s.lang,
    text: s.step === 'needs' ? t.askMoreNeeds({ added }) : t.askMoreOffers({ added }),
    choices: [...remaining, { id: 'done', label: t.choice.allDone }],
    select: 'many',
    step: s.step,
  });
  return null;
}

export function saveProfile(s: ConversationState): Effect {
  return { type: 'saveProfile', name: s.profile.name, place: s.profile.place, location: s.profile.location, lang: s.lang };
}
