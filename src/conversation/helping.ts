/**
 * Helping, once people are matched or asked: a volunteer's answer to a request (a code
 * anywhere in their words, "Actually I can do tomorrow morning. YES 2474", or a plain
 * yes when only one request is open), messages passed between the two sides, SHARE,
 * DONE, the follow-up in the person's own words, and coordinators' commands.
 */
import { understand } from '../understanding/understand.js';
import type { MatchFact } from './facts.js';
import type { ConversationInput } from './input.js';
import { normalise } from './keywords.js';
import { needWords } from './questions.js';
import { pickOne, type Outcome, type Turn } from './turn.js';

/** Answers a request: yes, no, or later (a kind no: "we'll ask you another time"). */
export function answerAsk(turn: Turn, answer: 'yes' | 'no' | 'later', code: string): void {
  const t = turn.t;
  const ask = turn.facts.asks.find((a) => a.code === code);
  if (!ask) return turn.say(t.askUnknown({ code }));
  if (!ask.open) return turn.say(answer === 'yes' ? t.askTaken() : t.askDeclined());
  turn.do({ type: 'answerAsk', needId: ask.needId, code, answer: answer === 'yes' ? 'yes' : 'no' });
  if (answer === 'no') return turn.say(t.askDeclined());
  if (answer === 'later') return turn.say(t.askLater());
  turn.send({ lang: turn.s.lang, text: t.askAccepted({ name: ask.requester ?? t.someone, what: ask.what }) }, 'normal', ask.requesterId);
}

/**
 * A request answered by its code, wherever the code is in their words. A code with no
 * yes or no is asked about; "YES 9999" with a code they were never sent is told so.
 * Returns whether the message was about a request.
 */
export function answerByCode(turn: Turn): boolean {
  const u = turn.u;
  if (!u || u.codes.length === 0) return false;
  const known = u.codes.filter((c) => turn.facts.asks.some((a) => a.code === c));
  // With a request's code, the words are an answer to it, whatever else was asked.
  const read = known.length > 0 && u.answers.length === 0 ? understand(u.text, { lang: turn.s.lang, expecting: 'ask' }) : u;
  // Both a yes and a no: we ask which, rather than guess.
  const both = read.answers.includes('yes') && read.answers.includes('no');
  const answer = both ? null : read.answers.includes('yes') ? 'yes' : read.answers.includes('no') ? 'no' : read.answers.includes('later') ? 'later' : null;
  if (known.length > 0) {
    const code = known[known.length - 1]!;
    if (answer) answerAsk(turn, answer, code);
    else turn.say(turn.t.askWhich({ code }));
    return true;
  }
  // "YES 4821" with nothing else, for a request we cannot find: say so, kindly.
  const only = /^\s*(?:yes|y|no|n)\s*[#:.,-]?\s*\d{4}\s*[.!]?\s*$|^\s*\d{4}\s*(?:yes|y|no|n)\s*[.!]?\s*$/i.test(u.text);
  if (only) {
    turn.say(turn.t.askUnknown({ code: u.codes[0]! }));
    return true;
  }
  return false;
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
  turn.say(turn.t.whichMatch({ names: turn.t.join(names), example: example(names[0]!) }));
}

const WELSH_MATCH_WORDS: Readonly<Record<string, string>> = { rhannu: 'share', gorffen: 'done', gorffenedig: 'done' };

/**
 * Words that only mean something to someone in a match: SHARE and DONE (with a name
 * after them when they are in more than one). Returns whether the text was one.
 */
export function matchWord(turn: Turn, text: string): boolean {
  const [said = '', ...rest] = normalise(text).replace(/^\//, '').split(' ');
  // RHANNU and GORFFEN, as the Welsh texts say them.
  const word = turn.langs.includes('cy') ? (WELSH_MATCH_WORDS[said] ?? said) : said;
  if (turn.facts.matches.length === 0 || (word !== 'share' && word !== 'done' && word !== 'finished')) return false;
  const t = turn.t;
  const picked = matchFor(turn, rest.join(' '));
  if (picked === null) return false;
  if (picked === 'which') {
    askWhich(turn, (name) => `${said.toUpperCase()} ${name}`);
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
  // The person helped may thank their helper; it reaches them even with the match closed.
  if (match.role === 'requester') offerThanks(turn, match.id, match.partnerId, partner);
  return true;
}

/** Asks whether they would like to thank their helper; their next words go to them. */
export function offerThanks(turn: Turn, matchId: string, partnerId: string, name: string): void {
  const s = turn.s;
  s.thanking = { matchId, partnerId, name };
  if (s.step !== 'thank') s.back = s.step === 'followup' ? (s.back ?? 'idle') : s.step;
  turn.ask('thank');
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
export function startFollowUp(
  turn: Turn,
  event: { matchId: string; partner: string | null; partnerId?: string; need?: { category: string; words: string | null }; what?: string },
): void {
  const s = turn.s;
  const what = event.need ? needWords(event.need, turn.t) : (event.what ?? turn.t.whatTheyAsked);
  s.followup = { matchId: event.matchId, name: event.partner ?? turn.t.yourHelper, what, about: event.partnerId ?? null };
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

/**
 * The answer to "Did Sam help?", in numbers, buttons or words: "yes she was lovely",
 * "Not yet, she is ringing me tomorrow", "she never turned up". A problem's words go
 * to the coordinator. Anything else is not an answer (and may be for their helper).
 */
export function answerFollowUp(turn: Turn, input: ConversationInput): Outcome {
  const s = turn.s;
  const t = turn.t;
  const followup = s.followup;
  if (!followup) {
    s.step = s.back ?? 'idle';
    return 'done';
  }
  const u = turn.u;
  let choice = pickOne(turn, input, { no: 'notyet', later: 'notyet' });
  if (u?.problem) choice = 'problem';
  if (choice !== 'yes' && choice !== 'notyet' && choice !== 'problem') return 'miss';
  const outcome = choice === 'yes' ? 'helped' : choice === 'notyet' ? 'not_yet' : 'problem';
  const words = input.kind === 'text' ? input.text.trim().slice(0, 300) : undefined;
  turn.do(
    outcome === 'problem' && words && !u?.onlyNumbers
      ? { type: 'followUpOutcome', matchId: followup.matchId, outcome, words }
      : { type: 'followUpOutcome', matchId: followup.matchId, outcome },
  );
  s.followup = null;
  const back = s.back ?? (s.onboarded ? 'idle' : 'new');
  s.back = null;
  if (choice === 'yes') {
    turn.say(t.followUpThanks());
    s.step = back;
    if (followup.about) {
      s.back = back;
      offerThanks(turn, followup.matchId, followup.about, followup.name);
      return 'done';
    }
    inviteToGive(turn);
  } else {
    turn.say(choice === 'notyet' ? t.followUpNotYet() : t.followUpProblem());
    s.step = back;
  }
  turn.askAgain();
  return 'done';
}

/** Gently, and only to someone who has not offered anything yet: people often like to help too. */
export function inviteToGive(turn: Turn): void {
  if (turn.s.profile.offers.length === 0 && !turn.facts.hasOffers) turn.say(turn.t.followUpInvite());
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
