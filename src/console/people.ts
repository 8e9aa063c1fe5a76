/**
 * People: find someone by first name, postcode or the last digits of their number,
 * then read everything about them on one page, their conversation as it happened
 * included. Numbers stay masked until a coordinator presses "Show number", which is
 * written to the audit log. From the page: verify a volunteer, pause or resume
 * them, and send them a message through the bot.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listAudit } from '../store/audit.repository.js';
import {
  channelsOf,
  conversationHistory,
  getPerson,
  isConsoleMember,
  peopleByIds,
  searchPeople,
  SEARCH_LIMIT,
  type PersonRow,
} from '../store/people.repository.js';
import { membersByName, membersByTail } from '../store/search-index.repository.js';
import type { ConsoleContext } from './context.js';
import { describeQuery, readPeopleQuery } from './query.js';
import { field, flash, page, type FieldError } from './render.js';

/** How long "Show number" shows numbers for. */
const REVEAL_MS = 5 * 60 * 1000;
/** Longer than this takes several texts; the form says so and refuses beyond the limit. */
const MESSAGE_MAX = 600;

export function registerPeople(app: FastifyInstance, ctx: ConsoleContext): void {
  app.get('/people', async (request, reply) => {
    const now = ctx.clock.now();
    const typed = field(request.query, 'q');
    if (typed.trim() === '')
      return page(request, reply, 'people', { title: 'People', section: 'people', typed, results: null, sealed: ctx.sealedSearch !== undefined }, now);
    const read = readPeopleQuery(typed);
    if ('error' in read) {
      return page(
        request,
        reply,
        'people',
        { title: 'People', section: 'people', typed, results: null, errors: [{ field: 'q', text: read.error }], sealed: ctx.sealedSearch !== undefined },
        now,
        400,
      );
    }
    let rows: PersonRow[];
    const sealed = ctx.sealedSearch;
    if (sealed && (read.query.kind === 'name' || read.query.kind === 'tail')) {
      // Sealed names and numbers: found through the keyed-hash index, brought up to date first.
      await sealed.catchUp();
      const ids =
        read.query.kind === 'name'
          ? await membersByName(ctx.db, sealed.hash, read.query.name, SEARCH_LIMIT)
          : await membersByTail(ctx.db, sealed.hash, read.query.digits, SEARCH_LIMIT);
      rows = await peopleByIds(ctx.db, ids);
    } else rows = await searchPeople(ctx.db, read.query);
    const channels = await channelsOf(
      ctx.db,
      rows.map((r) => r.id),
    );
    const results = rows.map((r) => ({ ...r, channels: channels.filter((c) => c.member_id === r.id && c.erased_at === null) }));
    return page(
      request,
      reply,
      'people',
      { title: 'People', section: 'people', typed, results, described: describeQuery(read.query), limit: SEARCH_LIMIT, sealed: sealed !== undefined },
      now,
    );
  });

  async function personPage(request: FastifyRequest, reply: FastifyReply, id: string, errors: FieldError[] = [], message = '') {
    const now = ctx.clock.now();
    const person = await getPerson(ctx.db, id);
    if (!person) return page(request, reply, 'not-found', { title: 'Person not found', section: 'people' }, now, 404);
    const [history, activity] = await Promise.all([
      conversationHistory(
        ctx.db,
        person.channels.map((c) => c.id),
      ),
      listAudit(ctx.db, { limit: 20, memberId: id }),
    ]);
    const reveal = request.session.reveal;
    const revealed = reveal !== undefined && reveal.memberId === id && reveal.until > now;
    const optedOut = person.channels.length > 0 && person.channels.every((c) => c.opted_out_at !== null || c.erased_at !== null);
    return page(
      request,
      reply,
      'person',
      {
        title: person.member.first_name ?? 'Someone without a name',
        section: 'people',
        ...person,
        history,
        channelOf: new Map(person.channels.map((c) => [c.id, c.channel])),
        activity,
        revealed,
        optedOut,
        errors,
        message,
        messageMax: MESSAGE_MAX,
      },
      now,
      errors.length ? 400 : 200,
    );
  }

  app.get('/people/:id', async (request, reply) => personPage(request, reply, (request.params as { id: string }).id));

  /** A member the console does not show (none, or in the simulator's sandbox): their actions are not found either. */
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    page(request, reply, 'not-found', { title: 'Person not found', section: 'people' }, ctx.clock.now(), 404);

  /** Acts on a person, then back to their page with what happened. */
  const onPerson = (path: string, run: (request: FastifyRequest, id: string) => Promise<{ kind: 'success' | 'important'; title: string }>) =>
    app.post(`/people/:id/${path}`, async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!(await isConsoleMember(ctx.db, id))) return notFound(request, reply);
      flash(request, await run(request, id));
      return reply.redirect(`/console/people/${encodeURIComponent(id)}`, 303);
    });

  onPerson('show-number', async (request, id) => {
    await ctx.actions.record(request.coordinator!, { action: 'showed a number', memberId: id });
    request.session.reveal = { memberId: id, until: ctx.clock.now() + REVEAL_MS };
    return { kind: 'important', title: 'Numbers are shown for 5 minutes', text: 'This was recorded in the activity log.' };
  });
  onPerson('verify', async (request, id) => {
    const outcome = await ctx.actions.verify(request.coordinator!, id);
    return outcome.ok
      ? { kind: 'success', title: 'Volunteer verified for help in person' }
      : { kind: 'important', title: 'This person can no longer be verified (their data was erased).' };
  });
  onPerson('pause', async (request, id) => {
    await ctx.actions.setPaused(request.coordinator!, id, true);
    return { kind: 'success', title: 'Paused: they will not be asked to help until resumed' };
  });
  onPerson('resume', async (request, id) => {
    await ctx.actions.setPaused(request.coordinator!, id, false);
    return { kind: 'success', title: 'Resumed: they may be asked to help again' };
  });

  app.post('/people/:id/message', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!(await isConsoleMember(ctx.db, id))) return notFound(request, reply);
    const text = field(request.body, 'text').trim();
    if (text === '') return personPage(request, reply, id, [{ field: 'text', text: 'Enter the message to send' }], text);
    if (text.length > MESSAGE_MAX) return personPage(request, reply, id, [{ field: 'text', text: `Message must be ${MESSAGE_MAX} characters or fewer` }], text);
    const outcome = await ctx.actions.sendMessage(request.coordinator!, id, text);
    if (!outcome.ok) {
      const why =
        outcome.reason === 'opted_out' ? 'They sent STOP, so nothing can be sent to them until they send START' : 'They cannot be reached on any channel now';
      return personPage(request, reply, id, [{ field: 'text', text: why }], text);
    }
    flash(request, { kind: 'success', title: 'Message sent through the bot', text: 'It shows in their conversation below; their reply will too.' });
    return reply.redirect(`/console/people/${encodeURIComponent(id)}#conversation`, 303);
  });
}
