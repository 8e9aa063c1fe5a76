/**
 * Signing up (consent, name, postcode, what would help, what they could give, the
 * summary), changing any of it later from MENU, and the two detours: FORGET ME and
 * the offer of a person.
 */
import type { Item } from '../domain/categories.js';
import type { ConversationInput } from './input.js';
import { parseName, parsePlace } from './parse.js';
import { itemsWords, profileWords } from './questions.js';
import { initialState, type Step } from './state.js';
import { pickMany, pickOne, saveProfile, type Outcome, type Turn } from './turn.js';
import { continueVolunteering, startVolunteering } from './volunteer.js';

/** Answers at the sign-up steps and their detours; null for steps handled elsewhere. */
export function answerSignup(turn: Turn, input: ConversationInput): Outcome | null {
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
      s.volunteering = null;
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
    case 'offers': {
      const list = s.step;
      return pickMany(turn, input, (items) => {
        const before = s.profile[list];
        s.profile[list] = items;
        return next(turn, list, before);
      });
    }
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
      if (choice === 'mydata') {
        s.step = 'idle';
        turn.say(t.myData(profileWords(s.profile, t)));
        return 'done';
      }
      if (choice === 'person') {
        s.step = 'idle';
        turn.do({ type: 'alertCoordinator', reason: 'requested', detail: 'asked to talk to a person from the menu' });
        turn.say(t.coordinatorComing());
        return 'done';
      }
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
      // Signed up with no question open: "thanks", "ok", "bye" are not misunderstandings,
      // but an automated sender would get only this, so it counts as a re-ask.
      turn.reask(t.idle());
      return 'done';
    default:
      return null;
  }
}

/**
 * After name, postcode, needs or offers: onward in sign-up (or the volunteer
 * questions), or back where the edit began. An edited list replaces the old one, and
 * the answer says what it replaced.
 */
export function next(turn: Turn, answered: 'name' | 'postcode' | 'needs' | 'offers', before: Item[] = []): Outcome {
  const s = turn.s;
  const t = turn.t;
  if (s.volunteering && answered === 'postcode') return continueVolunteering(turn);
  if (s.resume === 'confirm') {
    s.resume = null;
    turn.ask('confirm');
    return 'done';
  }
  if (s.resume === 'idle' || s.onboarded) {
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
  const order: Record<typeof answered, Step> = { name: 'postcode', postcode: 'needs', needs: 'offers', offers: 'confirm' };
  turn.ask(order[answered]);
  return 'done';
}
