/**
 * Messages when no question is open: a complaint about help (to a coordinator, never
 * to the helper), words for the other side of a match, a plain yes or no to the one
 * request open, a question to the bot (answered), something they need or could give
 * (added, and they are told how to change it), several words nobody could place (a
 * coordinator reads them), and anything else (a short reply, never silence).
 */
import type { Item } from '../domain/categories.js';
import { answerAsk, relay } from './helping.js';
import type { ConversationInput } from './input.js';
import { itemsWords } from './questions.js';
import { dedupe, type Outcome, type Turn } from './turn.js';

export function answerIdle(turn: Turn, input: ConversationInput): Outcome {
  const s = turn.s;
  const t = turn.t;
  const u = turn.u;
  // A complaint about the help goes to a coordinator, never to the helper it is about.
  if (u?.problem) {
    turn.do({ type: 'alertCoordinator', reason: 'problem', detail: u.text.slice(0, 300), name: s.profile.name });
    turn.say(t.followUpProblem());
    return 'done';
  }
  // In a match, words go to the other side, through the bot.
  if (relay(turn, input)) return 'done';
  if (!u) {
    turn.reask({ lang: s.lang, text: t.idle() });
    return 'noted';
  }
  const open = turn.facts.asks.filter((a) => a.open);
  const both = u.answers.includes('yes') && u.answers.includes('no');
  const answer = both ? null : u.answers.includes('yes') ? 'yes' : u.answers.includes('no') ? 'no' : u.answers.includes('later') ? 'later' : null;
  if (open.length === 1 && (answer || both)) {
    if (answer) answerAsk(turn, answer, open[0]!.code);
    else turn.say(t.askWhich({ code: open[0]!.code }));
    return 'done';
  }
  if (u.question) {
    turn.say(t.faq[u.question]);
    return 'done';
  }
  if (s.onboarded && (u.needs.length > 0 || u.gifts.length > 0)) {
    // Said with no question open ("I could teach someone to crochet"): kept, and they hear how to change it.
    const added: Item[] = [];
    for (const list of ['needs', 'offers'] as const) {
      const fresh = list === 'needs' ? u.needs : u.gifts;
      if (fresh.length === 0) continue;
      s.profile[list] = dedupe([...s.profile[list], ...fresh]);
      turn.do({ type: 'saveItems', list, items: s.profile[list] });
      added.push(...fresh);
    }
    turn.say(t.added({ what: itemsWords(added, t, 70) }));
    return 'done';
  }
  // Several words the bot could not place: a person reads them (what people in trouble
  // say in their own way is often missed by the phrase lists).
  if (noteUnplaced(turn)) {
    turn.reask({ lang: s.lang, text: t.unreadNoted() });
    return 'noted';
  }
  // "Thanks", "ok", "bye" are not misunderstandings, but an automated sender would get
  // only this, so it counts as a re-ask.
  turn.reask({ lang: s.lang, text: t.idle() });
  return 'noted';
}

/** Puts several words the bot could not place before a coordinator, quietly; returns whether it did. */
export function noteUnplaced(turn: Turn): boolean {
  const u = turn.u;
  if (!u?.unplaced || turn.silent) return false;
  turn.do({ type: 'alertCoordinator', reason: u.concern ? 'concern' : 'unread', detail: u.text.slice(0, 300), name: turn.s.profile.name });
  return true;
}
