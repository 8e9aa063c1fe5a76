/**
 * Today: what needs a coordinator now. Open alerts, someone who may be in danger
 * first, then someone who may be struggling or whose words may be a worry, then
 * problems after help, then people asking for a person, then needs no one took, then
 * words the bot could not place; after them the needs that have waited longest. Each alert can be
 * acknowledged ("I am on it") and resolved with a note of what was done.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getAlert, listOpenAlerts, type OpenAlert } from '../store/alerts.repository.js';
import { listNeeds, needsByIds, openNeedsOf } from '../store/console.repository.js';
import type { ConsoleContext } from './context.js';
import { alertKindLabel, alertStory } from './format.js';
import { field, flash, page, type FieldError } from './render.js';

/** Needs listed under the alerts on Today. */
const WAITING_ON_TODAY = 15;
const NOTE_MAX = 1000;

/** Each alert with what its person needs: the need it names, else all their open needs. */
async function withWhatTheyNeed<T extends OpenAlert>(ctx: ConsoleContext, alerts: T[]) {
  const memberIds = alerts.map((a) => a.member_id).filter((id): id is string => id !== null);
  const [open, named] = await Promise.all([
    openNeedsOf(ctx.db, memberIds),
    needsByIds(
      ctx.db,
      alerts.map((a) => a.need_id).filter((id): id is string => id !== null),
    ),
  ]);
  return alerts.map((a) => {
    const need = a.need_id ? named.get(a.need_id) : undefined;
    return {
      ...a,
      label: alertKindLabel(a.kind),
      story: alertStory(a.kind, a.detail),
      urgent: a.kind === 'crisis',
      needs: need ? [need] : open.filter((n) => n.member_id === a.member_id),
    };
  });
}

/** Where to go back to after acting on an alert: Today, or the alert's own page. */
function backTo(request: FastifyRequest, id: string): string {
  return field(request.body, 'back') === 'alert' ? `/console/alerts/${encodeURIComponent(id)}` : '/console';
}

export function registerToday(app: FastifyInstance, ctx: ConsoleContext): void {
  app.get('/', async (request, reply) => {
    const [alerts, waiting] = await Promise.all([listOpenAlerts(ctx.db), listNeeds(ctx.db, { state: 'open' }, WAITING_ON_TODAY)]);
    return page(
      request,
      reply,
      'today',
      {
        title: 'Today',
        section: 'today',
        alerts: await withWhatTheyNeed(ctx, alerts),
        waiting: waiting.rows,
        waitingTotal: waiting.total,
      },
      ctx.clock.now(),
    );
  });

  async function alertPage(request: FastifyRequest, reply: FastifyReply, id: string, errors: FieldError[] = [], note = '') {
    const alert = await getAlert(ctx.db, id);
    if (!alert) return page(request, reply, 'not-found', { title: 'Alert not found', section: 'today' }, ctx.clock.now(), 404);
    const [view] = await withWhatTheyNeed(ctx, [alert]);
    return page(
      request,
      reply,
      'alert',
      { title: `${view!.label}: ${alert.first_name ?? 'someone'}`, section: 'today', alert: view, errors, note },
      ctx.clock.now(),
      errors.length ? 400 : 200,
    );
  }

  app.get('/alerts/:id', async (request, reply) => alertPage(request, reply, (request.params as { id: string }).id));

  app.post('/alerts/:id/acknowledge', async (request, reply) => {
    const { id } = request.params as { id: string };
    const alert = await getAlert(ctx.db, id);
    if (!alert) return page(request, reply, 'not-found', { title: 'Alert not found', section: 'today' }, ctx.clock.now(), 404);
    const outcome = await ctx.actions.acknowledgeAlert(request.coordinator!, id, alert.member_id);
    flash(
      request,
      outcome.ok
        ? { kind: 'success', title: `You are on it: ${alert.first_name ?? 'this alert'}` }
        : { kind: 'important', title: 'Someone had already acknowledged this alert.' },
    );
    return reply.redirect(backTo(request, id), 303);
  });

  app.post('/alerts/:id/resolve', async (request, reply) => {
    const { id } = request.params as { id: string };
    const note = field(request.body, 'note').trim();
    if (note === '') return alertPage(request, reply, id, [{ field: 'note', text: 'Enter what you did, so others know' }], note);
    if (note.length > NOTE_MAX) return alertPage(request, reply, id, [{ field: 'note', text: `Note must be ${NOTE_MAX} characters or fewer` }], note);
    const alert = await getAlert(ctx.db, id);
    if (!alert) return page(request, reply, 'not-found', { title: 'Alert not found', section: 'today' }, ctx.clock.now(), 404);
    const outcome = await ctx.actions.resolveAlert(request.coordinator!, id, alert.member_id, note);
    flash(
      request,
      outcome.ok
        ? { kind: 'success', title: `Alert resolved: ${alertKindLabel(alert.kind)}, ${alert.first_name ?? 'someone'}` }
        : { kind: 'important', title: 'This alert was already resolved.' },
    );
    return reply.redirect('/console', 303);
  });
}
