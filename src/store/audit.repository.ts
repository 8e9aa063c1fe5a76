/**
 * The console's audit log: who did what, when, and about whom. Written in the same
 * transaction as the action it records, so the log and what happened never disagree.
 * It holds ids and plain action words, never what was said or a number: those stay in
 * the records FORGET ME erases.
 */
import type { Executor } from './database.js';
import type { AuditEntry } from './schema.js';

/** What the console records. Each is a short verb phrase shown on the Activity page. */
export type AuditAction =
  | 'signed in'
  | 'signed out'
  | 'acknowledged an alert'
  | 'resolved an alert'
  | 'showed a number'
  | 'asked a volunteer'
  | 'verified a volunteer'
  | 'paused'
  | 'resumed'
  | 'closed a need'
  | 'sent a message'
  | 'exported'
  | 'exported with full numbers';

export interface AuditRecord {
  id: string;
  at: number;
  coordinator: { id: string; name: string };
  action: AuditAction;
  memberId?: string | null;
  subject?: string | null;
  detail?: string | null;
}

export async function recordAudit(db: Executor, entry: AuditRecord): Promise<void> {
  await db
    .insertInto('console_audit')
    .values({
      id: entry.id,
      at: entry.at,
      coordinator_id: entry.coordinator.id,
      coordinator_name: entry.coordinator.name,
      action: entry.action,
      member_id: entry.memberId ?? null,
      subject: entry.subject ?? null,
      detail: entry.detail ?? null,
    })
    .execute();
}

/** The newest entries first, all or about one member, with that member's first name. */
export async function listAudit(db: Executor, options: { limit: number; memberId?: string }): Promise<(AuditEntry & { first_name: string | null })[]> {
  let query = db
    .selectFrom('console_audit')
    .leftJoin('members', 'members.id', 'console_audit.member_id')
    .selectAll('console_audit')
    .select('members.first_name')
    .orderBy('console_audit.id', 'desc')
    .limit(options.limit);
  if (options.memberId) query = query.where('console_audit.member_id', '=', options.memberId);
  return query.execute();
}
