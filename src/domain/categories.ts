/**
 * The kinds of help people ask for and give. One catalogue serves needs, offers and
 * matching, so "shopping" asked for and "shopping" offered are the same id. Pure
 * data, shared by the conversation, the understanding step, matching and the store.
 * Labels and the words people use for each live per language: labels in the text
 * catalogue, words in the understanding lexicon.
 */
export const CATEGORY_IDS = [
  'shopping',
  'medicines',
  'dogs',
  'lifts',
  'jobs',
  'meals',
  'visits',
  'chat',
  'listening',
  'teaching',
  'recipes',
  'phonehelp',
  'tech',
  'crafts',
] as const;

export type CategoryId = (typeof CATEGORY_IDS)[number];

/** In-person help needs someone nearby; remote help can come from anywhere. */
export type HelpMode = 'in_person' | 'remote';

export const CATEGORY_MODE: Readonly<Record<CategoryId, HelpMode>> = {
  shopping: 'in_person',
  medicines: 'in_person',
  dogs: 'in_person',
  lifts: 'in_person',
  jobs: 'in_person',
  meals: 'in_person',
  visits: 'in_person',
  chat: 'remote',
  listening: 'remote',
  teaching: 'remote',
  recipes: 'remote',
  phonehelp: 'remote',
  tech: 'remote',
  // Made or mended at home; the two arrange how it is handed over.
  crafts: 'remote',
};

/** The short lists shown as numbered choices; anything else is reached in free words. */
export const NEED_CHOICES: readonly CategoryId[] = ['shopping', 'medicines', 'chat', 'dogs', 'lifts', 'jobs'];
export const OFFER_CHOICES: readonly CategoryId[] = ['chat', 'listening', 'teaching', 'recipes', 'phonehelp'];
/** What the volunteer questions offer: the in-person kinds first, then the commonest by phone. */
export const VOLUNTEER_CHOICES: readonly CategoryId[] = ['shopping', 'medicines', 'dogs', 'lifts', 'jobs', 'meals', 'chat', 'tech'];

export function isCategoryId(value: string): value is CategoryId {
  return (CATEGORY_IDS as readonly string[]).includes(value);
}

/**
 * One thing a member needs or offers: a category when we recognised one, and the
 * member's own words when they used some (kept as they wrote them). One thing said
 * in words may be two items with the same words ("I can knit" offers teaching and
 * crafts).
 */
export interface Item {
  category: CategoryId | 'other';
  words?: string;
}
