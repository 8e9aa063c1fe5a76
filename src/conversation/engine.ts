/**
 * The conversation engine: a pure function from (state, input, context) to the next
 * state and the effects to carry out. It does no I/O, reads no clock and never throws:
 * whatever a person sends, they get a kind answer and the state stays valid.
 */
import type { CategoryId, Item } from './categories.js';
import type { Effect } from './effects.js';
import type { ConversationInput } from './input.js';
import { findCategories, normalise, parseKeyword, parseName, parseNumbers, parsePlace, parseYesNo, sameWord, type Keyword } from './parse.js';
import { choicesFor, itemsWords, profileWords, question } from './questions.js';
import type { Reply } from './reply.js';
import { initialState, type ConversationState, type Step } from './state.js';
import { texts, type Catalogue } from './texts/index.js';

/** What the caller knows that the engine may use. `now` is epoch milliseconds. */
export interface StepContext {
  now: number;
  /** The person sees buttons (Telegram), so re-asks say "tap" rather than "reply 1". */
  buttons?: boolean;
}

export interface StepResult {
  state: ConversationState;
  effects: Effect[];
}

/** Misunderstood answers in a row before a person is offered. */
export const MISSES_BEFORE_PERSON = 3;

/** Free words longer than this are kept only up to it. */
const MAX_WORDS = 500;

/** Builds one turn's effects while the state copy is changed in place. */
class Turn {
  readonly effects: Effect[] = [];
  constructor(
    readonly s: ConversationState,
    readonly buttons = false,
  ) {}

  get t(): Catalogue {
    return texts(this.s.lang);
  }

  say(text: string, purpose: 'normal' | 'optout_ack' = 'normal'): void {
    this.send({ lang: this.s.lang, text }, purpose);
  }

  send(reply: Reply, purpose: 'normal' | 'optout_ack' = 'normal'): void {
    this.effects.push({ type: 'reply', reply, purpose });
  }

  /** Moves to a step and asks its question. */
  ask(step: Step): void {
    this.s.step = step;
    this.s.misses = 0;
    this.send(question(this.s));
  }

  /** Asks the current question again, unless there is none (idle). */
  askAgain(): void {
    if (this.s.step !== 'idle') this.send(question(this.s));
  }

  do(effect: Effect): void {
    this.effects.push(effect);
  }
}

type Outcome = 'done' | 'miss';

/**
 * Takes one step of a conversation. The given state is not changed; a new one is
 * returned. If anything inside goes wrong, the person hears a short apology and the
 * state stays as it was.
 */
export function step(state: ConversationState, input: ConversationInput, ctx: StepContext): StepResult {
  try {
    const turn = new Turn(structuredClone(state), ctx.buttons ?? false);
    advance(turn, input);
    return { state: turn.s, effects: turn.effects };
  } catch {
    return { state, effects: [{ type: 'reply', reply: { lang: state.lang, text: texts(state.lang).sorryError() }, purpose: 'normal' }] };
  }
}

/** Coordinates worth keeping: finite, on Earth, rounded to about a metre. */
function coordinates(input: { latitude: number; longitude: number }): { latitude: number; longitude: number } | null {
  const { latitude, longitude } = input;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  const round = (n: number) => Math.round(n * 1e5) / 1e5 + 0; // + 0 turns -0 into 0
  return { latitude: round(latitude), longitude: round(longitude) };
}

function advance(turn: Turn, input: ConversationInput): void {
  const s = turn.s;
  const text = input.kind === 'text' ? input.text : null;
  const keyword: Keyword | null = text !== null ? parseKeyword(text) : input.kind === 'start' ? 'start' : null;

  if (s.optedOut) {
    // Nothing is sent to someone who opted out until they come back with START
    // (or the carriers' other opt-in words).
    const backIn = keyword === 'start' || (text !== null && ['yes', 'unstop'].includes(normalise(text)));
    if (!backIn) return;
    s.optedOut = false;
    turn.do({ type: 'optIn' });
    if (input.kind === 'start' && input.payload === 'volunteer') s.volunteer = true;
    if (s.step === 'new' || s.step === 'declined') return turn.ask('consent');
    turn.say(turn.t.welcomeBack());
    return turn.askAgain();
  }

  if (keyword) return globalWord(turn, keyword, input);

  if (input.kind === 'unsupported') return turn.say(turn.t.unsupportedMedia());
  if (input.kind === 'contact') return turn.say(turn.t.contactNotKept());
  if (input.kind === 'edited') return turn.say(turn.t.editedMessage());
  if (input.kind === 'choice' && input.step !== s.step) {
    turn.say(turn.t.staleButton());
    return turn.askAgain();
  }
  if (input.kind === 'location') {
    const where = coordinates(input);
    if (!where) return turn.say(turn.t.unsupportedMedia());
    input = { ...input, ...where };
  }
  const beforeConsent = s.step === 'new' || s.step === 'declined' || s.step === 'consent';
  if (input.kind === 'location' && s.step !== 'postcode' && !beforeConsent) {
    s.profile.location = { latitude: input.latitude, longitude: input.longitude };
    if (s.onboarded) {
      turn.do(saveProfile(s));
      return turn.say(turn.t.saved({ what: turn.t.yourLocation }));
    }
    return turn.askAgain();
  }

  const outcome = answer(turn, input);
  if (outcome === 'miss') missed(turn);
  else if (s.step !== 'coordinator') s.misses = 0;
}

function globalWord(turn: Turn, keyword: Keyword, input: ConversationInput): void {
  const s = turn.s;
  const t = turn.t;
  const fresh = s.step === 'new' || s.step === 'declined';
  switch (keyword) {
    case 'stop':
      s.optedOut = true;
      turn.do({ type: 'optOut' });
      return turn.say(t.stopped(), 'optout_ack');
    case 'start':
      if (input.kind === 'start' && input.payload === 'volunteer') return globalWord(turn, 'volunteer', input);
      if (fresh || s.step === 'consent') return turn.ask('consent');
      if (s.step === 'idle') return turn.say(t.idle());
      return turn.askAgain();
    case 'help':
      return turn.say(t.help());
    case 'menu':
      if (fresh) return turn.ask('consent');
      if (!s.onboarded) {
        turn.say(t.finishFirst());
        return turn.askAgain();
      }
      s.resume = null;
      s.back = null;
      s.picking = [];
      return turn.ask('menu');
    case 'volunteer':
      s.volunteer = true;
      if (fresh) return turn.ask('consent');
      turn.say(t.volunteerThanks());
      if (!s.onboarded) return turn.askAgain();
      s.resume = 'idle';
      s.picking = [];
      return turn.ask('offers');
    case 'mydata':
      return turn.say(t.myData(profileWords(s.profile, t)));
    case 'forgetme':
      // From inside another detour (the coordinator offer), keep where that one returns.
      if (s.step !== 'forget' && s.step !== 'coordinator') s.back = s.step;
      return turn.ask('forget');
  }
}

function answer(turn: Turn, input: ConversationInput): Outcome {
  const s = turn.s;
  const t = turn.t;
  switch (s.step) {
    case 'new':
    case 'declined':
      turn.ask('consent');
      return 'done';
    case 'consent': {
      const choice = pickOne(turn, input);
      if (choice === 'yes') {
        turn.do({ type: 'recordConsent' });
        turn.ask('name');
        return 'done';
      }
      if (choice !== 'no') return 'miss';
      s.step = 'declined';
      turn.say(t.consentDeclined());
      return 'done';
    }
    case 'name': {
      const name = input.kind === 'text' ? parseName(input.text) : null;
      if (name === null) return 'miss';
      s.profile.name = name === 'skip' ? null : name.name;
      return next(turn, 'name');
    }
    case 'postcode': {
      if (input.kind === 'location') {
        s.profile.location = { latitude: input.latitude, longitude: input.longitude };
        return next(turn, 'postcode');
      }
      const place = input.kind === 'text' ? parsePlace(input.text) : null;
      if (place === null) return 'miss';
      s.profile.place = place === 'skip' ? null : place;
      return next(turn, 'postcode');
    }
    case 'needs':
    case 'offers':
      return pickItems(turn, input, s.step);
    case 'confirm': {
      const choice = pickOne(turn, input, { no: 'change' });
      if (choice === 'yes') {
        s.onboarded = true;
        s.resume = null;
        s.step = 'idle';
        turn.do(saveProfile(s));
        turn.do({ type: 'saveItems', list: 'needs', items: s.profile.needs });
        turn.do({ type: 'saveItems', list: 'offers', items: s.profile.offers });
        turn.say(t.done({ name: s.profile.name }));
        return 'done';
      }
      if (choice !== 'change') return 'miss';
      turn.ask('change');
      return 'done';
    }
    case 'change': {
      const choice = pickOne(turn, input);
      if (choice !== 'name' && choice !== 'postcode' && choice !== 'needs' && choice !== 'offers') return 'miss';
      s.resume = 'confirm';
      turn.ask(choice);
      return 'done';
    }
    case 'menu': {
      const choice = pickOne(turn, input);
      if (choice === 'name' || choice === 'postcode' || choice === 'needs' || choice === 'offers') {
        s.resume = 'idle';
        turn.ask(choice);
        return 'done';
      }
      s.step = 'idle';
      if (choice === 'mydata') {
        turn.say(t.myData(profileWords(s.profile, t)));
        return 'done';
      }
      if (choice === 'person') {
        turn.do({ type: 'alertCoordinator', reason: 'requested', detail: 'asked to talk to a person from the menu' });
        turn.say(t.coordinatorComing());
        return 'done';
      }
      s.step = 'menu';
      return 'miss';
    }
    case 'forget': {
      const choice = pickOne(turn, input);
      if (choice === 'yes') {
        const lang = s.lang;
        turn.do({ type: 'erase' });
        Object.assign(s, initialState(lang));
        turn.say(t.forgotten());
        return 'done';
      }
      if (choice !== 'no') return 'miss';
      turn.say(t.forgetKept());
      s.step = s.back ?? (s.onboarded ? 'idle' : 'new');
      s.back = null;
      turn.askAgain();
      return 'done';
    }
    case 'coordinator': {
      const choice = pickOne(turn, input);
      if (choice !== 'yes' && choice !== 'no') return 'miss';
      const back = s.back ?? (s.onboarded ? 'idle' : 'new');
      if (choice === 'yes') {
        turn.do({ type: 'alertCoordinator', reason: 'stuck', detail: `could not answer at step ${back}` });
        turn.say(t.coordinatorComing());
      } else {
        turn.say(t.coordinatorDeclined());
      }
      s.back = null;
      s.step = back;
      s.misses = 0;
      turn.askAgain();
      return 'done';
    }
    case 'idle':
      // Signed up with no question open: "thanks", "ok", "bye" are not misunderstandings.
      turn.say(t.idle());
      return 'done';
  }
}

/**
 * After name, postcode, needs or offers: onward in sign-up, or back where the edit
 * began. An edited list replaces the old one, and the answer says what it replaced.
 */
function next(turn: Turn, answered: 'name' | 'postcode' | 'needs' | 'offers', before: Item[] = []): Outcome {
  const s = turn.s;
  if (s.resume === 'confirm') {
    s.resume = null;
    turn.ask('confirm');
    return 'done';
  }
  if (s.resume === 'idle' || s.onboarded) {
    s.resume = null;
    s.step = 'idle';
    const t = turn.t;
    if (answered === 'name' || answered === 'postcode') {
      turn.do(saveProfile(s));
      const words = profileWords(s.profile, t);
      turn.say(t.saved({ what: answered === 'name' ? words.name : words.postcode }));
    } else {
      const now = s.profile[answered];
      turn.do({ type: 'saveItems', list: answered, items: now });
      const what = itemsWords(now, t, 60);
      const changed = JSON.stringify(before) !== JSON.stringify(now);
      turn.say(before.length > 0 && changed ? t.savedInstead({ what, before: itemsWords(before, t, 30) }) : t.saved({ what }));
    }
    return 'done';
  }
  const order: Record<typeof answered, Step> = { name: 'postcode', postcode: 'needs', needs: 'offers', offers: 'confirm' };
  turn.ask(order[answered]);
  return 'done';
}

function saveProfile(s: ConversationState): Effect {
  return { type: 'saveProfile', name: s.profile.name, place: s.profile.place, location: s.profile.location, lang: s.lang };
}

const NOTHING = new Set([
  'nothing', 'none', 'no', 'nope', 'nothing now', 'not now', 'nothing right now', 'nothing thanks', 'no thanks',
  "i'm fine", 'im fine', "i'm ok", 'im ok', 'fine', 'all good', 'not at the moment', 'nothing at the moment', 'n/a',
  'na', '0', 'zero', 'nothing yet', 'not yet', 'not really',
]);
const DONE = new Set(['done', "that's all", 'thats all', 'that is all', 'finished', 'all done', "that's it", 'thats it']);

/** Reads a many-choice answer: numbers, buttons one at a time, "nothing", or own words. */
function pickItems(turn: Turn, input: ConversationInput, list: 'needs' | 'offers'): Outcome {
  const s = turn.s;
  const t = turn.t;
  const choices = choicesFor(s);
  const commit = (items: Item[]): Outcome => {
    const before = s.profile[list];
    s.profile[list] = dedupe([...s.picking, ...items]);
    s.picking = [];
    return next(turn, list, before);
  };

  if (input.kind === 'choice') {
    if (input.choice === 'none' || input.choice === 'done') return commit([]);
    const chosen = choices.find((c) => c.id === input.choice);
    if (!chosen) return 'miss';
    s.picking = dedupe([...s.picking, { category: chosen.id as CategoryId }]);
    const remaining = choicesFor(s).filter((c) => c.id !== 'none' && !s.picking.some((p) => p.category === c.id));
    turn.send({
      lang: s.lang,
      text: list === 'needs' ? t.askMoreNeeds({ added: t.category[chosen.id as CategoryId] }) : t.askMoreOffers({ added: t.category[chosen.id as CategoryId] }),
      choices: [...remaining, { id: 'done', label: t.choice.allDone }],
      select: 'many',
      step: s.step,
    });
    return 'done';
  }
  if (input.kind !== 'text') return 'miss';

  const said = normalise(input.text);
  if (NOTHING.has(said) || DONE.has(said)) return commit([]);

  const numbers = parseNumbers(input.text, choices.length);
  if (numbers) {
    const ids = numbers.map((n) => choices[n - 1]!.id).filter((id) => id !== 'none');
    return commit(ids.map((id) => ({ category: id as CategoryId })));
  }

  const letters = said.replace(/[^\p{L}]/gu, '');
  if (letters.length < 3) return 'miss';
  const words = input.text.trim().slice(0, MAX_WORDS);
  const found = findCategories(input.text, t.categoryWords);
  return commit(found.length > 0 ? found.map((category) => ({ category, words })) : [{ category: 'other', words }]);
}

function dedupe(items: Item[]): Item[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.category === 'other' ? `other:${(item.words ?? '').toLowerCase()}` : item.category;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Reads a one-choice answer: a button, a number, yes or no where those are choices,
 * or the label itself ("postcode"). `aliases` maps yes/no onto other choices.
 */
function pickOne(turn: Turn, input: ConversationInput, aliases: Partial<Record<'yes' | 'no', string>> = {}): string | null {
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

/** A misunderstood answer: ask again gently, and after a few offer a person. */
function missed(turn: Turn): void {
  const s = turn.s;
  const t = turn.t;
  s.misses += 1;
  if (s.misses >= MISSES_BEFORE_PERSON && s.step !== 'coordinator' && s.step !== 'forget') {
    s.back = s.step;
    s.step = 'coordinator';
    turn.send(question(s));
    return;
  }
  switch (s.step) {
    case 'name':
      return turn.say(t.reaskName());
    case 'postcode':
      return turn.say(t.reaskPostcode());
    case 'needs':
    case 'offers':
      return turn.say(turn.buttons ? t.reaskTapMany() : t.reaskMany());
    case 'consent':
    case 'coordinator':
    case 'forget':
      return turn.say(turn.buttons ? t.reaskTap() : t.reaskYesNo());
    default:
      return turn.say(turn.buttons ? t.reaskTap() : t.reaskChoice({ example: '1' }));
  }
}
