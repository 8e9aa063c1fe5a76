/**
 * The coordinators' admin API: JSON lists of members, needs, offers, matches and
 * alerts, and the two actions a coordinator takes from a desk (verify a volunteer,
 * resolve an alert). Every route needs `Authorization: Bearer $ADMIN_TOKEN`; without
 * ADMIN_TOKEN set the API does not exist. Lists show contact details masked; one
 * member's page shows them in full, for a coordinator who needs to call.
 *
 *   GET  /admin/members?limit=50&before=ID     GET /admin/members/:id
 *   GET  /admin/needs?status=open              GET /admin/offers   GET /admin/matches
 *   GET  /admin/alerts?open=true               POST /admin/alerts/:id/resolve
 *   POST /admin/members/:id/verify
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../platform/clock.js';
import { maskAddress } from '../platform/log.js';
import {
  alertExists,
  identitiesOfMembers,
  listAlertsPage,
  listMatchesPage,
  listMembersPage,
  listNeedsPage,
  listOffersPage,
  memberRecord,
  resolveAlertFromDesk,
  type AdminPage,
} from '../store/admin.repository.js';
import { refreshCandidates } from '../store/candidates.repository.js';
import { transact, type Store } from '../store/database.js';
import { getMember, verifyMember } from '../store/members.repository.js';
import { requireToken, type Lockout } from './lockout.js';

const MAX_LIMIT = 200;

/** A query parameter given once, as text; a repeated one (?a=1&a=2) is a mistake, answered 400. */
class RepeatedParameter extends Error {
  override name = 'RepeatedParameter';
  readonly statusCode = 400;
}

function param(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new RepeatedParameter(`Give ?${name}= once.`);
  return value;
}

function page(request: FastifyRequest): AdminPage {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number.parseInt(param(request, 'limit') ?? '50', 10) || 50));
  const before = param(request, 'before');
  return { limit, before: before !== undefined && before !== '' ? before : undefined };
}

/** Newest first, `before` an id from the previous page. */
function next<T extends { id: string }>(rows: T[], limit: number): { items: T[]; next: string | null } {
  return { items: rows, next: rows.length === limit ? rows[rows.length - 1]!.id : null };
}

/**
 * `lockout`: wrong tokens from one address lock it out for a while (see lockout.ts).
 */
export function registerAdmin(app: FastifyInstance, deps: { token: string; store: Store; clock: Clock; lockout: Lockout }): void {
  const db = deps.store.db;

  void app.register(
    (admin, _options, done) => {
      admin.addHook('onRequest', requireToken(deps.token, deps.lockout, 'Bearer', 'admin'));

      admin.get('/members', async (request) => {
        const { limit, before } = page(request);
        const members = await listMembersPage(db, { limit, before });
        const identities = await identitiesOfMembers(
          db,
          members.map((m) => m.id),
        );
        const items = members.map((m) => ({
          ...m,
          channels: identities
            .filter((i) => i.member_id === m.id)
            .map((i) => ({ channel: i.channel, address: maskAddress(i.address), optedOut: i.opted_out_at !== null, unreachable: i.unreachable_at !== null })),
        }));
        return next(items, limit);
      });

      admin.get('/members/:id', async (request, reply) => {
        const { id } = request.params as { id: string };
        const member = await getMember(db, id);
        if (!member) return reply.code(404).send({ error: 'No such member' });
        const { channels, needs, offers } = await memberRecord(db, id);
        return { ...member, channels, needs, offers };
      });

      admin.post('/members/:id/verify', async (request, reply) => {
        const { id } = request.params as { id: string };
        const now = deps.clock.now();
        const done = await transact(deps.store, async (trx) => {
          if (!(await verifyMember(trx, id, now))) return false;
          await refreshCandidates(trx, id);
          return true;
        });
        return done ? { id, verified_at: now } : reply.code(404).send({ error: 'No such member' });
      });

      admin.get('/needs', async (request) => {
        const { limit, before } = page(request);
        const status = param(request, 'status');
        return next(await listNeedsPage(db, { limit, before }, status), limit);
      });

      admin.get('/offers', async (request) => {
        const { limit, before } = page(request);
        return next(await listOffersPage(db, { limit, before }), limit);
      });

      admin.get('/matches', async (request) => {
        const { limit, before } = page(request);
        return next(await listMatchesPage(db, { limit, before }), limit);
      });

      admin.get('/alerts', async (request) => {
        const { limit, before } = page(request);
        const open = param(request, 'open');
        return next(await listAlertsPage(db, { limit, before }, open === 'true' || open === '1'), limit);
      });

      admin.post('/alerts/:id/resolve', async (request, reply) => {
        const { id } = request.params as { id: string };
        const now = deps.clock.now();
        if (await resolveAlertFromDesk(db, id, now)) return { id, resolved_at: now };
        const exists = await alertExists(db, id);
        return exists ? { id, resolved_at: null, note: 'already resolved' } : reply.code(404).send({ error: 'No such alert' });
      });
      done();
    },
    { prefix: '/admin' },
  );
}
