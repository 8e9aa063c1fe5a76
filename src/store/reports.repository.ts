/**
 * The weekly figures a coordinator reports on: needs raised and met, how long a match
 * took, gifts given, first-time givers, and follow-ups that found a problem. Counted
 * by the database a week at a time; only the times to match come back row by row, to
 * take their median.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from './database.js';

export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export interface WeekFigures {
  /** The week's first moment (epoch ms). */
  start: number;
  needsRaised: number;
  needsMet: number;
  /** Median minutes from a need being raised to someone saying yes, for matches made that week. */
  medianMinutesToMatch: number | null;
  giftsGiven: number;
  firstTimeGivers: number;
  problems: number;
}

/** Which week (0 = the first) a time column falls in. Literals, so both dialects divide whole numbers. */
function weekOf(column: string, start: number): RawBuilder<number> {
  return sql<number>`(${sql.ref(column)} - ${sql.lit(start)}) / ${sql.lit(WEEK_MS)}`;
}

function byWeek(rows: { week: number | string; n: number | string }[]): Map<number, number> {
  return new Map(rows.map((r) => [Number(r.week), Number(r.n)]));
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Figures for `weeks` weeks from `start` (each WEEK_MS long), oldest first. */
export async function weeklyFigures(db: Executor, start: number, weeks: number): Promise<WeekFigures[]> {
  const end = start + weeks * WEEK_MS;
  const raised = await db
    .selectFrom('needs')
    .select((eb) => [weekOf('created_at', start).as('week'), eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .groupBy(weekOf('created_at', start))
    .execute();
  const met = await db
    .selectFrom('matches')
    .select((eb) => [weekOf('closed_at', start).as('week'), eb.fn.count<number>('need_id').distinct().as('n')])
    .where('status', '=', 'done')
    .where('closed_at', '>=', start)
    .where('closed_at', '<', end)
    .groupBy(weekOf('closed_at', start))
    .execute();
  const given = await db
    .selectFrom('matches')
    .select((eb) => [weekOf('created_at', start).as('week'), eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .groupBy(weekOf('created_at', start))
    .execute();
  // Each giver's first match ever (one pass over an index), counted in the week it fell in.
  const firstTime = await db
    .selectFrom((eb) => eb.selectFrom('matches').select((m) => ['matches.volunteer_id', m.fn.min<number>('matches.created_at').as('first_at')]).groupBy('matches.volunteer_id').as('firsts'))
    .select((eb) => [weekOf('firsts.first_at', start).as('week'), eb.fn.countAll<number>().as('n')])
    .where('firsts.first_at', '>=', start)
    .where('firsts.first_at', '<', end)
    .groupBy(weekOf('firsts.first_at', start))
    .execute();
  const problems = await db
    .selectFrom('alerts')
    .select((eb) => [weekOf('created_at', start).as('week'), eb.fn.countAll<number>().as('n')])
    .where('kind', '=', 'problem')
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .groupBy(weekOf('created_at', start))
    .execute();
  const waits = await db
    .selectFrom('matches')
    .innerJoin('needs', 'needs.id', 'matches.need_id')
    .select(['matches.created_at as matched_at', 'needs.created_at as raised_at'])
    .where('matches.created_at', '>=', start)
    .where('matches.created_at', '<', end)
    .execute();
  const waitsByWeek = new Map<number, number[]>();
  for (const w of waits) {
    const week = Math.floor((w.matched_at - start) / WEEK_MS);
    const list = waitsByWeek.get(week) ?? [];
    list.push((w.matched_at - w.raised_at) / 60_000);
    waitsByWeek.set(week, list);
  }
  const maps = { raised: byWeek(raised), met: byWeek(met), given: byWeek(given), firstTime: byWeek(firstTime), problems: byWeek(problems) };
  return Array.from({ length: weeks }, (_, week) => ({
    start: start + week * WEEK_MS,
    needsRaised: maps.raised.get(week) ?? 0,
    needsMet: maps.met.get(week) ?? 0,
    medianMinutesToMatch: median(waitsByWeek.get(week) ?? []),
    giftsGiven: maps.given.get(week) ?? 0,
    firstTimeGivers: maps.firstTime.get(week) ?? 0,
    problems: maps.problems.get(week) ?? 0,
  }));
}
