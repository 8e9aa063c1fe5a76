/**
 * One thing a person did, as the engine sees it, whatever the channel. Channel
 * adapters turn provider payloads into exactly one of these.
 *
 * @example { kind: 'text', text: 'two' }
 * @example { kind: 'start', payload: 'volunteer' }  // Telegram "/start volunteer"
 * @example { kind: 'choice', step: 'needs', choice: 'shopping' }  // a button press
 * @example { kind: 'edited' }  // a Telegram message edited after it was sent
 * @example { kind: 'event', name: 'followup', matchId: 'M1', partner: 'Sam', what: 'shopping' }  // from a timer, not a person
 * @example { kind: 'event', name: 'unreachable' }  // the provider said this address takes no more messages
 * @example { kind: 'event', name: 'reachable' }  // it does again (a Telegram bot unblocked)
 */
export type ConversationInput =
  | { kind: 'text'; text: string }
  | { kind: 'start'; payload?: string }
  | { kind: 'choice'; step: string; choice: string }
  | { kind: 'location'; latitude: number; longitude: number }
  | { kind: 'contact' }
  | { kind: 'edited' }
  | { kind: 'unsupported'; what: string }
  /**
   * The check-in after help. `need` is what was helped with, worded here in the
   * person's language; `what`, already worded, is read from events queued by older versions.
   */
  | {
      kind: 'event';
      name: 'followup';
      matchId: string;
      partner: string | null;
      partnerId?: string;
      need?: { category: string; words: string | null };
      what?: string;
    }
  | { kind: 'event'; name: 'unreachable' }
  | { kind: 'event'; name: 'reachable' };
