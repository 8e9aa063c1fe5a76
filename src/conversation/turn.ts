/**
 * One turn of a conversation while it is being worked out: the state (a copy, changed
 * in place), the facts the runner read, and the effects so far. Plus the two ways
 * answers are read: one choice, or several.
 */
import type { CategoryId, Item } from '../domain/categories.js';
import type { Effect } from './effects.js';
import type { Facts } from './facts.js';
import type { ConversationInput } from './input.js';
import { normalise, parseNumbers, parseYesNo, sameWord, findCategories } from './parse.js';
import { choicesFor, question } from './questions.js';
import type { Choice, Reply } from './reply.js';
import type { ConversationState, Step } from './state.js';
import { texts, type Catalogue } from './texts/index.js';

export type Outcome = 'done' | 'miss';

/** Free words longer than this are kept only up to it. */
const MAX_WORDS = 500;

export class Turn {
  readonly effects: Effect[] = [];
  constructor(
    readonly s: ConversationState,
    readonly facts: Facts,
    readonly buttons = false,
  ) {}

  get t(): Catalogue {
    return texts(this.s.lang);
  }

  say(text: string, purpose: 'normal' | 'optout_ack' = 'normal'): void {
    this.send({ lang: this.s.lang, text }, purpose);
  }

  /** Asks again after an answer that was not understood (see ReplyEffect.reask). */
  reask(text: string): void {
    this.effects.push({ type: 'reply', reply: { lang: this.s.lang, text }, purpose: 'normal', reask: true });
  }

  /** `about`: the other member the reply names, if any (see ReplyEffect.about). */
  send(reply: Reply, purpose: 'normal' | 'optout_ack' = 'normal', about?: string): void {
    this.effects.push(about ? { type: 'reply', reply, purpose, about } : { type: 'reply', reply, purpose });
  }

  /** Moves to a step and asks its question. */
  ask(step: Step): void {
    this.s.step = step;
    this.s.misses = 0;
    this.send(question(this.s), 'normal', step === 'followup' ? (this.s.followup?.about ?? undefined) : undefined);
  }

  /** Asks the current question again, unless there is none (idle). */
  askAgain(): void {
    if (this.s.step !== 'idle') this.send(question(this.s));
  }

  do(effect: Effect): void {
    this.effects.push(effect);
  }
}

/**
 * Reads a one-choice answer: a button, a number, yes or no where those are choices,
 * or the label itself ("postcode"). `aliases` maps yes/no onto other choices.
 */
export function pickOne(turn: Turn, input: ConversationInput, aliases: Partial<Record<'yes' | 'no', string>> = {}): string | null {
  const choices = choicesFor(turn.s);
  if (input.kind === 'choice') return choices.some((c) => c.id === input.choice) ? input.choice : null;
  if (input.kind !== 'text') return null;
  const numbers = parseNumbers(input.text, choices.length);
  if (numbers && numbers.length === 1) return choices[numbers[0]! - 1]!.id;
  const yesNo = parseYesNo(input.text);
  if (yesNo) {
    const id = aliases[yesNo] ?? yesNo;
    if (choices.some((c) => c.id === id)) return id;
  }
  const said = normalise(input.text);
  const byLabel = choices.find((c) => {
    const label = normalise(c.label);
    return said === label || said === c.id || sameWord(said, label);
  });
  return byLabel?.id ?? null;
}

const NOTHING = new Set([
  'nothing', 'none', 'no', 'nope', 'nothing now', 'not now', 'nothing right now', 'nothing thanks', 'no thanks',
  "i'm fine", 'im fine', "i'm ok", 'im ok', 'fine', 'all good', 'not at the moment', 'nothing at the moment', 'n/a',
  'na', '0', 'zero', 'nothing yet', 'not yet', 'not really',
]);
const DONE = new Set(['done', "that's all", 'thats all', 'that is all', 'finished', 'all done', "that's it", 'thats it']);

export function dedupe(items: Item[]): Item[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.category === 'other' ? `other:${(item.words ?? '').toLowerCase()}` : item.category;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Reads a many-choice answer: numbers, buttons one at a time ("Added shopping.
 * Anything else?"), "nothing", or the person's own words (categories found in them,
 * their words kept). `commit` receives everything picked.
 */
export function pickMany(turn: Turn, input: ConversationInput, commit: (items: Item[]) => Outcome): Outcome {
  const s = turn.s;
  const t = turn.t;
  const choices = choicesFor(s);
  const finish = (items: Item[]): Outcome => {
    const all = dedupe([...s.picking, ...items]);
    s.picking = [];
    return commit(all);
  };

  if (input.kind === 'choice') {
    if (input.choice === 'none' || input.choice === 'done') return finish([]);
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
    return 'done';
  }
  if (input.kind !== 'text') return 'miss';

  const said = normalise(input.text);
  if (NOTHING.has(said) || DONE.has(said)) return finish([]);

  const numbers = parseNumbers(input.text, choices.length);
  if (numbers) {
    const ids = numbers.map((n) => choices[n - 1]!.id).filter((id) => id !== 'none');
    return finish(ids.map((id) => ({ category: id as CategoryId })));
  }

  const letters = said.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return 'miss';
  const words = input.text.trim().slice(0, MAX_WORDS);
  const found = findCategories(input.text, t.categoryWords);
  return finish(found.length > 0 ? found.map((category) => ({ category, words })) : [{ category: 'other', words }]);
}

export function saveProfile(s: ConversationState): Effect {
  return { type: 'saveProfile', name: s.profile.name, place: s.profile.place, location: s.profile.location, lang: s.lang };
}
