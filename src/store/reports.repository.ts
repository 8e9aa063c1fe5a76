/**
 * The weekly figures a coordinator reports on: needs raised and met, how long a match
 * took, gifts given, first-time givers, and follow-ups that found a problem. Counted
 * by the database a week at a time; only the times to match come back row by row, to
 * take their median. Real members only: the simulator's sandbox counts for nothing.
 */
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { sandboxHasMembers, sandboxMembers } from './console.repository.js';
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

/** Counts the query's rows per week of a time column, from `start` to `end`: every row, or `counted` (distinct...). */
async function perWeek<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  column: string,
  start: number,
  end: number,
  counted: RawBuilder<unknown> = sql`*`,
): Promise<Map<number, number>> {
  const rows = await query
    .select([weekOf(column, start).as('week'), sql<number>`count(${counted})`.as('n')])
    .where(sql<boolean>`${sql.ref(column)} >= ${start} and ${sql.ref(column)} < ${end}`)
    .groupBy(weekOf(column, start))
    .execute();
  return new Map((rows as unknown as { week: number | string; n: number | string }[]).map((r) => [Number(r.week), Number(r.n)]));
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
  // Real members only, when the sandbox holds anyone. Matches between real members: the
  // sandbox never matches across, but rows from before it was marked might.
  const sandboxed = await sandboxHasMembers(db);
  const matches = () =>
    db
      .selectFrom('matches')
      .$if(sandboxed, (m) => m.where('matches.requester_id', 'not in', sandboxMembers(db)).where('matches.volunteer_id', 'not in', sandboxMembers(db)));
  const raised = await perWeek(
    db.selectFrom('needs').$if(sandboxed, (n) => n.where('needs.member_id', 'not in', sandboxMembers(db))),
    'created_at',
    start,
    end,
  );
  const met = await perWeek(matches().where('status', '=', sql.lit('done')), 'closed_at', start, end, sql`distinct need_id`);
  const given = await perWeek(matches(), 'created_at', start, end);
  // Each giver's first match ever (one pass over an index), counted in the week it fell in.
  const firsts = matches()
    .select((m) => ['matches.volunteer_id', m.fn.min<number>('matches.created_at').as('first_at')])
    .groupBy('matches.volunteer_id');
  const firstTime = await perWeek(db.selectFrom(firsts.as('firsts')), 'firsts.first_at', start, end);
  const problems = await perWeek(
    db
      .selectFrom('alerts')
      .where('kind', '=', 'problem')
      .$if(sandboxed, (a) => a.where((eb) => eb.or([eb('alerts.member_id', 'is', null), eb('alerts.member_id', 'not in', sandboxMembers(db))]))),
    'created_at',
    start,
    end,
  );
  const waits = await matches()
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
  return Array.from({ length: weeks }, (_, week) => ({
    start: start + week * WEEK_MS,
    needsRaised: raised.get(week) ?? 0,
    needsMet: met.get(week) ?? 0,
    medianMinutesToMatch: median(waitsByWeek.get(week) ?? []),
    giftsGiven: given.get(week) ?? 0,
    firstTimeGivers: firstTime.get(week) ?? 0,
    problems: problems.get(week) ?? 0,
  }));
}
