import { renderSms } from '../sms/render.js';
import type { ChannelSender } from '../channel.js';

/**
 * The simulator's "provider": nothing leaves the machine. A message counts as sent
 * once it reaches here, and the page reads it from the database. It renders like SMS,
 * so what you see is what a basic phone would get.
 */
export function createSimulatorSender(): ChannelSender {
  return {
    channel: 'simulator',
    buttons: false,
    render: renderSms,
    send: (message) => Promise.resolve({ providerId: `sim-${message.id}` }),
  };
}
