/**
 * Reports: the weekly figures as a table and a chart, CSV exports of needs, gifts,
 * matches and the report (numbers masked unless the coordinator asks for them in
 * full, and every export written to the audit log), and the Activity page, the audit
 * log itself.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../store/audit.repository.js';
import { exportGifts, exportMatches, exportNeeds, numbersOf } from '../store/exports.repository.js';
import { WEEK_MS, weeklyFigures, type WeekFigures } from '../store/reports.repository.js';
import { weeklyChart } from './chart.js';
import type { ConsoleContext } from './context.js';
import { csvRows, type Cell } from './csv.js';
import { categoryLabel, iso, masked, stateLabel, weekStart } from './format.js';
import { field, page } from './render.js';

/** Weeks the report covers, the current one last. */
const REPORT_WEEKS = 12;
export const DATASETS = ['needs', 'gifts', 'matches', 'report'] as const;
type Dataset = (typeof DATASETS)[number];

/** The report's weeks: REPORT_WEEKS of them, ending with the one now is in (UK weeks, from Monday). */
async function reportWeeks(ctx: ConsoleContext): Promise<WeekFigures[]> {
  const start = weekStart(ctx.clock.now()) - (REPORT_WEEKS - 1) * WEEK_MS;
  return weeklyFigures(ctx.db, start, REPORT_WEEKS);
}

const REPORT_HEADER = [
  'Week starting',
  'Needs raised',
  'Needs met',
  'Median minutes to match',
  'Gifts given',
  'First-time givers',
  'Follow-ups that found a problem',
];

function reportRow(w: WeekFigures): Cell[] {
  return [
    iso(w.start).slice(0, 10),
    w.needsRaised,
    w.needsMet,
    w.medianMinutesToMatch === null ? '' : Math.round(w.medianMinutesToMatch),
    w.giftsGiven,
    w.firstTimeGivers,
    w.problems,
  ];
}

/** The CSV of a dataset, a batch of rows at a time. */
async function* csvOf(ctx: ConsoleContext, dataset: Dataset, full: boolean): AsyncGenerator<string> {
  const number = (numbers: Map<string, string>, id: string) => {
    const n = numbers.get(id);
    return n === undefined ? '' : full ? n : masked(n);
  };
  yield '\uFEFF'; // so spreadsheets read the file as UTF-8 (names, Welsh, people's own words)
  if (dataset === 'report') {
    yield csvRows([REPORT_HEADER, ...(await reportWeeks(ctx)).map(reportRow)]);
    return;
  }
  if (dataset === 'needs') {
    yield csvRows([['Need', 'Raised', 'First name', 'Number', 'Area', 'Kind', 'What they said', 'State', 'No one found']]);
    for await (const rows of exportNeeds(ctx.db)) {
      const numbers = await numbersOf(
        ctx.db,
        rows.map((r) => r.member_id),
      );
      yield csvRows(
        rows.map((r) => [
          r.id,
          iso(r.created_at),
          r.first_name,
          number(numbers, r.member_id),
          r.outcode,
          categoryLabel(r.category),
          r.words,
          stateLabel(r.status),
          iso(r.unmatched_at),
        ]),
      );
    }
    return;
  }
  if (dataset === 'gifts') {
    yield csvRows([['Gift', 'Offered', 'First name', 'Number', 'Area', 'Kind', 'Their words', 'State', 'Times matched', 'Times thanked']]);
    for await (const rows of exportGifts(ctx.db)) {
      const numbers = await numbersOf(
        ctx.db,
        rows.map((r) => r.member_id),
      );
      yield csvRows(
        rows.map((r) => [
          r.id,
          iso(r.created_at),
          r.first_name,
          number(numbers, r.member_id),
          r.outcode,
          categoryLabel(r.category),
          r.words,
          stateLabel(r.status),
          Number(r.matched ?? 0),
          Number(r.thanked ?? 0),
        ]),
      );
    }
    return;
  }
  yield csvRows([['Match', 'Need', 'Kind', 'Area', 'Person helped', 'Their number', 'Helper', "Helper's number", 'State', 'Follow-up', 'Matched', 'Closed']]);
  for await (const rows of exportMatches(ctx.db)) {
    const numbers = await numbersOf(
      ctx.db,
      rows.flatMap((r) => [r.requester_id, r.volunteer_id]),
    );
    yield csvRows(
      rows.map((r) => [
        r.id,
        r.need_id,
        categoryLabel(r.category),
        r.outcode,
        r.requester_name,
        number(numbers, r.requester_id),
        r.helper_name,
        number(numbers, r.volunteer_id),
        stateLabel(r.status),
        r.outcome ?? '',
        iso(r.created_at),
        iso(r.closed_at),
      ]),
    );
  }
}

export function registerReports(app: FastifyInstance, ctx: ConsoleContext): void {
  app.get('/reports', async (request, reply) => {
    const weeks = await reportWeeks(ctx);
    return page(request, reply, 'reports', { title: 'Reports', section: 'reports', weeks, chart: weeklyChart(weeks), datasets: DATASETS }, ctx.clock.now());
  });

  app.post('/export', async (request, reply) => {
    const dataset = DATASETS.find((d) => d === field(request.body, 'dataset'));
    if (!dataset) {
      const weeks = await reportWeeks(ctx);
      return page(
        request,
        reply,
        'reports',
        {
          title: 'Reports',
          section: 'reports',
          weeks,
          chart: weeklyChart(weeks),
          datasets: DATASETS,
          errors: [{ field: 'dataset', text: 'Select what to export' }],
        },
        ctx.clock.now(),
        400,
      );
    }
    const full = field(request.body, 'numbers') === 'full' && dataset !== 'report';
    await ctx.actions.record(request.coordinator!, { action: full ? 'exported with full numbers' : 'exported', subject: dataset });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="valued-${dataset}-${iso(ctx.clock.now()).slice(0, 10)}.csv"`)
      .send(Readable.from(csvOf(ctx, dataset, full)));
  });

  app.get('/activity', async (request, reply) => {
    const entries = await listAudit(ctx.db, { limit: 200 });
    return page(request, reply, 'activity', { title: 'Activity', section: 'activity', entries }, ctx.clock.now());
  });
}
