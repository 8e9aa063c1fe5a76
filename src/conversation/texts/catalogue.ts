import type { CategoryId } from '../../domain/categories.js';
import type { CrisisKind, QuestionTopic } from '../../understanding/lexicon/types.js';

export type { CrisisKind };
/** What a question to the bot is about, so it can be answered. */
export type Topic = QuestionTopic;

/**
 * Languages the bot can speak: English, and Welsh (switched on with LANGUAGES=en,cy).
 * Every catalogue has every key with the same placeholders (tests/conversation/parity.test.ts).
 */
export const LANGS = ['en', 'cy'] as const;
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
 * characters) with the longest realistic values, except the few key moments allowed
 * two (the gift question, the summary, a match); tests/conversation/texts.test.ts
 * checks every entry.
 */
export interface Catalogue {
  // Onboarding
  welcome(): string;
  welcomeVolunteer(): string;
  consentDeclined(): string;
  /** "Not now, maybe later" to the welcome. */
  consentLater(): string;
  /** `again`: asked a second time (after HELP or a misunderstanding), so no thanks for the answer before. */
  askName(p: { again: boolean }): string;
  askPostcode(p: { name: string | null }): string;
  askNeeds(): string;
  askMoreNeeds(p: { added: string }): string;
  /** The gift question: may take two segments, it is the moment valued exists for. */
  askOffers(): string;
  askMoreOffers(p: { added: string }): string;
  /** To someone who doubts they have anything to give: warmth and examples, then the question again. */
  doubtGift(): string;
  confirm(p: Omit<ProfileWords, 'name'> & { name: string | null }): string;
  askChange(): string;
  /** "It's on a letter somewhere, hang on": no rush. */
  noRush(): string;
  done(p: { name: string | null }): string;

  // After onboarding
  menu(): string;
  saved(p: { what: string }): string;
  savedInstead(p: { what: string; before: string }): string;
  /** Something they need or could give, said with no question open: added. */
  added(p: { what: string }): string;
  idle(): string;
  finishFirst(): string;

  // Global words
  /** HELP while a question is open: what to do now. */
  helpAsked(p: { hint: string }): string;
  /** HELP with no question open. */
  help(): string;
  /** HELP while talking with someone through us. */
  helpMatched(p: { name: string }): string;
  stopped(): string;
  welcomeBack(): string;
  /** After CYMRAEG or ENGLISH (or the welcome's language choice): said in the new language. */
  langChanged(): string;
  myData(p: ProfileWords): string;
  forgetConfirm(): string;
  forgotten(): string;
  forgetKept(): string;
  volunteerThanks(): string;

  // Questions to the bot, answered
  faq: Record<Topic, string>;
  /** How to answer the question that is open, for HELP and "what do you mean?". */
  hint: {
    choice: string;
    many: string;
    yesNo: string;
    name: string;
    postcode: string;
    words: string;
  };

  // Misunderstandings
  /** Put before the question when it is asked again. */
  sorry(): string;
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
  /** The same, to someone who offered it in their own words: "You said you could offer...". */
  askToHelpOffer(p: { offer: string; what: string; place: string | null; code: string }): string;
  /** A number without a yes or no: which is it? */
  askWhich(p: { code: string }): string;
  askAccepted(p: { name: string; what: string }): string;
  matchFound(p: { name: string; what: string }): string;
  askTaken(): string;
  askDeclined(): string;
  askLater(): string;
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
  /** To the person helped who has not offered anything: people often like to help too. */
  followUpInvite(): string;
  followUpNotYet(): string;
  followUpProblem(): string;
  /** Several words the bot could not place, out of the blue: a person will read them. */
  unreadNoted(): string;
  /** After help: would they like to thank their helper? */
  thankOffer(p: { name: string }): string;
  thankSent(p: { name: string }): string;
  /** A thank-you passed to the helper. */
  thanksFrom(p: { name: string; words: string }): string;
  madeADifference(p: { name: string; what: string }): string;
  /** How someone is named to the other side when they gave no name. */
  someone: string;
  yourHelper: string;
  /** A member named to a coordinator before they gave a name. */
  newMember: string;
  /** A problem reported with a number or a button: no words of their own. */
  problemNoWords: string;
  /** A need named without the words of someone who asked to be forgotten. */
  whatTheyAsked: string;

  // Coordinators
  alertUnmatched(p: { what: string; place: string; need: string }): string;
  alertProblem(p: { name: string; what: string; words: string; contact: string }): string;
  alertPerson(p: { name: string; reason: string; contact: string }): string;
  verified(p: { name: string; code: string }): string;
  verifyUnknown(p: { code: string }): string;
  openNeeds(p: { count: number; list: string }): string;
  noOpenNeeds(): string;

  // Safety
  /** The immediate answer to clear danger, by kind. */
  crisis(p: { kind: CrisisKind }): string;
  /** "Are you safe right now?", with the numbers, by kind. */
  safetyCheck(p: { kind: CrisisKind }): string;
  /** They said they are safe. */
  safeThanks(): string;
  /** They said they are not safe, or could not say. */
  notSafe(): string;
  alertCrisis(p: { name: string; words: string; contact: string }): string;
  /** Not urgent: someone may be struggling (they were asked if they are safe). */
  alertDistress(p: { name: string; words: string; contact: string }): string;

  // Words in lists and summaries
  category: Record<CategoryId, string>;
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
    mornings: string;
    afternoons: string;
    evenings: string;
    weekdays: string;
    weekends: string;
    anyTime: string;
    notYet: string;
    problem: string;
    canHelp: string;
    cannotHelp: string;
    safe: string;
    notSafe: string;
  };
  none: string;
  /** Characters each list (needs, offers) may take in the summary: Welsh texts are UCS-2, 70 characters a segment. */
  summaryMax: number;
  notGiven: string;
  yourLocation: string;
  andMore(p: { count: number }): string;
  /** A list for a text message: "shopping, a chat and a lift". */
  join(items: readonly string[]): string;

  // Channel hints appended by renderers
  sms: { pickMany: string; pickOne: string };
  telegram: { pickMany: string; pickOne: string };
}
