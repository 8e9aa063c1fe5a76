import type { Item } from '../domain/categories.js';
import type { Place } from '../understanding/places.js';
import type { CrisisKind, Lang } from './texts/index.js';

/**
 * Where a conversation stands. Each step is the question the bot last asked, so the
 * next message is read as the answer to it.
 */
export const STEPS = [
  'new', // never spoken with us
  'consent', // asked whether to start
  'declined', // said no to starting; any message offers again
  'name',
  'postcode',
  'needs',
  'offers',
  'confirm', // summary shown, asked whether it is right
  'change', // asked what to change in the summary
  'idle', // signed up, no question open
  'menu',
  'forget', // asked to confirm FORGET ME
  'coordinator', // offered a person after repeated misunderstandings
  'v_offers', // volunteering: what they could help with
  'v_distance', // volunteering: how far they would go in person
  'v_when', // volunteering: when they are usually free
  'v_safety', // volunteering: the safety line
  'followup', // asked whether the help came
  'safety', // asked "are you safe right now?" after worrying words
  'thank', // asked whether they would like to thank their helper
] as const;
export type Step = (typeof STEPS)[number];

/** Coordinates a member shared (a Telegram location); more precise than a postcode. */
export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** What the member has told us about themselves, as the conversation holds it. */
export interface Profile {
  name: string | null;
  place: Place | null;
  location: Coordinates | null;
  needs: Item[];
  offers: Item[];
}

/** The parts of sign-up a person can answer, in the order they are asked. */
export type Part = 'name' | 'postcode' | 'needs' | 'offers';

/**
 * The whole state of one conversation, stored as JSON beside a version number.
 * Plain data only: it must survive a JSON round trip unchanged.
 */
export interface ConversationState {
  schema: 1;
  step: Step;
  lang: Lang;
  optedOut: boolean;
  onboarded: boolean;
  /** Misunderstood answers in a row; at three a person is offered. */
  misses: number;
  /** Where an edit returns when answered: the summary during sign-up, or idle after it. */
  resume: 'confirm' | 'idle' | null;
  /** The step a detour (FORGET ME, a coordinator offer) returns to. */
  back: Step | null;
  /** Came in through VOLUNTEER: thank them for it. */
  volunteer: boolean;
  /** Items picked one button at a time while a many-choice question is open. */
  picking: Item[];
  profile: Profile;
  /** In the volunteer questions now, and what they said so far. */
  volunteering: { offers: Item[]; travelKm: number | null; availability: string | null } | null;
  /** The follow-up being asked about. */
  followup: { matchId: string; name: string; what: string; about?: string | null } | null;
  /**
   * Parts of sign-up already answered, in any order: someone who says "I need help
   * with shopping" at the welcome is not asked what would help again.
   */
  answered: Part[];
  /** When the bot last asked again without being understood, in a row (the auto-responder guard). */
  reasks: number[];
  /** Waiting for "are you safe right now?": why it was asked, their words, and where to go back to. */
  safety: { kind: CrisisKind; words: string; back: Step } | null;
  /** May thank their helper: the match and the helper. */
  thanking: { matchId: string; partnerId: string; name: string } | null;
  /** Doubted they had anything to give, and were reassured once. */
  doubted: boolean;
  /**
   * The last message's fingerprint (a hash, never the words), when it came, and how
   * many times in a row the very same words came within half a minute: the
   * auto-responder guard for senders who repeat themselves word for word.
   */
  heard: { hash: number; at: number; times: number } | null;
}

export function initialState(lang: Lang = 'en'): ConversationState {
  return {
    schema: 1,
    step: 'new',
    lang,
    optedOut: false,
    onboarded: false,
    misses: 0,
    resume: null,
    back: null,
    volunteer: false,
    picking: [],
    profile: { name: null, place: null, location: null, needs: [], offers: [] },
    volunteering: null,
    followup: null,
    answered: [],
    reasks: [],
    safety: null,
    thanking: null,
    doubted: false,
    heard: null,
  };
}

/** Reads stored JSON back into a state, falling back to a fresh one if it is unusable. */
export function restoreState(json: string | null | undefined): ConversationState {
  if (!json) return initialState();
  try {
    const parsed = JSON.parse(json) as Partial<ConversationState>;
    if (parsed.schema !== 1 || !parsed.step || !(STEPS as readonly string[]).includes(parsed.step)) return initialState();
    const fresh = initialState(parsed.lang);
    return { ...fresh, ...parsed, profile: { ...fresh.profile, ...parsed.profile } };
  } catch {
    return initialState();
  }
}
