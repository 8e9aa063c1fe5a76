/**
 * Helping, once people are matched or asked: a volunteer's YES or NO to a request
 * (with its code, or a plain yes when only one request is open), messages passed
 * between the two sides, SHARE, DONE, the follow-up, and coordinators' commands.
 */
import type { ConversationInput } from './input.js';
import { normalise } from './parse.js';
import { pickOne, type Outcome, type Turn } from './turn.js';

/** "YES 4821", "yes4821", "No 4821.", "4821 yes". */
export function parseAskAnswer(text: string): { answer: 'yes' | 'no'; code: string } | null {
  const t = normalise(text);
  const m = /^(yes|y|yeah|yep|ok|okay|no|n|nope)\s*[#:.,-]?\s*(\d{4})$/.exec(t) ?? /^(\d{4})\s*[#:.,-]?\s*(yes|y|no|n)$/.exec(t);
  if (!m) return null;
  const [word, code] = /^\d/.test(m[1]!) ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
  return { answer: /^(no|n|nope)$/.test(word) ? 'no' : 'yes', code };
}

/** Answers a request by its code. */
export function answerAsk(turn: Turn, answer: 'yes' | 'no', code: string): void {
  const t = turn.t;
  const ask = turn.facts.asks.find((a) => a.code === code);
  if (!ask) return turn.say(t.askUnknown({ code }));
  if (!ask.open) return turn.say(answer === 'yes' ? t.askTaken() : t.askDeclined());
  turn.do({ type: 'answerAsk', needId: ask.needId, code, answer });
  if (answer === 'no') return turn.say(t.askDeclined());
  turn.say(t.askAccepted({ name: ask.requester ?? t.someone, what: ask.what }));
}

/**
 * Words that only mean something to someone in a match: SHARE and DONE. They apply to
 * the newest active match. Returns whether the text was one of them.
 */
export function matchWord(turn: Turn, text: string): boolean {
  const match = turn.facts.matches[0];
  if (!match) return false;
  const word = normalise(text).replace(/^\//, '');
  const t = turn.t;
  const partner = match.partner ?? (match.role === 'requester' ? t.yourHelper : t.someone);
  if (word === 'share') {
    if (!match.iShared) turn.do({ type: 'share', matchId: match.id });
    // When both have agreed, the contact details themselves come from the handler.
    if (!match.theyShared) turn.say(t.shareWaiting({ name: partner }));
    return true;
  }
  if (word === 'done' || word === 'finished') {
    turn.do({ type: 'closeMatch', matchId: match.id });
    turn.say(t.matchDone());
    return true;
  }
  return false;
}

/** Passes free words to the other side of the newest match. Returns whether it did. */
export function relay(turn: Turn, input: ConversationInput): boolean {
  const match = turn.facts.matches[0];
  if (!match || input.kind !== 'text' || input.text.trim() === '') return false;
  turn.do({ type: 'relay', matchId: match.id, text: input.text.trim().slice(0, 1000) });
  return true;
}

/** A follow-up arrives (from a timer): ask whether the help came. */
export function startFollowUp(turn: Turn, event: { matchId: string; partner: string | null; what: string }): void {
  const s = turn.s;
  s.followup = { matchId: event.matchId, name: event.partner ?? turn.t.yourHelper, what: event.what };
  if (s.step !== 'followup' && s.step !== 'forget' && s.step !== 'coordinator') s.back = s.step;
  turn.ask('followup');
}

export function answerFollowUp(turn: Turn, input: ConversationInput): Outcome {
  const s = turn.s;
  const t = turn.t;
  const followup = s.followup;
  const choice = pickOne(turn, input, { no: 'notyet' });
  if (!followup) {
    s.step = s.back ?? 'idle';
    return 'done';
  }
  if (choice !== 'yes' && choice !== 'notyet' && choice !== 'problem') return 'miss';
  const outcome = choice === 'yes' ? 'helped' : choice === 'notyet' ? 'not_yet' : 'problem';
  turn.do({ type: 'followUpOutcome', matchId: followup.matchId, outcome });
  if (choice === 'yes') {
    turn.say(t.followUpThanks());
    // Gently, and only to someone who has not offered anything yet.
    if (s.profile.offers.length === 0 && !turn.facts.hasOffers) turn.say(t.followUpGiveBack());
  } else {
    turn.say(choice === 'notyet' ? t.followUpNotYet() : t.followUpProblem());
  }
  s.followup = null;
  s.step = s.back ?? (s.onboarded ? 'idle' : 'new');
  s.back = null;
  turn.askAgain();
  return 'done';
}

/** A coordinator's command (VERIFY code, NEEDS). Returns whether the text was one. */
export function coordinatorCommand(turn: Turn, text: string): boolean {
  if (!turn.facts.coordinator) return false;
  const t = normalise(text);
  const verify = /^verify\s+([a-z0-9]{4,10})$/.exec(t);
  if (verify) {
    turn.do({ type: 'coordinatorCommand', command: 'verify', code: verify[1]!.toUpperCase() });
    return true;
  }
  if (t === 'needs' || t === 'open needs') {
    turn.do({ type: 'coordinatorCommand', command: 'needs' });
    return true;
  }
  return false;
}
