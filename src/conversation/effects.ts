import type { Item } from './categories.js';
import type { Place } from './parse.js';
import type { Reply } from './reply.js';
import type { Coordinates } from './state.js';
import type { Lang } from './texts/index.js';

/**
 * Something the engine wants done. The engine only describes it; the effects runner
 * (src/effects/) does it, database writes inside one transaction, sends after commit.
 */
export type Effect =
  | ReplyEffect
  | RecordConsentEffect
  | SaveProfileEffect
  | SaveItemsEffect
  | OptOutEffect
  | OptInEffect
  | AlertCoordinatorEffect
  | EraseEffect;

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

/** The person sent START: sending may resume. @example { type: 'optIn' } */
export interface OptInEffect {
  type: 'optIn';
}

/**
 * Tell a coordinator that a person needs a human.
 * @example { type: 'alertCoordinator', reason: 'stuck', detail: 'three misunderstood answers at step postcode' }
 */
export interface AlertCoordinatorEffect {
  type: 'alertCoordinator';
  reason: 'stuck' | 'requested';
  detail: string;
}

/** FORGET ME, confirmed: erase the member's personal data. @example { type: 'erase' } */
export interface EraseEffect {
  type: 'erase';
}
