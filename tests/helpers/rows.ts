/** Rows as valued writes them, for tests that set a scene in the database directly. */
import type { NewOutboundMessage } from '../../src/store/schema.js';

/**
 * A message waiting to go, as a turn records one: `fields` give what the test cares
 * about, `at` when it was made; the rest is as for any new message.
 */
export function pendingOutbound(
  fields: Pick<NewOutboundMessage, 'id' | 'identity_id' | 'channel' | 'address'> & Partial<NewOutboundMessage>,
  at: number,
): NewOutboundMessage {
  return {
    purpose: 'normal',
    body: 'hello',
    reply: null,
    status: 'pending',
    delivery_status: null,
    provider_id: null,
    attempts: 0,
    error: null,
    inbound_id: null,
    created_at: at,
    sent_at: null,
    updated_at: at,
    about_member_id: null,
    ...fields,
  };
}
