import type { Catalogue, Lang } from './catalogue.js';
import { cy } from './cy.js';
import { en } from './en.js';

export type { Catalogue, CrisisKind, Lang, ProfileWords, Topic } from './catalogue.js';
export { LANGS } from './catalogue.js';

const catalogues: Record<Lang, Catalogue> = { en, cy };

/** The words for one language. Unknown languages get English rather than nothing. */
export function texts(lang: string): Catalogue {
  return (catalogues as Record<string, Catalogue | undefined>)[lang] ?? en;
}

/** Whether a language is one the bot can speak. */
export function isLang(lang: string): lang is Lang {
  return lang in catalogues;
}
