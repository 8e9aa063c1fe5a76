/**
 * The conversation engine: a pure function from (state, input, context) to the next
 * state and the effects to carry out. It does no I/O, reads no clock and never throws:
 * whatever a person sends, they get a kind answer and the state stays valid.
 *
 * This file decides what kind of thing a message is (words of danger, a global word,
 * an answer to a request, a word for a match, a coordinator's command, or an answer to
 * the question asked) and hands it on: safety.ts, signup.ts, volunteer.ts and
 * helping.ts hold the flows. Every text is read once, by the understanding step
 * (src/understanding), in the context of the question asked.
 */
import { understand } from '../understanding/understand.js';
import type { Effect } from './effects.js';
import { NO_FACTS, type Facts } from './facts.js';
import { answerByCode, answerFollowUp, askWaitingFollowUp, coordinatorCommand, matchWord, startFollowUp } from './helping.js';
import { answerIdle, noteUnplaced } from './idle.js';
import type { ConversationInput } from './input.js';
import { parseKeyword, type Keyword } from './keywords.js';
import { contextFor, hintFor, profileWords, question, reaskQuestion } from './questions.js';
import { answerSafety, answerThank, crisis } from './safety.js';
import { answerSignup } from './signup.js';
import type { ConversationState } from './state.js';
import { texts, type Lang } from './texts/index.js';
import { fingerprint, REASKS_PER_30S, REPEATS_HELD, Turn, type Outcome } from './turn.js';
import { answerVolunteer, pauseOrResume, startVolunteering } from './volunteer.js';

/** What the caller knows that the engine may use. `now` is epoch milliseconds. */
export interface StepContext {
  now: number;
  /** The person sees buttons (Telegram), so re-asks say "tap" rather than "reply 1". */
  buttons?: boolean;
  /** What the inbound worker read for this turn: requests, matches, codes. */
  facts?: Facts;
  /** The languages switched on (LANGUAGES); English alone when not given. */
  langs?: readonly Lang[];
}

export interface StepResult {
  state: ConversationState;
  effects: Effect[];
}

/** Misunderstood answers in a row before a person is offered. */
export const MISSES_BEFORE_PERSON = 3;

/**
 * Takes one step of a conversation. The given state is not changed; a new one is
 * returned. If anything inside goes wrong, the person hears a short apology and the
 * state stays as it was.
 */
export function step(state: ConversationState, input: ConversationInput, ctx: StepContext): StepResult {
  try {
    const turn = new Turn(structuredClone(state), ctx.facts ?? NO_FACTS, ctx.buttons ?? false, ctx.now);
    turn.langs = ctx.langs && ctx.langs.length > 0 ? ctx.langs : ['en'];
    // A language since switched off: English, until they choose again.
    if (!turn.langs.includes(turn.s.lang)) turn.s.lang = 'en';
    if (input.kind === 'event' && input.name !== 'followup') {
      // Not from the person: nothing to say, nothing else changes. Unreachable, they
      // leave their matches; reachable again, the inbound worker has already set them back.
      if (input.name === 'unreachable') turn.do({ type: 'leaveIfUnreachable' });
      return { state: turn.s, effects: turn.effects };
    }
    const repeats = noteRepeat(turn, input, ctx.now);
    const before = { step: turn.s.step, answered: turn.s.answered.length };
    advance(turn, input);
    noteConcern(turn);
    if (!turn.s.optedOut) askWaitingFollowUp(turn);
    if (!guardChatter(turn, input, before, ctx.now)) return { state: turn.s, effects: turn.effects.filter((e) => e.type !== 'reply') };
    // The very same words again and again at machine speed (an auto-responder): they
    // have had their answer; it is not sent again, nor passed on to anyone.
    if (repeats >= REPEATS_HELD) return { state: turn.s, effects: turn.effects.filter((e) => e.type !== 'reply' && e.type !== 'relay') };
    return { state: turn.s, effects: turn.effects };
  } catch {
    return { state, effects: [{ type: 'reply', reply: { lang: state.lang, text: texts(state.lang).sorryError() }, purpose: 'normal' }] };
  }
}

/** Steps whose reaching is progress: a question further on. */
const FORWARD: ReadonlySet<string> = new Set([
  'name',
  'postcode',
  'needs',
  'offers',
  'confirm',
  'v_offers',
  'v_distance',
  'v_when',
  'v_safety',
  'followup',
  'safety',
  'thank',
]);

/**
 * The auto-responder guard. A typed message that moves nothing forward counts when all
 * the bot would say is a re-ask ("Sorry, I did not understand", the idle line), or when
 * it only goes round the welcome (an auto-reply read as "no", then as "hello"); the
 * fifth such in a row within 30 seconds, and any after it, are not answered. A button
 * press, an answer, a question answered, HELP, and anything about safety never count,
 * and anything that moves forward starts the count again. Returns whether this turn's
 * replies may go.
 */
function guardChatter(turn: Turn, input: ConversationInput, before: { step: string; answered: number }, now: number): boolean {
  const s = turn.s;
  if (input.kind !== 'text' || s.step === 'safety' || (turn.u && turn.u.crisis.grade !== 'none')) return true;
  // Words put quietly before a coordinator to read are not progress: an auto-responder's would be.
  const progressed =
    turn.effects.some((e) => e.type !== 'reply' && !(e.type === 'alertCoordinator' && (e.reason === 'unread' || e.reason === 'concern'))) ||
    s.answered.length > before.answered ||
    (s.step !== before.step && FORWARD.has(s.step)) ||
    s.optedOut;
  if (progressed || !turn.effects.some((e) => e.type === 'reply')) {
    if (progressed) s.reasks = [];
    return true;
  }
  const replies = turn.effects.filter((e) => e.type === 'reply');
  const onlyReasks = replies.every((e) => e.type === 'reply' && e.reask);
  const roundTheWelcome = ['new', 'consent', 'declined'].includes(before.step) && ['new', 'consent', 'declined'].includes(s.step);
  if (!onlyReasks && !roundTheWelcome) return true;
  s.reasks = [...(s.reasks ?? []).filter((at) => now - at < 30_000), now];
  return s.reasks.length <= REASKS_PER_30S;
}

/**
 * Words the phrase lists did not read as a crisis but the second opinion thinks may be
 * one: put quietly before a coordinator to read. The person's answer is unchanged.
 */
function noteConcern(turn: Turn): void {
  const u = turn.u;
  if (!u?.concern || turn.silent || turn.s.optedOut) return;
  if (turn.effects.some((e) => e.type === 'alertCoordinator')) return;
  turn.do({ type: 'alertCoordinator', reason: 'concern', detail: u.text.slice(0, 300), name: turn.s.profile.name });
}

/** Counts the same words arriving again within 30 seconds (see ConversationState.heard); returns how many times in a row. */
function noteRepeat(turn: Turn, input: ConversationInput, now: number): number {
  if (input.kind !== 'text') return 0;
  const hash = fingerprint(input.text);
  const heard = turn.s.heard;
  const times = heard && heard.hash === hash && now - heard.at < 30_000 ? heard.times + 1 : 0;
  turn.s.heard = { hash, at: now, times };
  return times;
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
  const keyword: Keyword | null = text !== null ? parseKeyword(text, turn.langs) : input.kind === 'start' ? 'start' : null;
  if (text !== null && !keyword) turn.u = understand(text, contextFor(s, turn.facts.asks.filter((a) => a.open).length, turn.langs));

  // Words that suggest danger come first, in any state (see safety.ts). A coordinator
  // always hears of clear danger; the person gets the numbers to call unless they
  // opted out. The rest of the message is still understood and answered.
  // At the safety question its answer is read there, unless they have opted out since.
  if (turn.u && turn.u.crisis.grade !== 'none' && (s.step !== 'safety' || s.optedOut)) return crisis(turn, input, () => proceed(turn, input, keyword));

  if (s.optedOut) {
    // Nothing is sent to someone who opted out until they come back with START
    // (or the carriers' other opt-in words).
    const backIn = keyword === 'start' || (text !== null && /^\s*(yes|unstop)\s*[.!]?\s*$/i.test(text));
    if (!backIn) return;
    s.optedOut = false;
    turn.do({ type: 'optIn' });
    if (input.kind === 'start' && input.payload === 'volunteer') s.volunteer = true;
    if (s.step === 'new' || s.step === 'declined') return turn.ask('consent');
    turn.say(turn.t.welcomeBack());
    return turn.askAgain();
  }
  proceed(turn, input, keyword);
}

/** Everything after danger and opt-out: global words, requests, matches, the question asked. */
function proceed(turn: Turn, input: ConversationInput, keyword: Keyword | null): void {
  const s = turn.s;
  const text = input.kind === 'text' ? input.text : null;
  if (s.step === 'safety' && keyword === 'help') {
    // "HELP" to "are you safe right now?" is a cry for help, not a question about valued.
    answerSafety(turn, input, true);
    return;
  }
  if (s.step === 'safety' && keyword === 'stop') {
    // They stop before saying whether they are safe: a person from the team follows up.
    turn.do({
      type: 'alertCoordinator',
      reason: 'distress',
      detail: `${s.safety?.words ?? ''} / stopped when asked if safe`.slice(0, 300),
      name: s.profile.name,
    });
  }
  if (keyword) return globalWord(turn, keyword, input);

  if (text !== null) {
    if (answerByCode(turn)) return;
    if (coordinatorCommand(turn, text)) return;
    // SHARE and DONE work at any step, except where "done" means "that is all I pick".
    const picking = s.step === 'needs' || s.step === 'offers' || s.step === 'v_offers' || s.step === 'v_when';
    if (!picking && matchWord(turn, text)) return;
  }

  switch (input.kind) {
    case 'unsupported':
      return turn.say(turn.t.unsupportedMedia());
    case 'contact':
      return turn.say(turn.t.contactNotKept());
    case 'edited':
      return turn.say(turn.t.editedMessage());
    case 'event':
      return input.name === 'followup' ? startFollowUp(turn, input) : undefined;
    case 'choice':
      if (input.step !== s.step) {
        turn.say(turn.t.staleButton());
        return turn.askAgain();
      }
      break;
    case 'location': {
      const where = coordinates(input);
      if (!where) return turn.say(turn.t.unsupportedMedia());
      input = { ...input, ...where };
      const beforeConsent = s.step === 'new' || s.step === 'declined' || s.step === 'consent';
      if (s.step !== 'postcode' && !beforeConsent) {
        s.profile.location = where;
        if (s.onboarded) {
          turn.do({ type: 'saveProfile', name: s.profile.name, place: s.profile.place, location: s.profile.location, lang: s.lang });
          return turn.say(turn.t.saved({ what: turn.t.yourLocation }));
        }
        return turn.askAgain();
      }
      break;
    }
    default:
      break;
  }

  let outcome: Outcome | null;
  if (s.step === 'safety') outcome = answerSafety(turn, input);
  else if (s.step === 'thank') outcome = answerThank(turn, input);
  else if (s.step === 'idle') outcome = answerIdle(turn, input);
  // At the check-in, words that answer nothing are asked about again, never passed to
  // the helper: "he asked me for money" is for a coordinator, not for him.
  else if (s.step === 'followup') outcome = answerFollowUp(turn, input);
  else outcome = answerVolunteer(turn, input) ?? answerSignup(turn, input);

  if (outcome === 'miss') missed(turn);
  else if (outcome === 'done' && s.step !== 'coordinator') s.misses = 0;
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
    case 'help': {
      // HELP answers for where they are: the question open, a match, or nothing open.
      if (s.step === 'idle') {
        const match = turn.facts.matches[0];
        return turn.say(match ? t.helpMatched({ name: match.partner ?? (match.role === 'requester' ? t.yourHelper : t.someone) }) : t.help());
      }
      turn.say(t.helpAsked({ hint: hintFor(s, t) }));
      return turn.askAgain();
    }
    case 'menu':
      if (fresh) return turn.ask('consent');
      if (!s.onboarded) {
        turn.say(t.finishFirst());
        return turn.askAgain();
      }
      s.resume = null;
      s.back = null;
      s.picking = [];
      s.volunteering = null;
      s.safety = null;
      s.thanking = null;
      return turn.ask('menu');
    case 'volunteer':
      s.volunteer = true;
      if (fresh) return turn.ask('consent');
      if (!s.onboarded) {
        turn.say(t.volunteerThanks());
        return turn.askAgain();
      }
      s.resume = null;
      return startVolunteering(turn);
    case 'pause':
    case 'resume':
      return pauseOrResume(turn, keyword === 'pause');
    case 'mydata':
      return turn.say(t.myData(profileWords(s.profile, t)));
    case 'cymraeg':
    case 'english':
      return turn.switchLang(keyword === 'cymraeg' ? 'cy' : 'en');
    case 'forgetme':
      // From inside another detour, keep where that one returns.
      if (!['forget', 'coordinator', 'followup', 'safety', 'thank'].includes(s.step)) s.back = s.step;
      return turn.ask('forget');
  }
}

/** A misunderstood answer: ask again gently, choices and all, and after a few offer a person. */
function missed(turn: Turn): void {
  const s = turn.s;
  if (turn.quiet || turn.silent) return;
  s.misses += 1;
  // Several words that answer nothing: a person reads them too (the re-ask still goes).
  noteUnplaced(turn);
  if (s.misses >= MISSES_BEFORE_PERSON && !['coordinator', 'forget', 'followup', 'safety', 'thank'].includes(s.step)) {
    s.back = s.step;
    s.step = 'coordinator';
    s.misses = 0;
    turn.reask(question(s, false, turn.langs));
    return;
  }
  turn.reask(reaskQuestion(s, turn.langs));
}
