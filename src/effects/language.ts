/**
 * The language a message to a member goes in: the one they chose (members.lang), if
 * it is switched on (LANGUAGES), else English. Messages to coordinators stay English.
 */
import { isLang, texts, type Catalogue, type Lang } from '../conversation/texts/index.js';
import { memberLang } from '../store/members.repository.js';
import type { Executor } from '../store/database.js';
import type { Services } from './context.js';

/** The languages switched on, English first. */
export function langsOf(services: Pick<Services, 'languages'>): Lang[] {
  const on = (services.languages ?? ['en']).filter(isLang);
  return on.includes('en') ? on : ['en', ...on];
}

/** A member's language and its words. */
export async function wordsFor(ctx: { trx: Executor; services: Pick<Services, 'languages'> }, memberId: string | null): Promise<{ lang: Lang; t: Catalogue }> {
  const chosen = memberId === null ? null : await memberLang(ctx.trx, memberId);
  const lang = chosen !== null && isLang(chosen) && langsOf(ctx.services).includes(chosen) ? chosen : 'en';
  return { lang, t: texts(lang) };
}
