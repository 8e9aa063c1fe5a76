/**
 * Safety: words that suggest danger, graded by the understanding step.
 *
 * - Clear danger: the numbers to call, by kind (999 and Samaritans; 999 and NHS 111;
 *   999, the silent 55 and the Domestic Abuse Helpline), with a word of care, and an
 *   urgent coordinator alert naming the person's first name or "a new member". The
 *   rest of the message is still understood and answered.
 * - Possible distress: a gentle "Are you safe right now?" with the numbers; no urgent
 *   alert unless they say no, cannot say, or say more. What else the message said is
 *   kept, and its question waits until they have answered.
 *
 * After STOP nothing is sent, but a coordinator still hears. Alerts are kept to one an
 * hour per person by the effect handler.
 *
 * Also here: thanking a helper after the help, which is the other moment a person's
 * next words are not read as an answer to a question.
 */
import type { ConversationInput } from './input.js';
import { inviteToGive } from './helping.js';
import { pickOne, type Outcome, type Turn } from './turn.js';

/** Their words for the coordinator, kept short. */
function detailOf(input: ConversationInput): string {
  return input.kind === 'text' ? input.text.trim().slice(0, 300) : '';
}

/** Words of danger, at any step but the safety question itself. `rest` reads the rest of the message. */
export function crisis(turn: Turn, input: ConversationInput, rest: () => void): void {
  const s = turn.s;
  const reading = turn.u!.crisis;
  const kind = reading.kind ?? 'self';
  const name = s.profile.name;
  const detail = detailOf(input);
  // Words of danger are never passed on to a helper, as a message or as thanks.
  const restKept = () => {
    const from = turn.effects.length;
    rest();
    turn.effects.splice(from, Infinity, ...turn.effects.slice(from).filter((e) => e.type !== 'relay' && e.type !== 'thank'));
  };
  const quote = reading.words;
  if (reading.grade === 'danger') {
    turn.do({ type: 'alertCoordinator', reason: 'crisis', detail, name, quote });
    if (s.optedOut) return;
    turn.say(turn.t.crisis({ kind }));
    // The rest is still understood and answered; what is not understood asks nothing more.
    turn.quiet = true;
    restKept();
    return;
  }
  if (s.optedOut) {
    // They cannot be asked: someone from the team can.
    turn.do({ type: 'alertCoordinator', reason: 'distress', detail, name, quote });
    return;
  }
  // Keep what else they said; its question waits until they have answered this one.
  turn.silent = true;
  restKept();
  turn.silent = false;
  const back = s.step === 'safety' ? (s.safety?.back ?? 'idle') : s.step;
  s.safety = { kind, words: detail, back };
  turn.ask('safety');
}

/** The answer to "Are you safe right now?". `notSafe`: they said HELP, which is a no. */
export function answerSafety(turn: Turn, input: ConversationInput, notSafe = false): Outcome {
  const s = turn.s;
  const t = turn.t;
  const safety = s.safety ?? { kind: 'self' as const, words: '', back: s.onboarded ? ('idle' as const) : ('new' as const) };
  const u = turn.u;
  const choice = pickOne(turn, input);
  const grade = u?.crisis.grade ?? 'none';
  const back = () => {
    s.safety = null;
    s.step = safety.back;
  };
  if (choice === 'yes' && grade === 'none' && !notSafe) {
    turn.say(t.safeThanks());
    back();
    turn.askAgain();
    return 'done';
  }
  if (notSafe || choice === 'no' || grade !== 'none') {
    // Not safe, not sure, or more words of danger: a person from the team, now.
    const words = [safety.words, detailOf(input)].filter(Boolean).join(' / ').slice(0, 300);
    turn.do({ type: 'alertCoordinator', reason: 'crisis', detail: words, name: s.profile.name });
    const own = u?.crisis.words && u.crisis.kind && u.crisis.words !== u.text.slice(0, 200) ? u.crisis.kind : null;
    turn.say(own ? t.crisis({ kind: own }) : t.notSafe());
    back();
    return 'done';
  }
  // Not an answer (a question, other words): ask once more, then let a person follow up.
  if (s.misses < 1) return 'miss';
  turn.do({
    type: 'alertCoordinator',
    reason: 'distress',
    detail: [safety.words, detailOf(input)].filter(Boolean).join(' / ').slice(0, 300),
    name: s.profile.name,
  });
  turn.say(t.coordinatorComing());
  back();
  turn.askAgain();
  return 'done';
}

/** Their thanks for their helper (or SKIP): passed on, and then on with what was open. */
export function answerThank(turn: Turn, input: ConversationInput): Outcome {
  const s = turn.s;
  const t = turn.t;
  const thanking = s.thanking;
  const back = s.back ?? 'idle';
  s.thanking = null;
  s.back = null;
  s.step = back;
  if (!thanking || input.kind !== 'text') {
    turn.askAgain();
    return 'done';
  }
  const u = turn.u;
  const words = input.text.trim();
  // A complaint, a question or a worry is not thanks: it is never passed to the helper.
  if (u?.problem) {
    turn.do({ type: 'alertCoordinator', reason: 'problem', detail: words.slice(0, 300), name: s.profile.name });
    turn.say(t.followUpProblem());
    turn.askAgain();
    return 'done';
  }
  if (u?.question) {
    turn.say(t.faq[u.question]);
    turn.askAgain();
    return 'done';
  }
  const declined = u?.skip || (u && !u.gifts.length && (u.answers.includes('no') || u.nothing)) || /^\s*skip\s*$/i.test(words);
  if (!declined && words !== '' && !u?.concern) {
    turn.do({ type: 'thank', matchId: thanking.matchId, text: words.slice(0, 500) });
    turn.send({ lang: s.lang, text: t.thankSent({ name: thanking.name }) }, 'normal', thanking.partnerId);
  }
  inviteToGive(turn);
  turn.askAgain();
  return 'done';
}
