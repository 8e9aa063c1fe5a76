/**
 * The channels that are switched on: a sender each, how replies look on each, where
 * coordinators are reached, and the send queues' limits, all from the channels' own
 * declarations.
 */
import type { ChannelSender } from '../channels/channel.js';
import { createSimulatorSender } from '../channels/simulator/sender.js';
import { createSmsSender } from '../channels/sms/sender.js';
import { createTelegramSenderFor } from '../channels/telegram/index.js';
import { createWhatsAppSender } from '../channels/whatsapp/sender.js';
import type { Reply } from '../conversation/reply.js';
import type { ChannelName } from '../domain/channels.js';
import type { ChannelFormats, CoordinatorAddress } from '../effects/context.js';
import type { Config } from '../platform/config.js';
import { paced } from '../queue/workers.js';

/** A sender for each channel that is configured; `overrides` replace one (tests inject failures so). */
export function sendersFor(config: Readonly<Config>, overrides: Partial<Record<ChannelName, ChannelSender>> = {}): Map<ChannelName, ChannelSender> {
  const senders = new Map<ChannelName, ChannelSender>();
  if (config.twilio) senders.set('sms', createSmsSender(config.twilio, `${config.http.publicBaseUrl}/webhooks/twilio/status`));
  if (config.whatsapp) senders.set('whatsapp', createWhatsAppSender(config.whatsapp, `${config.http.publicBaseUrl}/webhooks/twilio/status`));
  if (config.telegram) senders.set('telegram', createTelegramSenderFor(config.telegram));
  if (config.simulator.enabled) senders.set('simulator', createSimulatorSender());
  for (const [channel, sender] of Object.entries(overrides) as [ChannelName, ChannelSender][]) {
    // A stand-in keeps the channel's provider rate unless it declares its own.
    const perSecond = sender.perSecond ?? senders.get(channel)?.perSecond;
    senders.set(channel, perSecond === undefined || sender.perSecond !== undefined ? sender : { ...sender, perSecond });
  }
  return senders;
}

/** How replies look on each channel: for the workers and the console. */
export function formatsOf(senders: ReadonlyMap<ChannelName, ChannelSender>): ChannelFormats {
  return Object.fromEntries([...senders].map(([channel, sender]) => [channel, { render: (reply: Reply) => sender.render(reply), buttons: sender.buttons }]));
}

/** Each channel's provider-wide limit, as the send queue's limiter. */
export function sendLimits(senders: ReadonlyMap<ChannelName, ChannelSender>): Partial<Record<ChannelName, { max: number; duration: number }>> {
  return Object.fromEntries([...senders].flatMap(([channel, sender]) => (sender.perSecond ? [[channel, paced(sender.perSecond)]] : [])));
}

/**
 * Where coordinators are reached: phone numbers by SMS, chat ids on Telegram, each
 * only while that channel is on. Never in the simulator, where anyone could claim a
 * number: with no real channel, alerts are recorded (the admin API lists them) and
 * sent to no one.
 */
export function coordinatorAddresses(config: Pick<Config, 'coordinators'>, senders: ReadonlyMap<ChannelName, unknown>): CoordinatorAddress[] {
  return [
    ...(senders.has('sms') ? config.coordinators.phones.map((address) => ({ channel: 'sms' as const, address })) : []),
    ...(senders.has('telegram') ? config.coordinators.telegramIds.map((address) => ({ channel: 'telegram' as const, address })) : []),
  ];
}

/**
 * A warning when people can reach valued but no coordinator can be reached (alerts,
 * crisis alerts included, would only be recorded): e.g. WhatsApp alone, or coordinator
 * phones set with no SMS channel to text them. Null when all is well.
 */
export function unreachedCoordinatorsNotice(config: Pick<Config, 'coordinators'>, senders: ReadonlyMap<ChannelName, unknown>): string | null {
  const real = [...senders.keys()].filter((channel) => channel !== 'simulator');
  if (real.length === 0 || coordinatorAddresses(config, senders).length > 0) return null;
  const phonesIdle = config.coordinators.phones.length > 0 && !senders.has('sms');
  return `No coordinator can be reached on ${real.join(', ')}: alerts, crisis alerts included, are only recorded (the console and the admin API list them). ${
    phonesIdle
      ? 'COORDINATOR_PHONES are texted by SMS, which is off: set TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID, '
      : 'Set COORDINATOR_PHONES (with SMS on) '
  }or COORDINATOR_TELEGRAM_IDS (with Telegram on).`;
}
