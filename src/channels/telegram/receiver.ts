/**
 * Receiving one Telegram update, whether it came by webhook or by polling: record it
 * through the inbox, then the small courtesies Telegram expects (stop a button's
 * spinner and mark the choice; tell a group the bot works one to one). Those are
 * best effort and never hold up or undo the record.
 */
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Clock } from '../../platform/clock.js';
import { texts } from '../../conversation/texts/index.js';
import type { Logger } from '../../platform/log.js';
import type { Metrics } from '../../platform/metrics.js';
import type { Store } from '../../store/database.js';
import { findIdentity, setUnreachable } from '../../store/members.repository.js';
import type { Inbox } from '../inbox.js';
import { normaliseUpdate, type NormalisedUpdate, type PressedButton } from './normalise.js';

/** `malformed`: not an update we can read (dropped, logged and counted; answering an error would only bring it back). */
export type Received = 'accepted' | 'duplicate' | 'unqueued' | 'ignored' | 'malformed';

export interface TelegramReceiver {
  receive(update: Update): Promise<Received>;
  /** The bot's @username once known (for "message me directly"). */
  botUsername: string | null;
}

/** A group hears the "one to one" note at most this often. */
const GROUP_NOTE_EVERY_MS = 60 * 60 * 1000;

/** A chat id as Telegram gives it: a whole number, written out. */
const CHAT_ID = /^-?\d{1,20}$/;

/** Whether what normalising made is what the rest of valued may rely on. */
function wellFormed(n: NormalisedUpdate): boolean {
  if (n.kind === 'membership') return CHAT_ID.test(n.address);
  if (n.kind === 'group') return Number.isSafeInteger(n.chatId);
  if (n.kind !== 'message') return true;
  const { envelope, pressed } = n;
  const text = envelope.input.kind === 'text' ? envelope.input.text : '';
  return (
    CHAT_ID.test(envelope.address) &&
    (envelope.body === null || typeof envelope.body === 'string') &&
    typeof text === 'string' &&
    (envelope.handle == null || typeof envelope.handle === 'string') &&
    (!pressed || typeof pressed.callbackQueryId === 'string')
  );
}

export function createTelegramReceiver(deps: { api: Api; inbox: Inbox; store: Store; clock: Clock; log: Logger; metrics?: Metrics }): TelegramReceiver {
  const groupsTold = new Map<number, number>();

  const acknowledge = async (pressed: PressedButton) => {
    await deps.api.answerCallbackQuery(pressed.callbackQueryId).catch((error: unknown) => deps.log.debug({ err: error }, 'answerCallbackQuery failed'));
    if (pressed.messageId === null) return;
    // Take the keyboard away so an old button cannot be pressed into a later question,
    // and leave a mark of what was chosen.
    const edit =
      pressed.messageText !== null && pressed.label !== null
        ? deps.api.editMessageText(pressed.chatId, pressed.messageId, `${pressed.messageText}\n\n\u2713 ${pressed.label}`)
        : deps.api.editMessageReplyMarkup(pressed.chatId, pressed.messageId, { reply_markup: { inline_keyboard: [] } });
    await edit.catch((error: unknown) => deps.log.debug({ err: error }, 'could not mark the pressed button'));
  };

  const tellGroup = async (chatId: number) => {
    const now = deps.clock.now();
    if ((groupsTold.get(chatId) ?? 0) > now - GROUP_NOTE_EVERY_MS) return;
    groupsTold.set(chatId, now);
    // In English: a group is no one person, and has chosen no language.
    await deps.api
      .sendMessage(chatId, texts('en').groupChat({ bot: receiver.botUsername }))
      .catch((error: unknown) => deps.log.warn({ err: error }, 'could not answer in a group'));
  };

  const receiver: TelegramReceiver = {
    botUsername: null,
    async receive(update) {
      let normalised: NormalisedUpdate;
      try {
        if (typeof update !== 'object' || update === null || !Number.isSafeInteger(update.update_id)) throw new Error('no update_id');
        normalised = normaliseUpdate(update, receiver.botUsername);
        if (!wellFormed(normalised)) throw new Error('fields of the wrong type');
      } catch (error) {
        // Telegram would deliver it again for hours if we answered an error: record the
        // problem, drop the update.
        deps.log.warn({ err: error, updateId: (update as { update_id?: unknown } | null)?.update_id }, 'dropped a malformed Telegram update');
        deps.metrics?.inboundDropped.inc({ channel: 'telegram', reason: 'malformed' });
        return 'malformed';
      }
      switch (normalised.kind) {
        case 'message': {
          const accepted = await deps.inbox.accept(normalised.envelope);
          if (normalised.pressed && accepted.status === 'accepted') void acknowledge(normalised.pressed);
          return accepted.queued ? accepted.status : 'unqueued';
        }
        case 'group':
          void tellGroup(normalised.chatId);
          return 'ignored';
        case 'membership': {
          const identity = await findIdentity(deps.store.db, 'telegram', normalised.address);
          if (!identity || identity.erased_at !== null) return 'ignored';
          // Blocked: marked now, and their conversation hears it, so a helper who cannot be
          // reached leaves their match. Unblocked: their conversation sets them back in
          // reach and wakes their needs. Keyed by the update: a redelivery changes nothing.
          if (normalised.blocked) await setUnreachable(deps.store.db, identity.id, deps.clock.now());
          const name = normalised.blocked ? 'unreachable' : 'reachable';
          const accepted = await deps.inbox.accept({
            channel: 'telegram',
            providerId: String(update.update_id),
            address: normalised.address,
            body: null,
            input: { kind: 'event', name },
          });
          return accepted.queued ? accepted.status : 'unqueued';
        }
        case 'ignore':
          deps.log.debug({ updateId: update.update_id, reason: normalised.reason }, 'telegram update dropped');
          return 'ignored';
      }
    },
  };
  return receiver;
}
