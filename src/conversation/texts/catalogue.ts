import type { CategoryId } from '../../domain/categories.js';

/** Languages the bot can speak. English is complete; others may fall back to it. */
export const LANGS = ['en'] as const;
export type Lang = (typeof LANGS)[number];

/** What a summary says about someone's needs or offers, already in words. */
export interface ProfileWords {
  name: string;
  postcode: string;
  needs: string;
  offers: string;
}

/**
 * Every word the bot says, for one language. Each entry is a function of exactly the
 * values it needs, so a missing or misspelt placeholder is a type error, not a blank
 * in someone's text message. Texts must stay plain GSM-7 and fit one SMS (160
 * characters) with the longest realistic values; tests/conversation/texts.test.ts
 * checks every entry.
 */
export interface Catalogue {
  // Onboarding
  welcome(): string;
  welcomeVolunteer(): string;
  consentDeclined(): string;
  askName(): string;
  askPostcode(p: { name: string | null }): string;
  askNeeds(): string;
  askMoreNeeds(p: { added: string }): string;
  askOffers(): string;
  askMoreOffers(p: { added: string }): string;
  confirm(p: Omit<ProfileWords, 'name'> & { name: string | null }): string;
  askChange(): string;
  done(p: { name: string | null }): string;

  // After onboarding
  menu(): string;
  saved(p: { what: string }): string;
  savedInstead(p: { what: string; before: string }): string;
  idle(): string;
  finishFirst(): string;

  // Global words
  help(): string;
  stopped(): string;
  welcomeBack(): string;
  myData(p: ProfileWords): string;
  forgetConfirm(): string;
  forgotten(): string;
  forgetKept(): string;
  volunteerThanks(): string;

  // Misunderstandings
  reaskChoice(p: { example: string }): string;
  reaskMany(): string;
  reaskYesNo(): string;
  /** Re-asks for channels with buttons (Telegram). */
  reaskTap(): string;
  reaskTapMany(): string;
  reaskName(): string;
  reaskPostcode(): string;
  offerCoordinator(): string;
  coordinatorComing(): string;
  coordinatorDeclined(): string;
  unsupportedMedia(): string;
  contactNotKept(): string;
  editedMessage(): string;
  /** Said in a Telegram group: the bot talks with people one to one. */
  groupChat(p: { bot: string | null }): string;
  staleButton(): string;
  sorryError(): string;

  // Volunteering
  askVolunteerOffers(): string;
  askDistance(): string;
  askWhen(): string;
  askSafety(): string;
  phoneOnly(): string;
  volunteerDone(p: { code: string }): string;
  paused(): string;
  resumed(): string;
  nothingToPause(): string;
  notPaused(): string;

  // Being asked to help, and helping
  /** Sent to a volunteer: a need near them, and how to answer. */
  askToHelp(p: { what: string; place: string | null; code: string }): string;
  askAccepted(p: { name: string; what: string }): string;
  matchFound(p: { name: string; what: string }): string;
  askTaken(): string;
  askDeclined(): string;
  askUnknown(p: { code: string }): string;
  stillLooking(p: { what: string }): string;
  /** Put before a relayed message: "Sam: ". */
  relayFrom(p: { name: string }): string;
  /** Someone in two matches said something without saying for whom. */
  whichMatch(p: { names: string; example: string }): string;
  shareWaiting(p: { name: string }): string;
  sharedContact(p: { name: string; contact: string }): string;
  sharedNoContact(p: { name: string }): string;
  matchDone(): string;
  matchDoneBy(p: { name: string }): string;
  matchCancelled(p: { what: string }): string;
  helperLeft(p: { what: string }): string;
  followUp(p: { name: string; what: string }): string;
  followUpThanks(): string;
  followUpGiveBack(): string;
  followUpNotYet(): string;
  followUpProblem(): string;
  madeADifference(p: { name: string; what: string }): string;
  /** How someone is named to the other side when they gave no name. */
  someone: string;
  yourHelper: string;
  /** A need named without the words of someone who asked to be forgotten. */
  whatTheyAsked: string;

  // Coordinators
  alertUnmatched(p: { what: string; place: string; need: string }): string;
  alertProblem(p: { name: string; what: string; contact: string }): string;
  alertPerson(p: { name: string; reason: string; contact: string }): string;
  verified(p: { name: string; code: string }): string;
  verifyUnknown(p: { code: string }): string;
  openNeeds(p: { count: number; list: string }): string;
  noOpenNeeds(): string;

  // Safety
  /** The immediate answer to words that suggest danger. */
  crisis(): string;
  /**
   * Words and phrases that suggest someone may be in danger, lower case. Reviewed by
   * people, not guessed: a phrase matches anywhere in a message; a single word of six
   * letters or more forgives one slip. Erring towards answering is the point.
   */
  crisisWords: readonly string[];
  alertCrisis(p: { name: string; words: string; contact: string }): string;

  // Words in lists and summaries
  category: Record<CategoryId, string>;
  /** Words people use for each category, lower case; matched forgiving small typos. */
  categoryWords: Record<CategoryId, readonly string[]>;
  choice: {
    yes: string;
    no: string;
    nothingNow: string;
    notNow: string;
    change: string;
    allDone: string;
    name: string;
    postcode: string;
    needs: string;
    offers: string;
    myDetails: string;
    talkToPerson: string;
    deleteYes: string;
    deleteNo: string;
    street: string;
    mile: string;
    threeMiles: string;
    fiveMiles: string;
    tenMiles: string;
    phoneOnly: string;
    weekdays: string;
    evenings: string;
    weekends: string;
    anyTime: string;
    notYet: string;
    problem: string;
    canHelp: string;
    cannotHelp: string;
  };
  none: string;
  notGiven: string;
  yourLocation: string;
  andMore(p: { count: number }): string;
  /** Summary of a list for a text message: "shopping, a chat". */
  join(items: readonly string[]): string;

  // Channel hints appended by renderers
  sms: { pickMany: string; pickOne: string };
  telegram: { pickMany: string; pickOne: string };
}
