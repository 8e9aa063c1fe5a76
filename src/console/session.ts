/**
 * Console sessions: @fastify/session with its store in our database (any web process
 * serves any coordinator; removing an account ends its sessions at once), in an
 * HTTP-only, SameSite=Lax cookie that is Secure whenever the request came over HTTPS
 * (directly or through the TLS proxy, PUBLIC_BASE_URL). A session ends after
 * IDLE_MS without use or ABSOLUTE_MS after sign-in, whichever is first, checked on the
 * server (the store's expiry) and not only by the cookie.
 */
import type { Session } from 'fastify';
import type fastifySession from '@fastify/session';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../store/database.js';
import { deleteSession, readSession, writeSession } from '../store/console-sessions.repository.js';

/** A signed-in session ends after this long without a request. */
export const IDLE_MS = 2 * 60 * 60 * 1000;
/** And this long after sign-in, however busy. */
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** A session with no one signed in (it only carries the sign-in form's CSRF secret). */
export const ANONYMOUS_MS = 60 * 60 * 1000;
/** How often a session's last use is written back (a write per page would be waste). */
export const TOUCH_EVERY_MS = 60 * 1000;

/** A message shown once, on the next page: "We have asked Sam." */
export interface Flash {
  kind: 'success' | 'important';
  title: string;
  text?: string;
}

declare module 'fastify' {
  interface Session {
    coordinatorId?: string;
    signedInAt?: number;
    lastSeenAt?: number;
    flash?: Flash;
    /** "Show number" was pressed for this member; numbers show until `until`. */
    reveal?: { memberId: string; until: number };
    /** Why the last session ended, to say so on the sign-in page. */
    ended?: 'expired' | 'signed-out';
  }
}

/** When a session stops working, judged by what it holds. */
export function sessionExpiry(session: Pick<Session, 'coordinatorId' | 'signedInAt' | 'lastSeenAt'>, now: number): number {
  if (!session.coordinatorId) return now + ANONYMOUS_MS;
  const signedIn = session.signedInAt ?? now;
  return Math.min(signedIn + ABSOLUTE_MS, (session.lastSeenAt ?? signedIn) + IDLE_MS);
}

/** The session store @fastify/session uses: our console_sessions table. */
export function databaseSessionStore(db: Db, clock: Clock): fastifySession.SessionStore {
  return {
    get(sessionId, callback) {
      readSession(db, sessionId, clock.now()).then(
        (data) => callback(null, data ? (JSON.parse(data) as Session) : null),
        (error: unknown) => callback(error),
      );
    },
    set(sessionId, session, callback) {
      writeSession(db, sessionId, {
        coordinatorId: session.coordinatorId ?? null,
        data: JSON.stringify(session),
        expiresAt: sessionExpiry(session, clock.now()),
      }).then(
        () => callback(),
        (error: unknown) => callback(error),
      );
    },
    destroy(sessionId, callback) {
      deleteSession(db, sessionId).then(
        () => callback(),
        (error: unknown) => callback(error),
      );
    },
  };
}
