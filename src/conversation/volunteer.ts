/**
 * Volunteering: VOLUNTEER (or /start volunteer) asks what they could help with,
 * where they are if we do not know, how far they would go in person, when they are
 * usually free, and the safety line. PAUSE and RESUME stop and restart requests
 * without leaving.
 */
import { CATEGORY_MODE, type Item } from '../domain/categories.js';
import type { ConversationInput } from './input.js';
import { DISTANCE_KM, TIME_CHOICES } from './questions.js';
import { dedupe, pickButton, pickOne, saveProfile, type Outcome, type Turn } from './turn.js';

const inPerson = (items: readonly Item[]) => items.some((i) => i.category !== 'other' && CATEGORY_MODE[i.category] === 'in_person');

/** Starts the volunteer questions (the person has consented already). */
export function startVolunteering(turn: Turn): void {
  turn.s.volunteer = true;
  turn.s.volunteering = { offers: [], travelKm: null, availability: null };
  turn.s.picking = [];
  turn.ask('v_offers');
}

/** Asks the next volunteer question still open, or finishes. */
export function continueVolunteering(turn: Turn): Outcome {
  const s = turn.s;
  const v = s.volunteering;
  if (!v) return 'done';
  if (v.offers.length === 0) {
    turn.ask('v_offers');
    return 'done';
  }
  const needsPlace = inPerson(v.offers) && !s.profile.place && !s.profile.location;
  if (needsPlace && v.travelKm === null) {
    turn.ask('postcode');
    return 'done';
  }
  if (v.travelKm === null) {
    if (!inPerson(v.offers) || needsPlace) v.travelKm = 0;
    else {
      turn.ask('v_distance');
      return 'done';
    }
  }
  if (v.availability === null) {
    turn.ask('v_when');
    return 'done';
  }
  return finish(turn);
}

/** Answers at the volunteer steps; null for other steps. */
export function answerVolunteer(turn: Turn, input: ConversationInput): Outcome | null {
  const s = turn.s;
  const v = s.volunteering;
  if (!v) {
    if (s.step === 'v_offers' || s.step === 'v_distance' || s.step === 'v_when' || s.step === 'v_safety') {
      // Lost track of the questions (an old state): start them again.
      startVolunteering(turn);
      return 'done';
    }
    return null;
  }
  switch (s.step) {
    case 'v_offers': {
      const commit = (items: Item[]): Outcome => {
        if (items.length === 0) {
          // "Nothing after all": leave the questions kindly.
          s.volunteering = null;
          s.step = s.onboarded ? 'idle' : 'new';
          turn.say(turn.t.saved({ what: turn.t.none }));
          return 'done';
        }
        v.offers = items;
        return continueVolunteering(turn);
      };
      if (input.kind === 'choice') {
        const picked = pickButton(turn, input);
        return picked === 'miss' ? 'miss' : picked === null ? 'done' : commit(picked);
      }
      const u = turn.u;
      if (!u) return 'miss';
      if (u.gifts.length > 0) return commit(u.gifts);
      if (u.doubt) {
        turn.say(turn.t.doubtGift());
        return 'done';
      }
      if (u.nothing || u.answers.includes('no') || u.answers.includes('later')) return commit([]);
      return 'miss';
    }
    case 'v_distance': {
      const choice = pickOne(turn, input);
      const km = choice === null ? undefined : DISTANCE_KM[choice];
      if (km === undefined) return 'miss';
      v.travelKm = km;
      return continueVolunteering(turn);
    }
    case 'v_when': {
      // Several answers: "weekday mornings", "1 and 4", "evenings after 6 and weekends".
      const u = turn.u;
      const picked = input.kind === 'choice' ? [input.choice] : [...(u?.picked ?? []), ...(u?.times ?? [])];
      const times = TIME_CHOICES.filter((c) => picked.includes(c));
      if (times.length === 0) return 'miss';
      v.availability = times.includes('any') ? 'any' : times.join(',');
      if ((v.travelKm ?? 0) > 0) {
        turn.ask('v_safety');
        return 'done';
      }
      return finish(turn);
    }
    case 'v_safety': {
      const choice = pickOne(turn, input);
      if (choice === 'no') {
        // No checks, no help in person: by phone is still a real gift.
        v.travelKm = 0;
        turn.say(turn.t.phoneOnly());
        return finish(turn);
      }
      if (choice !== 'yes') return 'miss';
      return finish(turn);
    }
    default:
      return null;
  }
}

function finish(turn: Turn): Outcome {
  const s = turn.s;
  const v = s.volunteering!;
  const code = turn.facts.code ?? turn.facts.newCode;
  s.profile.offers = dedupe([...s.profile.offers, ...v.offers]);
  s.onboarded = true;
  s.volunteering = null;
  s.step = 'idle';
  s.resume = null;
  turn.do(saveProfile(s));
  turn.do({ type: 'saveItems', list: 'offers', items: s.profile.offers });
  turn.do({ type: 'saveVolunteer', travelKm: v.travelKm ?? 0, availability: v.availability ?? 'any', code });
  turn.say(turn.t.volunteerDone({ code }));
  return 'done';
}

/** PAUSE and RESUME. */
export function pauseOrResume(turn: Turn, pause: boolean): void {
  const t = turn.t;
  if (pause) {
    if (!turn.facts.hasOffers) return turn.say(t.nothingToPause());
    if (!turn.facts.paused) turn.do({ type: 'setPaused', paused: true });
    return turn.say(t.paused());
  }
  if (!turn.facts.paused) return turn.say(t.notPaused());
  turn.do({ type: 'setPaused', paused: false });
  turn.say(t.resumed());
}
