/**
 * Needs and Gifts: the lists a coordinator narrows by state, area, category and age,
 * with the seed's measure up front (how many who asked for help also gave); and one
 * need's page, where they match it by hand from the ranked candidates (the same
 * search a wave uses), or close it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findCandidates } from '../matching/search.js';
import {
  firstNames,
  getNeedDetail,
  givingMeasure,
  listGifts,
  listNeeds,
  PAGE_SIZE,
  type GivingMeasure,
  type ListFilters,
} from '../store/console.repository.js';
import type { ConsoleContext } from './context.js';
import { CATEGORY_OPTIONS } from './format.js';
import { field, flash, page, type FieldError } from './render.js';

const DAY = 24 * 60 * 60 * 1000;
/** "Waiting more than...": the age filter's choices. */
export const AGE_OPTIONS = [
  { value: '', label: 'Any age', ms: 0 },
  { value: '1d', label: 'More than a day', ms: DAY },
  { value: '3d', label: 'More than 3 days', ms: 3 * DAY },
  { value: '1w', label: 'More than a week', ms: 7 * DAY },
  { value: '4w', label: 'More than 4 weeks', ms: 28 * DAY },
] as const;
export const NEED_STATES = [
  { value: 'open', label: 'Waiting' },
  { value: 'matched', label: 'Matched' },
  { value: 'met', label: 'Met' },
  { value: 'cancelled', label: 'Closed' },
];
export const GIFT_STATES = [
  { value: 'active', label: 'Offered' },
  { value: 'withdrawn', label: 'Withdrawn' },
];
/** Candidates shown on a need's page. */
const CANDIDATES_SHOWN = 10;
/** The measure reads every need; it is worked out at most once a minute. */
const MEASURE_TTL_MS = 60_000;

/** The filters in a list's query string, checked; what was typed comes back for the form. */
export function readFilters(query: unknown, states: readonly { value: string }[], now: number) {
  const text = (key: string) => field(query, key).trim();
  const values = {
    state: text('state'),
    area: text('area').toUpperCase(),
    category: text('category'),
    age: text('age'),
    page: Number.parseInt(text('page'), 10) || 1,
  };
  const errors: FieldError[] = [];
  const filters: ListFilters = { page: Math.max(1, values.page) };
  if (states.some((s) => s.value === values.state)) filters.state = values.state;
  if (CATEGORY_OPTIONS.some((c) => c.value === values.category)) filters.category = values.category;
  const age = AGE_OPTIONS.find((a) => a.value === values.age);
  if (age && age.ms > 0) filters.olderThan = now - age.ms;
  if (values.area !== '') {
    if (/^[A-Z]{1,2}(\d[A-Z\d]?)?$/.test(values.area.replace(/\s/g, ''))) filters.area = values.area;
    else errors.push({ field: 'area', text: 'Enter an area like SA1 (a postcode’s first half) or SA' });
  }
  return { filters, values, errors };
}

/** Page links for a list: the same filters, another page. */
function pagination(request: FastifyRequest, pageNumber: number, total: number) {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (n: number) => {
    const params = new URLSearchParams(request.query as Record<string, string>);
    params.set('page', String(n));
    return `?${params.toString()}`;
  };
  return {
    page: pageNumber,
    pages,
    first: total === 0 ? 0 : (pageNumber - 1) * PAGE_SIZE + 1,
    last: Math.min(total, pageNumber * PAGE_SIZE),
    previous: pageNumber > 1 ? link(pageNumber - 1) : null,
    next: pageNumber < pages ? link(pageNumber + 1) : null,
  };
}

export function registerNeeds(app: FastifyInstance, ctx: ConsoleContext): void {
  let measure: { at: number; value: GivingMeasure } | undefined;
  const currentMeasure = async () => {
    const now = ctx.clock.now();
    if (!measure || now - measure.at > MEASURE_TTL_MS) measure = { at: now, value: await givingMeasure(ctx.db) };
    return measure.value;
  };

  /** A filtered list page (Needs or Gifts), led by the measure. */
  const listPage = <Row>(
    section: 'needs' | 'gifts',
    title: string,
    states: typeof NEED_STATES,
    list: (filters: ListFilters) => Promise<{ rows: Row[]; total: number }>,
  ) =>
    app.get(`/${section}`, async (request, reply) => {
      const now = ctx.clock.now();
      const { filters, values, errors } = readFilters(request.query, states, now);
      const [found, giving] = await Promise.all([list(filters), currentMeasure()]);
      return page(
        request,
        reply,
        section,
        {
          title,
          section,
          rows: found.rows,
          total: found.total,
          pages: pagination(request, filters.page!, found.total),
          values,
          errors,
          states,
          categories: CATEGORY_OPTIONS,
          ages: AGE_OPTIONS,
          giving,
        },
        now,
        errors.length ? 400 : 200,
      );
    });
  listPage('needs', 'Needs', NEED_STATES, (filters) => listNeeds(ctx.db, filters));
  listPage('gifts', 'Gifts', GIFT_STATES, (filters) => listGifts(ctx.db, filters));

  async function needPage(request: FastifyRequest, reply: FastifyReply, id: string, errors: FieldError[] = []) {
    const now = ctx.clock.now();
    const detail = await getNeedDetail(ctx.db, id);
    if (!detail) return page(request, reply, 'not-found', { title: 'Need not found', section: 'needs' }, now, 404);
    let candidates: {
      memberId: string;
      name: string | null;
      outcode: string | null;
      distanceKm: number | null;
      askedRecently: boolean;
      verified: boolean;
      lastAskedAt: number | null;
    }[] = [];
    if (detail.need.status === 'open') {
      const { ranked } = await findCandidates(ctx.db, detail.need, {
        now,
        requireVerifiedInPerson: ctx.matching.requireVerifiedInPerson,
        enough: ctx.matching.waveSize,
        lang: detail.need.lang,
      });
      const shown = ranked.slice(0, CANDIDATES_SHOWN);
      const names = await firstNames(
        ctx.db,
        shown.map((r) => r.memberId),
      );
      candidates = shown.map((r) => {
        const m = names.get(r.memberId);
        return { ...r, name: m?.first_name ?? null, outcode: m?.outcode ?? null, verified: m?.verified_at != null, lastAskedAt: m?.last_asked_at || null };
      });
    }
    const title = `${detail.need.first_name ?? 'Someone'}: ${detail.need.words?.trim() || detail.need.category}`;
    return page(request, reply, 'need', { title, section: 'needs', ...detail, candidates, errors }, now, errors.length ? 400 : 200);
  }

  app.get('/needs/:id', async (request, reply) => needPage(request, reply, (request.params as { id: string }).id));

  app.post('/needs/:id/ask', async (request, reply) => {
    const { id } = request.params as { id: string };
    const volunteerId = field(request.body, 'volunteer');
    const names = await firstNames(ctx.db, [volunteerId]);
    const name = names.get(volunteerId)?.first_name ?? 'They';
    const outcome = await ctx.actions.askVolunteer(request.coordinator!, id, volunteerId);
    const messages = {
      not_open: 'This need is no longer waiting: someone may have said yes meanwhile.',
      already_asked: `${name} has already been asked about this need.`,
      busy: `${name} is answering another request or already helping someone. Choose someone else.`,
      unreachable: `${name} cannot be reached now (they may have sent STOP).`,
      sandbox: 'Only real members can be asked about a real need: the simulator’s sandbox is kept apart.',
    };
    flash(
      request,
      outcome.ok
        ? { kind: 'success', title: `We have asked ${name}`, text: 'They answer YES or NO by message, as usual. The first yes is matched.' }
        : { kind: 'important', title: messages[outcome.reason] },
    );
    return reply.redirect(`/console/needs/${encodeURIComponent(id)}`, 303);
  });

  app.post('/needs/:id/close', async (request, reply) => {
    const { id } = request.params as { id: string };
    const outcome = field(request.body, 'outcome');
    if (outcome !== 'met' && outcome !== 'cancelled')
      return needPage(request, reply, id, [{ field: 'outcome', text: 'Select whether help came or it is no longer needed' }]);
    const need = await getNeedDetail(ctx.db, id);
    if (!need) return page(request, reply, 'not-found', { title: 'Need not found', section: 'needs' }, ctx.clock.now(), 404);
    const result = await ctx.actions.closeNeed(request.coordinator!, id, need.need.member_id, outcome);
    flash(
      request,
      result.ok
        ? { kind: 'success', title: outcome === 'met' ? 'Need closed: help came' : 'Need closed: no longer needed' }
        : { kind: 'important', title: 'This need was already closed.' },
    );
    return reply.redirect(`/console/needs/${encodeURIComponent(id)}`, 303);
  });
}
