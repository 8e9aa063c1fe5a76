/**
 * What the bot asks at each step, with its choices. Asking again after a detour or a
 * misunderstanding uses the same question, so the words never drift apart.
 */
import { NEED_CHOICES, OFFER_CHOICES, VOLUNTEER_CHOICES, type Item } from '../domain/categories.js';
import type { Context, Expecting } from '../understanding/understand.js';
import type { Choice, Reply } from './reply.js';
import type { ConversationState, Profile, Step } from './state.js';
import { texts, type Catalogue, type Lang, type ProfileWords } from './texts/index.js';

/** The times someone may be free, as the volunteer questions offer them. */
export const TIME_CHOICES = ['mornings', 'afternoons', 'evenings', 'weekdays', 'weekends', 'any'] as const;

/** Each language named in itself, as the welcome offers it: one word. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = { en: 'English', cy: 'Cymraeg' };

/**
 * The choices offered at the conversation's step. `langs`: the languages switched on;
 * with more than one, the welcome offers the others by name ("3 Cymraeg").
 */
export function choicesFor(state: ConversationState, langs: readonly Lang[] = ['en']): Choice[] {
  const t = texts(state.lang);
  const c = t.choice;
  const yesNo = [
    { id: 'yes', label: c.yes },
    { id: 'no', label: c.no },
  ];
  switch (state.step) {
    case 'new':
    case 'declined':
    case 'consent':
      return [...yesNo, ...langs.filter((l) => l !== state.lang).map((l) => ({ id: l, label: LANG_NAMES[l] }))];
    case 'coordinator':
      return yesNo;
    case 'needs':
      return [...NEED_CHOICES.map((id) => ({ id, label: cap(t.category[id]) })), { id: 'none', label: c.nothingNow }];
    case 'offers':
      return [...OFFER_CHOICES.map((id) => ({ id, label: cap(t.category[id]) })), { id: 'none', label: c.notNow }];
    case 'confirm':
      return [
        { id: 'yes', label: c.yes },
        { id: 'change', label: c.change },
      ];
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
      return [
        { id: 'yes', label: c.deleteYes },
        { id: 'no', label: c.deleteNo },
      ];
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
        { id: 'mornings', label: c.mornings },
        { id: 'afternoons', label: c.afternoons },
        { id: 'evenings', label: c.evenings },
        { id: 'weekdays', label: c.weekdays },
        { id: 'weekends', label: c.weekends },
        { id: 'any', label: c.anyTime },
      ];
    case 'v_safety':
      return yesNo;
    case 'followup':
      return [
        { id: 'yes', label: c.yes },
        { id: 'notyet', label: c.notYet },
        { id: 'problem', label: c.problem },
      ];
    case 'safety':
      return [
        { id: 'yes', label: c.safe },
        { id: 'no', label: c.notSafe },
      ];
    case 'name':
    case 'postcode':
    case 'idle':
    case 'thank':
      return [];
  }
}

/** Kilometres for each "how far" choice (a mile is 1.6 km). */
export const DISTANCE_KM: Record<string, number> = { street: 0.3, mile: 1.6, '3mi': 4.8, '5mi': 8, '10mi': 16, phone: 0 };

const MANY: readonly Step[] = ['needs', 'offers', 'v_offers', 'v_when'];

/**
 * The question for the conversation's current step, ready to send. `again`: it is
 * asked a second time, so it does not thank them for the answer before.
 */
export function question(state: ConversationState, again = false, langs: readonly Lang[] = ['en']): Reply {
  const t = texts(state.lang);
  const text = questionText(state, t, again);
  const choices = choicesFor(state, langs);
  if (choices.length === 0) return { lang: state.lang, text };
  return { lang: state.lang, text, choices, select: MANY.includes(state.step) ? 'many' : 'one', step: state.step };
}

/** The question again after a misunderstanding: "Sorry, I did not understand." and the question, choices and all. */
export function reaskQuestion(state: ConversationState, langs: readonly Lang[] = ['en']): Reply {
  const q = question(state, true, langs);
  // The offer of a person already says sorry.
  return state.step === 'coordinator' ? q : { ...q, text: `${texts(state.lang).sorry()} ${q.text}` };
}

function questionText(state: ConversationState, t: Catalogue, again: boolean): string {
  const step: Step = state.step;
  switch (step) {
    case 'new':
    case 'declined':
    case 'consent':
      return state.volunteer ? t.welcomeVolunteer() : t.welcome();
    case 'name':
      return t.askName({ again });
    case 'postcode':
      return t.askPostcode({ name: again ? null : state.profile.name });
    case 'needs':
      return t.askNeeds();
    case 'offers':
      return state.doubted ? t.doubtGift() : t.askOffers();
    case 'confirm':
      // Two segments at most: the summary is a key moment, and shows their words in full.
      return t.confirm({ ...profileWords(state.profile, t, t.summaryMax), name: again ? null : state.profile.name });
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
    case 'safety':
      return t.safetyCheck({ kind: state.safety?.kind ?? 'self' });
    case 'thank':
      return t.thankOffer({ name: state.thanking?.name ?? t.yourHelper });
  }
}

/** How to answer the question at a step, for HELP. */
export function hintFor(state: ConversationState, t: Catalogue): string {
  switch (state.step) {
    case 'name':
      return t.hint.name;
    case 'postcode':
      return t.hint.postcode;
    case 'needs':
    case 'offers':
    case 'v_offers':
    case 'v_when':
      return t.hint.many;
    case 'new':
    case 'declined':
    case 'consent':
    case 'coordinator':
    case 'forget':
    case 'v_safety':
    case 'safety':
      return t.hint.yesNo;
    case 'thank':
      return t.hint.words;
    default:
      return t.hint.choice;
  }
}

/** What the understanding step should expect at each step. */
const EXPECTING: Record<Step, Expecting> = {
  new: 'welcome',
  consent: 'welcome',
  declined: 'welcome',
  name: 'name',
  postcode: 'postcode',
  needs: 'needs',
  offers: 'gifts',
  confirm: 'confirm',
  change: 'choice',
  idle: 'idle',
  menu: 'choice',
  forget: 'choice',
  coordinator: 'confirm',
  v_offers: 'gifts',
  v_distance: 'choice',
  v_when: 'when',
  v_safety: 'confirm',
  followup: 'checkin',
  safety: 'safety',
  thank: 'idle',
};

/** The context a message is read in: what was asked, and the choices offered with it. */
export function contextFor(state: ConversationState, openAsks: number, langs: readonly Lang[] = ['en']): Context {
  const expecting = state.step === 'idle' && openAsks > 0 ? 'ask' : EXPECTING[state.step];
  const choices = choicesFor(state, langs).map((c) => c.id);
  return { lang: state.lang, expecting, choices };
}

/** "Shopping" for a button label, from "shopping" in a sentence. */
export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Someone's own words in quotes, cut to fit a text message. */
function quoted(words: string, max: number): string {
  const w = words.replace(/\s+/g, ' ').trim();
  return `"${w.length > max ? `${w.slice(0, max - 2).trimEnd()}..` : w}"`;
}

/**
 * A need or offer as it is named to someone else: the category's name ("shopping"), or
 * the member's own words in quotes when it fits no category.
 */
/**
 * Whether a person's own words hold something only they should share: a phone number,
 * an email, a house number and street, where a key is. Such words are never shown to
 * someone else (a volunteer deciding whether to help); the kind of help is, instead.
 */
export function holdsPrivate(words: string): boolean {
  return (
    /\d[\d\s-]{6,}\d/.test(words) ||
    /@/.test(words) ||
    /\b\d+[a-z]?\s+[\p{L}' -]{2,30}?\b(?:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|court|ct|crescent|place|terrace|gardens|grove|hill|row|square|walk|mews|park)\b/iu.test(
      words,
    ) ||
    /\b(?:key|keys|key safe|keysafe|code|door code|alarm)\b[^.]{0,30}\b(?:under|behind|in|is|are|safe|code|number)\b/i.test(words)
  );
}

export function needWords(item: { category: string; words: string | null }, t: Catalogue, max = 40): string {
  if (item.category !== 'other' && item.category in t.category) return t.category[item.category as keyof Catalogue['category']];
  return item.words ? quoted(item.words, max) : t.whatTheyAsked;
}

/**
 * One item as shown back to the person who said it: their own words in quotes when
 * they used some ("I can knit"), or the category's name when they picked a number.
 */
export function itemWords(item: Item, t: Catalogue, max = 60): string {
  const words = (item.words ?? '').trim();
  if (words === '') return needWords({ category: item.category, words: null }, t, max);
  return quoted(words, max);
}

/**
 * A list of items for a text message: "shopping, "I can knit" and a recipe". Items that
 * share their words ("I can knit": teaching and crafts) are shown once. When the whole
 * list would not fit in `max` characters, the last ones become "and 2 more".
 */
export function itemsWords(items: readonly Item[], t: Catalogue, max = 60): string {
  if (items.length === 0) return t.none;
  const seen = new Set<string>();
  const words: string[] = [];
  for (const item of items) {
    const w = itemWords(item, t, Math.max(20, Math.min(60, max)));
    if (seen.has(w)) continue;
    seen.add(w);
    words.push(w);
  }
  for (let shown = words.length; shown >= 1; shown--) {
    const rest = words.length - shown;
    const head = rest === 0 ? t.join(words) : `${words.slice(0, shown).join(', ')} ${t.andMore({ count: rest })}`;
    if (head.length <= max || shown === 1) return head.length <= max ? head : `${head.slice(0, Math.max(1, max - 2)).trimEnd()}..`;
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
