/**
 * The channels people reach valued on, by name. Which provider stands behind each is
 * the adapters' business (src/channels); everything else only needs the names.
 */
export const CHANNELS = ['sms', 'telegram', 'simulator', 'whatsapp'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/**
 * Whether people on this channel live in the sandbox: anyone may talk through the
 * simulator, so its members are never matched with, told about, or relayed to real
 * members, and are never coordinators (see members.sandbox).
 */
export function isSandboxChannel(channel: string): boolean {
  return channel === 'simulator';
}
