/**
 * What the bot asks at each step, with its choices. Asking again after a detour or a
 * misunderstanding uses the same question, so the words never drift apart.
 */
import { NEED_CHOICES, OFFER_CHOICES, VOLUNTEER_CHOICES, type Item } from '../domain/categories.js';
import type { Choice, Reply } from './reply.js';
import type { ConversationState, Profile, Step } from './state.js';
import { texts, type Catalogue, type ProfileWords } from './texts/index.js';

export function choicesFor(state: ConversationState): Choice[] {
  const t = texts(state.lang);
  const c = t.choice;
  const yesNo = [{ id: 'yes', label: c.yes }, { id: 'no', label: c.no }];
  switch (state.step) {
    case 'new':
    case 'declined':
    case 'consent':
    case 'coordinator':
      return yesNo;
    case 'needs':
      return [...NEED_CHOICES.map((id) => ({ id, label: cap(t.category[id]) })), { id: 'none', label: c.nothingNow }];
    case 'offers':
      return [...OFFER_CHOICES.map((id) => ({ id, label: cap(t.category[id]) })), { id: 'none', label: c.notNow }];
    case 'confirm':
      return [{ id: 'yes', label: c.yes }, { id: 'change', label: c.change }];
    case 'change':
      return [
        { id: 'name', label: c.name },
        { id: 'postcode', label: c.postcode },
        { id: 'needs', label: c.needs },
        { id: 'offers', label: c.offers },
      ];
    case 'menu':
      return [
        { id: 'needs', label: c.needs },
        { id: 'offers', label: c.offers },
        { id: 'name', label: c.name },
        { id: 'postcode', label: c.postcode },
        { id: 'mydata', label: c.myDetails },
        { id: 'person', label: c.talkToPerson },
      ];
    case 'forget':
      return [{ id: 'yes', label: c.deleteYes }, { id: 'no', label: c.deleteNo }];
    case 'v_offers':
      return VOLUNTEER_CHOICES.map((id) => ({ id, label: cap(t.category[id]) }));
    case 'v_distance':
      return [
        { id: 'street', label: c.street },
        { id: 'mile', label: c.mile },
        { id: '3mi', label: c.threeMiles },
        { id: '5mi', label: c.fiveMiles },
        { id: '10mi', label: c.tenMiles },
        { id: 'phone', label: c.phoneOnly },
      ];
    case 'v_when':
      return [
        { id: 'weekdays', label: c.weekdays },
        { id: 'evenings', label: c.evenings },
        { id: 'weekends', label: c.weekends },
        { id: 'any', label: c.anyTime },
      ];
    case 'v_safety':
      return yesNo;
    case 'followup':
      return [{ id: 'yes', label: c.yes }, { id: 'notyet', label: c.notYet }, { id: 'problem', label: c.problem }];
    case 'name':
    case 'postcode':
    case 'idle':
      return [];
  }
}

/** Kilometres for each "how far" choice (a mile is 1.6 km). */
export const DISTANCE_KM: Record<string, number> = { street: 0.3, mile: 1.6, '3mi': 4.8, '5mi': 8, '10mi': 16, phone: 0 };

/** The question for the conversation's current step, ready to send. */
export function question(state: ConversationState): Reply {
  const t = texts(state.lang);
  const text = questionText(state, t);
  const choices = choicesFor(state);
  if (choices.length === 0) return { lang: state.lang, text };
  const select = state.step === 'needs' || state.step === 'offers' || state.step === 'v_offers' ? 'many' : 'one';
  return { lang: state.lang, text, choices, select, step: state.step };
}

function questionText(state: ConversationState, t: Catalogue): string {
  const step: Step = state.step;
  switch (step) {
    case 'new':
    case 'declined':
    case 'consent':
      return state.volunteer ? t.welcomeVolunteer() : t.welcome();
    case 'name':
      return t.askName();
    case 'postcode':
      return t.askPostcode({ name: state.profile.name });
    case 'needs':
      return t.askNeeds();
    case 'offers':
      return t.askOffers();
    case 'confirm':
      return t.confirm({ ...profileWords(state.profile, t), name: state.profile.name });
    case 'change':
      return t.askChange();
    case 'idle':
      return t.idle();
    case 'menu':
      return t.menu();
    case 'forget':
      return t.forgetConfirm();
    case 'coordinator':
      return t.offerCoordinator();
    case 'v_offers':
      return t.askVolunteerOffers();
    case 'v_distance':
      return t.askDistance();
    case 'v_when':
      return t.askWhen();
    case 'v_safety':
      return t.askSafety();
    case 'followup':
      return t.followUp({ name: state.followup?.name ?? t.yourHelper, what: state.followup?.what ?? t.none });
  }
}

/** "Shopping" for a button label, from "shopping" in a sentence. */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A need or offer as it is named in a message to someone else: the category's name,
 * or the member's own words in quotes, cut to fit a text message.
 */
export function needWords(item: { category: string; words: string | null }, t: Catalogue): string {
  if (item.category !== 'other' && item.category in t.category) return t.category[item.category as keyof Catalogue['category']];
  const words = (item.words ?? '').replace(/\s+/g, ' ').trim();
  return `"${words.length > 30 ? `${words.slice(0, 28).trimEnd()}..` : words}"`;
}

/** One item in words: the category's name, or the member's own words, kept short. */
export function itemWords(item: Item, t: Catalogue): string {
  if (item.category !== 'other') return t.category[item.category];
  const words = (item.words ?? '').trim();
  return words.length > 24 ? `${words.slice(0, 22).trimEnd()}..` : words;
}

/**
 * A list of items short enough for a text message: "shopping, a phone chat" or
 * "shopping and 2 more" when the whole list would not fit in `max` characters.
 */
export function itemsWords(items: readonly Item[], t: Catalogue, max = 30): string {
  if (items.length === 0) return t.none;
  // Short category names first, people's own (longer) words after.
  const ordered = [...items.filter((i) => i.category !== 'other'), ...items.filter((i) => i.category === 'other')];
  const words = ordered.map((i) => itemWords(i, t));
  for (let shown = words.length; shown >= 1; shown--) {
    const rest = words.length - shown;
    const more = rest === 0 ? '' : ` ${t.andMore({ count: rest })}`;
    const head = t.join(words.slice(0, shown));
    if (head.length + more.length <= max) return head + more;
    if (shown === 1) return `${head.slice(0, Math.max(1, max - more.length - 2)).trimEnd()}..${more}`;
  }
  return t.none;
}

export function profileWords(profile: Profile, t: Catalogue, max = 24): ProfileWords {
  const place = profile.place?.postcode ?? profile.place?.outcode ?? (profile.location ? t.yourLocation : t.notGiven);
  return {
    name: profile.name ?? t.notGiven,
    postcode: place,
    needs: itemsWords(profile.needs, t, max),
    offers: itemsWords(profile.offers, t, max),
  };
}
