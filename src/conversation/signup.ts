/**
 * Signing up (consent, name, postcode, what would help, what they could give, the
 * summary), changing any of it later from MENU, and the two detours: FORGET ME and
 * the offer of a person.
 *
 * People answer the question they were asked, and often more: "I need help with
 * shopping" at the welcome is a yes and a need; "Pat, SA1 3ED" is a name and a
 * postcode. Everything a message says is kept, and the conversation goes on from the
 * first part not yet answered.
 */
import type { Item } from '../domain/categories.js';
import type { ConversationInput } from './input.js';
import { itemsWords, profileWords } from './questions.js';
import { initialState, type Part, type Step } from './state.js';
import { isLang } from './texts/index.js';
import { dedupe, pickButton, pickOne, saveProfile, type Outcome, type Turn } from './turn.js';
import { continueVolunteering, startVolunteering } from './volunteer.js';

const ORDER: readonly Part[] = ['name', 'postcode', 'needs', 'offers'];

/** Answers at the sign-up steps and their detours; null for steps handled elsewhere. */
export function answerSignup(turn: Turn, input: ConversationInput): Outcome | null {
  const s = turn.s;
  const t = turn.t;
  switch (s.step) {
    case 'new':
      // A first message may already say what would help: kept, then the welcome.
      absorb(turn);
      turn.ask('consent');
      return 'done';
    case 'declined':
      turn.ask('consent');
      return 'done';
    case 'consent':
      return answerConsent(turn, input);
    case 'name': {
      const u = turn.u;
      if (u?.skip) s.profile.name = null;
      else if (u?.name) s.profile.name = u.name;
      else return askedBack(turn) ?? 'miss';
      absorb(turn, 'name');
      return next(turn, 'name');
    }
    case 'postcode': {
      if (input.kind === 'location') {
        s.profile.location = { latitude: input.latitude, longitude: input.longitude };
        return next(turn, 'postcode');
      }
      const u = turn.u;
      if (u?.place) s.profile.place = u.place;
      else if (u?.skip || u?.answers.includes('no') || (u && /\b(?:don'?t|do not|dont) know\b|\bnot sure\b/i.test(u.text))) s.profile.place = null;
      else if (u?.answers.includes('later')) {
        turn.say(t.noRush());
        return 'done';
      } else return askedBack(turn) ?? 'miss';
      absorb(turn, 'postcode');
      return next(turn, 'postcode');
    }
    case 'needs':
      return answerItems(turn, input, 'needs');
    case 'offers':
      return answerItems(turn, input, 'offers');
    case 'confirm':
      return answerConfirm(turn, input);
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
      if (choice === 'mydata') {
        s.step = 'idle';
        turn.say(t.myData(profileWords(s.profile, t)));
        return 'done';
      }
      if (choice === 'person') {
        s.step = 'idle';
        turn.do({ type: 'alertCoordinator', reason: 'requested', detail: 'asked to talk to a person from the menu', name: s.profile.name });
        turn.say(t.coordinatorComing());
        return 'done';
      }
      return askedBack(turn) ?? 'miss';
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
        turn.do({ type: 'alertCoordinator', reason: 'stuck', detail: `could not answer at step ${back}`, name: s.profile.name });
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
    default:
      return null;
  }
}

/**
 * A question instead of an answer ("is it free?", "why do you need it?"): answered, and
 * the question asked again. Returns null when the message was not a question.
 */
function askedBack(turn: Turn): Outcome | null {
  const u = turn.u;
  if (!u?.question) return null;
  const topic = u.question === 'how' && (turn.s.step === 'name' || turn.s.step === 'postcode') ? 'why' : u.question;
  turn.say(turn.t.faq[topic]);
  turn.askAgain();
  return 'done';
}

/**
 * The welcome: "Shall we start?". A yes, or a need or a gift said instead, is consent,
 * and what they said is kept ("I need help with shopping" is never met with "please
 * reply 1 or 2"). A no, a later or a "nothing" is respected; a question is answered.
 */
function answerConsent(turn: Turn, input: ConversationInput): Outcome {
  const s = turn.s;
  const t = turn.t;
  const u = turn.u;
  const choice = pickOne(turn, input);
  if (choice !== null && isLang(choice)) {
    turn.switchLang(choice);
    return 'done';
  }
  const says = Boolean(u && (u.needs.length > 0 || u.gifts.length > 0));
  const yes = choice === 'yes' || Boolean(u?.answers.includes('yes'));
  if (choice === 'no' || (u?.answers.includes('no') && !yes)) {
    s.step = 'declined';
    s.volunteering = null;
    turn.say(t.consentDeclined());
    return 'done';
  }
  if (!yes && !says && (u?.answers.includes('later') || u?.nothing)) {
    s.step = 'declined';
    s.volunteering = null;
    turn.say(u.answers.includes('later') ? t.consentLater() : t.consentDeclined());
    return 'done';
  }
  if (yes || says) {
    turn.do({ type: 'recordConsent' });
    if (u?.question) turn.say(t.faq[u.question]);
    absorb(turn);
    return next(turn, null);
  }
  if (u?.doubt) {
    turn.say(t.faq.give);
    turn.askAgain();
    return 'done';
  }
  return askedBack(turn) ?? 'miss';
}

/**
 * What would help, or what they could give: numbers, buttons, or their own words (kinds
 * found, words kept). "Nothing", "not now" and "later" leave the list empty. Doubt at
 * the gift question is met with warmth and examples, once, and never stored as a gift.
 * What the message says about the other list is kept too.
 */
function answerItems(turn: Turn, input: ConversationInput, list: 'needs' | 'offers'): Outcome {
  const s = turn.s;
  const finish = (items: Item[]): Outcome => {
    const before = s.profile[list];
    s.profile[list] = dedupe([...s.picking, ...items]);
    s.picking = [];
    s.doubted = false;
    absorb(turn, list);
    return next(turn, list, before);
  };
  if (input.kind === 'choice') {
    const picked = pickButton(turn, input);
    return picked === 'miss' ? 'miss' : picked === null ? 'done' : finish(picked);
  }
  const u = turn.u;
  if (!u) return 'miss';
  const mine = list === 'needs' ? u.needs : u.gifts;
  const other = list === 'needs' ? u.gifts : u.needs;
  if (mine.length > 0) return finish(mine);
  if (list === 'offers' && u.doubt && !s.doubted) {
    // "Oh I don't know love, I'm 84, not much use to anyone": warmth and examples, the question again.
    absorb(turn, list);
    s.doubted = true;
    turn.askAgain();
    return 'done';
  }
  if (u.nothing || u.doubt || u.answers.includes('no') || u.answers.includes('later') || other.length > 0) return finish([]);
  return askedBack(turn) ?? 'miss';
}

/**
 * The summary: "Is that right?". A yes saves everything. A no with what they meant
 * instead ("No I said a lift not shopping", "nearly, its Anne with an e") is taken as
 * it is; a yes with more ("yes but can you add dog walking") adds it. Either way the
 * summary is shown again.
 */
function answerConfirm(turn: Turn, input: ConversationInput): Outcome {
  const s = turn.s;
  const t = turn.t;
  const u = turn.u;
  const choice = pickOne(turn, input, { no: 'change' });
  const says = u && (u.needs.length > 0 || u.gifts.length > 0 || u.place !== null || u.name !== null);
  if (u && says) {
    const replace = choice === 'change';
    if (u.needs.length > 0) s.profile.needs = replace ? dedupe(u.needs) : dedupe([...s.profile.needs, ...u.needs]);
    if (u.gifts.length > 0) s.profile.offers = replace ? dedupe(u.gifts) : dedupe([...s.profile.offers, ...u.gifts]);
    if (u.place) s.profile.place = u.place;
    if (u.name) s.profile.name = u.name;
    turn.ask('confirm');
    return 'done';
  }
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
  if (choice === 'change') {
    turn.ask('change');
    return 'done';
  }
  return askedBack(turn) ?? 'miss';
}

/**
 * Keeps what else a message said, beyond the answer to the question (`except`): a
 * postcode, a name said as one, needs, gifts. Parts kept count as answered.
 */
export function absorb(turn: Turn, except: Part | null = null): void {
  const s = turn.s;
  const u = turn.u;
  if (!u) return;
  const keep = (part: Part) => {
    if (!s.answered.includes(part)) s.answered = [...s.answered, part];
  };
  if (except !== 'postcode' && u.place && !s.answered.includes('postcode')) {
    s.profile.place = u.place;
    keep('postcode');
  }
  if (except !== 'name' && u.name && !s.answered.includes('name')) {
    s.profile.name = u.name;
    keep('name');
  }
  if (except !== 'needs' && u.needs.length > 0) {
    s.profile.needs = dedupe([...s.profile.needs, ...u.needs]);
    keep('needs');
    if (s.onboarded) turn.do({ type: 'saveItems', list: 'needs', items: s.profile.needs });
  }
  if (except !== 'offers' && u.gifts.length > 0) {
    s.profile.offers = dedupe([...s.profile.offers, ...u.gifts]);
    keep('offers');
    if (s.onboarded) turn.do({ type: 'saveItems', list: 'offers', items: s.profile.offers });
  }
}

/**
 * After a part is answered (`answered`; null after the welcome): the next part not yet
 * answered, or the volunteer questions, or back where an edit began. An edited list
 * replaces the old one, and the answer says what it replaced.
 */
export function next(turn: Turn, answered: Part | null, before: Item[] = []): Outcome {
  const s = turn.s;
  const t = turn.t;
  if (answered && !s.answered.includes(answered)) s.answered = [...s.answered, answered];
  if (s.volunteering && answered === 'postcode') return continueVolunteering(turn);
  if (s.resume === 'confirm') {
    s.resume = null;
    turn.ask('confirm');
    return 'done';
  }
  if (answered && (s.resume === 'idle' || s.onboarded)) {
    s.resume = null;
    s.step = 'idle';
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
  if (answered === 'postcode' && s.volunteer) {
    // Came to volunteer: their offers next, not needs.
    startVolunteering(turn);
    return 'done';
  }
  const part = ORDER.find((p) => !s.answered.includes(p));
  turn.ask(part ?? ('confirm' satisfies Step));
  return 'done';
}
