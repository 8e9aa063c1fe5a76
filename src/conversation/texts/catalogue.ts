import type { CategoryId } from '../categories.js';

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
