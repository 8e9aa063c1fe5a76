/**
 * Helping, once people are matched or asked: a volunteer's YES or NO to a request
 * (with its code, or a plain yes when only one request is open), messages passed
 * between the two sides, SHARE, DONE, the follow-up, and coordinators' commands.
 */
import type { MatchFact } from './facts.js';
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
  turn.send({ lang: turn.s.lang, text: t.askAccepted({ name: ask.requester ?? t.someone, what: ask.what }) }, 'normal', ask.requesterId);
}

/**
 * Which match some words are for: the only one, or, for someone in more than one,
 * the one whose partner's name the words start with ("Rita: see you at 3").
 */
function matchFor(turn: Turn, words: string): { match: MatchFact; rest: string } | 'which' | null {
  const matches = turn.facts.matches;
  if (matches.length === 0) return null;
  if (matches.length === 1) return { match: matches[0]!, rest: words };
  const m = /^\s*(?:to\s+)?([\p{L}][\p{L}'-]*)\s*[:,]?\s*([\s\S]*)$/u.exec(words);
  const name = m?.[1]?.toLowerCase();
  const match = name ? matches.find((x) => x.partner?.toLowerCase() === name) : undefined;
  return match && m ? { match, rest: m[2]!.trim() || words } : 'which';
}

function askWhich(turn: Turn, example: (name: string) => string): void {
  const names = turn.facts.matches.map((m) => m.partner ?? turn.t.someone);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
  turn.say(turn.t.whichMatch({ names: list, example: example(names[0]!) }));
}

/**
 * Words that only mean something to someone in a match: SHARE and DONE (with a name
 * after them when they are in more than one). Returns whether the text was one.
 */
export function matchWord(turn: Turn, text: string): boolean {
  const [word, ...rest] = normalise(text).replace(/^\//, '').split(' ');
  if (turn.facts.matches.length === 0 || (word !== 'share' && word !== 'done' && word !== 'finished')) return false;
  const t = turn.t;
  const picked = matchFor(turn, rest.join(' '));
  if (picked === null) return false;
  if (picked === 'which') {
    askWhich(turn, (name) => `${word.toUpperCase()} ${name}`);
    return true;
  }
  const match = picked.match;
  const partner = match.partner ?? (match.role === 'requester' ? t.yourHelper : t.someone);
  if (word === 'share') {
    // The handler sends the contact details once both have agreed (again, if asked again).
    turn.do({ type: 'share', matchId: match.id });
    if (!match.theyShared) turn.send({ lang: turn.s.lang, text: t.shareWaiting({ name: partner }) }, 'normal', match.partnerId);
    return true;
  }
  turn.do({ type: 'closeMatch', matchId: match.id });
  turn.say(t.matchDone());
  return true;
}

/** Passes free words to the other side of a match. Returns whether it dealt with them. */
export function relay(turn: Turn, input: ConversationInput): boolean {
  if (input.kind !== 'text' || input.text.trim() === '') return false;
  const picked = matchFor(turn, input.text.trim());
  if (picked === null) return false;
  if (picked === 'which') {
    askWhich(turn, (name) => `${name}: your message`);
    return true;
  }
  turn.do({ type: 'relay', matchId: picked.match.id, text: picked.rest.slice(0, 1000) });
  return true;
}

/**
 * A follow-up arrives (from a timer): ask whether the help came, now if no other
 * question is open, else as soon as it is answered (see askWaitingFollowUp).
 */
export function startFollowUp(turn: Turn, event: { matchId: string; partner: string | null; partnerId?: string; what: string }): void {
  const s = turn.s;
  s.followup = { matchId: event.matchId, name: event.partner ?? turn.t.yourHelper, what: event.what, about: event.partnerId ?? null };
  if (s.step === 'idle' || s.step === 'followup') {
    s.back = 'idle';
    turn.ask('followup');
  }
}

/** Asks a follow-up that was waiting for another question to be answered. */
export function askWaitingFollowUp(turn: Turn): void {
  if (turn.s.followup && turn.s.step === 'idle') {
    turn.s.back = 'idle';
    turn.ask('followup');
  }
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
