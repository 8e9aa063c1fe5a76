/**
 * The conversation engine: a pure function from (state, input, context) to the next
 * state and the effects to carry out. It does no I/O, reads no clock and never throws:
 * whatever a person sends, they get a kind answer and the state stays valid.
 *
 * This file decides what kind of thing a message is (a global word, an answer to a
 * request, a word for a match, a coordinator's command, or an answer to the question
 * asked) and hands it on: signup.ts, volunteer.ts and helping.ts hold the flows.
 */
import type { Effect } from './effects.js';
import { NO_FACTS, type Facts } from './facts.js';
import { answerAsk, answerFollowUp, askWaitingFollowUp, coordinatorCommand, matchWord, parseAskAnswer, relay, startFollowUp } from './helping.js';
import type { ConversationInput } from './input.js';
import { normalise, parseKeyword, parseYesNo, soundsLikeCrisis, type Keyword } from './parse.js';
import { profileWords, question } from './questions.js';
import { answerSignup } from './signup.js';
import type { ConversationState } from './state.js';
import { texts } from './texts/index.js';
import { Turn, type Outcome } from './turn.js';
import { answerVolunteer, pauseOrResume, startVolunteering } from './volunteer.js';

/** What the caller knows that the engine may use. `now` is epoch milliseconds. */
export interface StepContext {
  now: number;
  /** The person sees buttons (Telegram), so re-asks say "tap" rather than "reply 1". */
  buttons?: boolean;
  /** What the runner read for this turn: requests, matches, codes. */
  facts?: Facts;
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
    const turn = new Turn(structuredClone(state), ctx.facts ?? NO_FACTS, ctx.buttons ?? false);
    if (input.kind === 'event' && input.name !== 'followup') {
      // Not from the person: nothing to say, nothing else changes. Unreachable, they
      // leave their matches; reachable again, the runner has already set them back.
      if (input.name === 'unreachable') turn.do({ type: 'leaveIfUnreachable' });
      return { state: turn.s, effects: turn.effects };
    }
    advance(turn, input);
    if (!turn.s.optedOut) askWaitingFollowUp(turn);
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

  // Words that suggest danger come first, in any state. A coordinator always hears;
  // the person gets the numbers to call unless they opted out (then nothing is sent).
  // Nothing else changes: the conversation carries on where it was.
  if (text !== null && !keyword && soundsLikeCrisis(text, turn.t.crisisWords)) {
    turn.do({ type: 'alertCoordinator', reason: 'crisis', detail: text.trim().slice(0, 300) });
    if (!s.optedOut) turn.say(turn.t.crisis());
    return;
  }

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

  if (text !== null) {
    const asked = parseAskAnswer(text);
    if (asked) return answerAsk(turn, asked.answer, asked.code);
    if (coordinatorCommand(turn, text)) return;
    // SHARE and DONE work at any step, except where "done" means "that is all I pick".
    const picking = s.step === 'needs' || s.step === 'offers' || s.step === 'v_offers';
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

  if (s.step === 'idle') {
    // Signed up, no question open: words go to the other side of a match, and a plain
    // yes or no answers the one request they have open.
    if (relay(turn, input)) return;
    const open = turn.facts.asks.filter((a) => a.open);
    const yesNo = text !== null ? parseYesNo(text) : null;
    if (yesNo && open.length === 1) return answerAsk(turn, yesNo, open[0]!.code);
  }

  if (s.step === 'followup') {
    // Still talking with their helper while the check-in waits: pass the words on.
    const outcome = answerFollowUp(turn, input);
    if (outcome === 'miss' && relay(turn, input)) return;
    if (outcome === 'miss') missed(turn);
    return;
  }

  const outcome: Outcome | null = answerVolunteer(turn, input) ?? answerSignup(turn, input);
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
      s.volunteering = null;
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
    case 'forgetme':
      // From inside another detour, keep where that one returns.
      if (s.step !== 'forget' && s.step !== 'coordinator' && s.step !== 'followup') s.back = s.step;
      return turn.ask('forget');
  }
}

/** A misunderstood answer: ask again gently, and after a few offer a person. */
function missed(turn: Turn): void {
  const s = turn.s;
  const t = turn.t;
  s.misses += 1;
  if (s.misses >= MISSES_BEFORE_PERSON && s.step !== 'coordinator' && s.step !== 'forget' && s.step !== 'followup') {
    s.back = s.step;
    s.step = 'coordinator';
    turn.send(question(s));
    return;
  }
  switch (s.step) {
    case 'name':
      return turn.reask(t.reaskName());
    case 'postcode':
      return turn.reask(t.reaskPostcode());
    case 'needs':
    case 'offers':
    case 'v_offers':
      return turn.reask(turn.buttons ? t.reaskTapMany() : t.reaskMany());
    case 'consent':
    case 'coordinator':
    case 'forget':
    case 'v_safety':
      return turn.reask(turn.buttons ? t.reaskTap() : t.reaskYesNo());
    default:
      return turn.reask(turn.buttons ? t.reaskTap() : t.reaskChoice({ example: '1' }));
  }
}
