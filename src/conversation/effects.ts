import type { Item } from '../domain/categories.js';
import type { Place } from '../understanding/places.js';
import type { Reply } from './reply.js';
import type { Coordinates } from './state.js';
import type { Lang } from './texts/index.js';

/**
 * Something the engine wants done. The engine only describes it; the inbound worker
 * (src/effects/) does it, database writes inside one transaction, sends after commit.
 */
export type Effect =
  | ReplyEffect
  | RecordConsentEffect
  | SaveProfileEffect
  | SaveItemsEffect
  | OptOutEffect
  | LeaveIfUnreachableEffect
  | OptInEffect
  | AlertCoordinatorEffect
  | EraseEffect
  | SaveVolunteerEffect
  | SetPausedEffect
  | AnswerAskEffect
  | RelayEffect
  | ShareEffect
  | CloseMatchEffect
  | FollowUpOutcomeEffect
  | ThankEffect
  | CoordinatorCommandEffect
  | SetLangEffect;

/**
 * The member chose a language (CYMRAEG, ENGLISH, or the welcome's choice): remembered
 * on the member, so messages that others' actions send them are in it too.
 * @example { type: 'setLang', lang: 'cy' }
 */
export interface SetLangEffect {
  type: 'setLang';
  lang: Lang;
}

/**
 * Send a message back to the person on the channel they wrote from.
 * `optout_ack` is the one message allowed after an opt-out: the answer to STOP itself.
 *
 * @example { type: 'reply', reply: { lang: 'en', text: 'What is your first name?' }, purpose: 'normal' }
 */
export interface ReplyEffect {
  type: 'reply';
  reply: Reply;
  purpose: 'normal' | 'optout_ack';
  /** The other member this reply names (for FORGET ME: theirs, not this person's). */
  about?: string;
  /**
   * Set on a reply that only asks again because nothing was understood. The engine
   * holds back such replies to a sender who draws too many in a row (an auto-responder:
   * see REASKS_PER_30S); the mark stays for the record.
   */
  reask?: true;
}

/** The person agreed to start; we note when. @example { type: 'recordConsent' } */
export interface RecordConsentEffect {
  type: 'recordConsent';
}

/**
 * Store the member's name and where they are, as they confirmed them.
 * @example { type: 'saveProfile', name: 'Ann', place: { postcode: 'SA1 1AA', outcode: 'SA1', sector: 'SA1 1' }, location: null, lang: 'en' }
 */
export interface SaveProfileEffect {
  type: 'saveProfile';
  name: string | null;
  place: Place | null;
  location: Coordinates | null;
  lang: Lang;
}

/**
 * Replace the member's open needs (`needs`) or active offers (`offers`) with these.
 * @example { type: 'saveItems', list: 'needs', items: [{ category: 'shopping' }] }
 */
export interface SaveItemsEffect {
  type: 'saveItems';
  list: 'needs' | 'offers';
  items: Item[];
}

/** Stop sending anything to this identity until it opts in again. @example { type: 'optOut' } */
export interface OptOutEffect {
  type: 'optOut';
}

/**
 * The provider said this address takes no more messages (a blocked bot, a dead
 * number): if the member has no other way to be reached, they leave their matches as
 * after STOP. @example { type: 'leaveIfUnreachable' }
 */
export interface LeaveIfUnreachableEffect {
  type: 'leaveIfUnreachable';
}

/** The person sent START: sending may resume. @example { type: 'optIn' } */
export interface OptInEffect {
  type: 'optIn';
}

/**
 * Tell a coordinator that a person needs a human. `crisis` is urgent (danger, or not
 * safe when asked); `distress` is not (they may be struggling, and were asked if they
 * are safe). `name` is their first name as the conversation knows it, even before it
 * is saved ("a new member" when they gave none). `unread` and `concern` are quieter
 * still, put before a coordinator to read with no text sent: several words the bot
 * could not place, and words the second opinion thinks may be a crisis.
 * @example { type: 'alertCoordinator', reason: 'crisis', detail: 'I took all my tablets', name: 'Carol' }
 * @example { type: 'alertCoordinator', reason: 'stuck', detail: 'three misunderstood answers at step postcode' }
 */
export interface AlertCoordinatorEffect {
  type: 'alertCoordinator';
  reason: 'stuck' | 'requested' | 'crisis' | 'distress' | 'problem' | 'unread' | 'concern';
  detail: string;
  /** The words that gave it away, quoted first in the text to coordinators ("all my tablets"). */
  quote?: string | null;
  name?: string | null;
}

/** FORGET ME, confirmed: erase the member's personal data. @example { type: 'erase' } */
export interface EraseEffect {
  type: 'erase';
}

/**
 * The volunteer questions are answered: save how far they go and when they are free,
 * with the code coordinators know them by. Their offers are saved with saveItems.
 * @example { type: 'saveVolunteer', travelKm: 4.8, availability: 'evenings', code: 'K7P2QX' }
 */
export interface SaveVolunteerEffect {
  type: 'saveVolunteer';
  travelKm: number;
  availability: string;
  code: string;
}

/** PAUSE or RESUME match notifications. @example { type: 'setPaused', paused: true } */
export interface SetPausedEffect {
  type: 'setPaused';
  paused: boolean;
}

/**
 * A volunteer's answer to a request. The first yes wins; the engine has already told
 * them whether the need was still open when their answer was read.
 * @example { type: 'answerAsk', needId: 'N1', code: '4821', answer: 'yes' }
 */
export interface AnswerAskEffect {
  type: 'answerAsk';
  needId: string;
  code: string;
  answer: 'yes' | 'no';
}

/** Pass a message to the other side of a match, through the bot. @example { type: 'relay', matchId: 'M1', text: 'I will come at 3' } */
export interface RelayEffect {
  type: 'relay';
  matchId: string;
  text: string;
}

/** SHARE: agree to swap contact details; they are swapped once both sides agree. @example { type: 'share', matchId: 'M1' } */
export interface ShareEffect {
  type: 'share';
  matchId: string;
}

/** DONE: the help is finished; the other side is told. @example { type: 'closeMatch', matchId: 'M1' } */
export interface CloseMatchEffect {
  type: 'closeMatch';
  matchId: string;
}

/**
 * What the follow-up heard; with a problem, their words go to the coordinator.
 * @example { type: 'followUpOutcome', matchId: 'M1', outcome: 'problem', words: 'she never turned up' }
 */
export interface FollowUpOutcomeEffect {
  type: 'followUpOutcome';
  matchId: string;
  outcome: 'helped' | 'not_yet' | 'problem';
  words?: string;
}

/**
 * The person helped thanks their helper, after the help (even once the match is
 * closed): the words reach the helper, with the news that it made a difference.
 * @example { type: 'thank', matchId: 'M1', text: 'Thank you so much Sam, you were a star' }
 */
export interface ThankEffect {
  type: 'thank';
  matchId: string;
  text: string;
}

/**
 * A coordinator's command; the answer depends on the database, so the handler gives it.
 * @example { type: 'coordinatorCommand', command: 'verify', code: 'K7P2QX' }
 */
export interface CoordinatorCommandEffect {
  type: 'coordinatorCommand';
  command: 'verify' | 'needs';
  code?: string;
}
