/**
 * What the inbound worker reads from the database for one turn and hands to the engine, so the
 * engine can decide without doing I/O. Small: a person's open requests and matches.
 */

/** A request this person (as a volunteer) was sent, by its code. */
export interface AskFact {
  code: string;
  needId: string;
  /** The need in words: "shopping", or their own words. */
  what: string;
  /** The first name of the person in need, if they gave one. */
  requester: string | null;
  requesterId: string;
  /** Whether a yes can still win it: the need still needs someone (even if this wave lapsed). */
  open: boolean;
}

/** A match this person is in, on either side. */
export interface MatchFact {
  id: string;
  role: 'requester' | 'volunteer';
  /** The other side's first name, if they gave one. */
  partner: string | null;
  partnerId: string;
  what: string;
  iShared: boolean;
  theyShared: boolean;
}

export interface Facts {
  asks: AskFact[];
  /** Active matches, newest first. */
  matches: MatchFact[];
  /** Their volunteer code, once they have one. */
  code: string | null;
  /** A fresh code, used if they become a volunteer in this turn. */
  newCode: string;
  paused: boolean;
  /** Whether they have offers open to others (anyone with offers can be asked). */
  hasOffers: boolean;
  /** This address belongs to a coordinator (COORDINATOR_PHONES / COORDINATOR_TELEGRAM_IDS). */
  coordinator: boolean;
}

export const NO_FACTS: Facts = { asks: [], matches: [], code: null, newCode: 'NEWCODE', paused: false, hasOffers: false, coordinator: false };
