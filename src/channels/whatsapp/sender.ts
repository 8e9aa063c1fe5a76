/**
 * Sending WhatsApp messages through Twilio's Messages resource, with the same client
 * and error reading as SMS. Addresses are kept as plain numbers (+44...); Twilio's
 * `whatsapp:` prefix is added here. Within the 24-hour window after the person's last
 * message a reply goes free-form (buttons through a quick-reply Content template);
 * outside it, only an approved template may go (`contentSid` and `contentVariables`),
 * chosen by the message's purpose. Without one, the send fails as `outside_window`
 * and delivery falls back (see src/delivery/deliver.ts).
 */
import type { WhatsAppConfig } from '../../platform/config.js';
import { SendError, type ChannelSender } from '../channel.js';
import { toSendError, twilioClient } from '../sms/sender.js';
import { buttonsTemplate, buttonVariables, oneLine, renderWhatsApp, templateFor } from './render.js';

export const WHATSAPP_PREFIX = 'whatsapp:';

/** WhatsApp's customer service window: free-form messages only within 24 hours of the person's last. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export function createWhatsAppSender(config: WhatsAppConfig, statusCallbackUrl: string): ChannelSender {
  const client = twilioClient(config);
  const from = 'address' in config.from ? { from: config.from.address } : { messagingServiceSid: config.from.messagingServiceSid };
  return {
    channel: 'whatsapp',
    // The engine's re-asks say "reply 1" rather than "tap": long lists are numbered lines here.
    buttons: false,
    perSecond: config.mps,
    windowMs: WHATSAPP_WINDOW_MS,
    render: (reply) => renderWhatsApp(reply, config.templates),
    hasTemplate: (purpose) => templateFor(config.templates, purpose) !== undefined,
    async send(message) {
      let content: { body: string } | { contentSid: string; contentVariables: string };
      if (message.outsideWindow) {
        const contentSid = templateFor(config.templates, message.purpose);
        if (!contentSid)
          throw new SendError(`no approved WhatsApp template for ${message.purpose ?? 'normal'} messages`, { reason: 'outside_window', retryable: false });
        // The template carries no buttons: the choices go as numbered lines in its text,
        // so a check-in keeps "There was a problem" (the stored text may be the question
        // alone, written for buttons).
        const text = message.reply ? renderWhatsApp(message.reply, {}) : message.text;
        content = { contentSid, contentVariables: JSON.stringify({ '1': oneLine(text) }) };
      } else {
        const buttons = message.reply ? buttonsTemplate(message.reply, config.templates) : undefined;
        content = buttons && message.reply ? { contentSid: buttons, contentVariables: JSON.stringify(buttonVariables(message.reply)) } : { body: message.text };
      }
      try {
        const sent = await client.messages.create({ to: WHATSAPP_PREFIX + message.address, statusCallback: statusCallbackUrl, ...from, ...content });
        return { providerId: sent.sid };
      } catch (error) {
        throw toSendError(error);
      }
    },
    async findSent(message, since) {
      try {
        const recent = await client.messages.list({ to: WHATSAPP_PREFIX + message.address, limit: 20 });
        // One WhatsApp refused (63016 outside the window, say) did not go: send again.
        const hit = recent.find(
          (m) =>
            m.body === message.text &&
            m.direction.startsWith('outbound') &&
            m.dateCreated.getTime() >= since - 60_000 &&
            m.status !== 'failed' &&
            m.status !== 'undelivered',
        );
        return hit ? { providerId: hit.sid } : null;
      } catch (error) {
        throw toSendError(error);
      }
    },
  };
}
