/**
 * What a provider's refusal means for the message and for the address: the address
 * takes no more (stop sending to it), the provider asks us to slow down, try again
 * later, or the message will never go.
 */
import { SendError } from '../channels/channel.js';

export type FailureMeaning =
  /** The provider says this address takes no more messages: `optedOut` (the person said STOP to the carrier) or unreachable. */
  | { kind: 'address closed'; optedOut: boolean }
  /**
   * Only an approved template may go to this address now (WhatsApp's 24-hour window
   * has closed) and the channel has none for this kind of message: the address is
   * fine, the message goes another way (another channel of theirs, or a coordinator).
   */
  | { kind: 'outside window' }
  /** Too many sends: the queue pauses as long as the provider asked. */
  | { kind: 'slow down'; ms: number }
  /** Worth another attempt (the provider may even have it: `maybeSent`). */
  | { kind: 'try again'; maybeSent: boolean }
  /** It will never go. */
  | { kind: 'give up' };

/** Any error from a sender, as the SendError it means (an unknown one is a network failure, worth trying again). */
export function asSendError(error: unknown): SendError {
  return error instanceof SendError ? error : new SendError(String(error), { reason: 'network', retryable: true, cause: error });
}

/** What `failure` means, on the queue's `lastAttempt` or not. */
export function meaningOf(failure: SendError, lastAttempt: boolean): FailureMeaning {
  if (failure.reason === 'opted_out' || failure.reason === 'unreachable') return { kind: 'address closed', optedOut: failure.reason === 'opted_out' };
  if (failure.reason === 'outside_window') return { kind: 'outside window' };
  if (failure.reason === 'rate_limited') return { kind: 'slow down', ms: failure.retryAfterMs ?? 1000 };
  if (!failure.retryable || lastAttempt) return { kind: 'give up' };
  // No answer at all (the network): the provider may have it, so the next attempt asks first.
  return { kind: 'try again', maybeSent: failure.reason === 'network' };
}
