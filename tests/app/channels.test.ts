/**
 * Where coordinators are reached, and the warning when people can reach valued but no
 * coordinator can be reached (a crisis alert would only be recorded).
 */
import { describe, expect, it } from 'vitest';
import { coordinatorAddresses, unreachedCoordinatorsNotice } from '../../src/app/channels.js';
import type { ChannelName } from '../../src/domain/channels.js';

const on = (...channels: ChannelName[]): ReadonlyMap<ChannelName, unknown> => new Map(channels.map((c) => [c, {}]));
const config = (phones: string[], telegramIds: string[] = []) => ({ coordinators: { phones, telegramIds } });

describe('coordinators', () => {
  it('are texted by SMS and written to on Telegram, each only while that channel is on', () => {
    expect(coordinatorAddresses(config(['+447700900999'], ['42']), on('sms', 'telegram'))).toEqual([
      { channel: 'sms', address: '+447700900999' },
      { channel: 'telegram', address: '42' },
    ]);
    expect(coordinatorAddresses(config(['+447700900999']), on('whatsapp'))).toEqual([]);
  });

  it('unreachable with real channels on is said out loud at start: WhatsApp alone with coordinator phones', () => {
    const notice = unreachedCoordinatorsNotice(config(['+447700900999']), on('whatsapp'));
    expect(notice).toMatch(/No coordinator can be reached on whatsapp: alerts, crisis alerts included, are only recorded/);
    expect(notice).toMatch(/COORDINATOR_PHONES are texted by SMS, which is off/);
    expect(unreachedCoordinatorsNotice(config([]), on('telegram'))).toMatch(/Set COORDINATOR_PHONES/);
  });

  it('says nothing when a coordinator can be reached, or when only the simulator is on', () => {
    expect(unreachedCoordinatorsNotice(config(['+447700900999']), on('sms', 'whatsapp'))).toBeNull();
    expect(unreachedCoordinatorsNotice(config([], ['42']), on('telegram', 'whatsapp'))).toBeNull();
    expect(unreachedCoordinatorsNotice(config([]), on('simulator'))).toBeNull();
  });
});
