/**
 * Someone in crisis, end to end over SMS (signed webhooks in, Twilio's REST API out):
 * what they are sent, what the coordinator's phone gets, what is only recorded, and
 * what a stranger texting the coordinators' words gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/conversation/texts/en.js';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';

const COORDINATOR = '+447700900999';

describe('crisis over SMS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true, env: { COORDINATOR_PHONES: COORDINATOR } });
  });
  afterAll(async () => app?.close());

  const bodies = (to: string) => app.twilio!.bodiesTo(to);
  const say = async (from: string, text: string, replies = 1) => {
    const before = bodies(from).length;
    await app.sms(from, text);
    await waitFor(() => bodies(from).length >= before + replies, `${replies} repl(ies) to "${text}"`);
    return bodies(from).slice(before);
  };
  const alerts = (kind: string) => app.valued.store.db.selectFrom('alerts').select(['kind', 'detail', 'member_id']).where('kind', '=', kind).execute();

  it('danger mid sign-up: the numbers to call at once and nothing else (no sign-up question), and an urgent text to the coordinator naming them', async () => {
    const carol = '+447700911001';
    await say(carol, 'hello');
    await say(carol, 'yes');
    await say(carol, 'Carol');
    const before = bodies(COORDINATOR).length;
    expect(await say(carol, "I've taken all my tablets, I just want it to stop")).toEqual([en.crisis({ kind: 'self' })]);
    await waitFor(() => bodies(COORDINATOR).length === before + 1, 'the urgent alert');
    expect(bodies(carol).at(-1)).toBe(en.crisis({ kind: 'self' }));
    expect(bodies(COORDINATOR).at(-1)).toMatch(/^valued URGENT: Carol may be in danger: ".*tablets.*"\. Please get in touch now: \+447700911001$/);
  });

  it('more danger words within the hour: answered again, but the coordinator is not texted twice; the words join the open alert', async () => {
    const dan = '+447700911002';
    await say(dan, 'hello');
    const before = bodies(COORDINATOR).length;
    expect((await say(dan, 'I want to end it all tonight'))[0]).toBe(en.crisis({ kind: 'self' }));
    await waitFor(() => bodies(COORDINATOR).length === before + 1, 'one alert');
    expect((await say(dan, 'I have the rope ready'))[0]).toBe(en.crisis({ kind: 'self' }));
    await waitFor(async () => (await alerts('crisis')).some((a) => a.detail.includes('rope')), 'the words added to the open alert');
    expect(bodies(COORDINATOR).length).toBe(before + 1);
  });

  it('possible distress: "are you safe right now?"; a no is an urgent alert', async () => {
    const eve = '+447700911003';
    await say(eve, 'hello');
    const replies = await say(eve, 'nobody would miss me if I was gone');
    expect(replies[0]!.startsWith(en.safetyCheck({ kind: 'self' }))).toBe(true);
    const before = bodies(COORDINATOR).length;
    expect((await say(eve, 'no'))[0]).toBe(en.notSafe());
    await waitFor(() => bodies(COORDINATOR).length > before, 'the urgent alert');
    expect(bodies(COORDINATOR).at(-1)).toMatch(/^valued URGENT: /);
  });

  it('danger after distress within the hour is told at once, as urgent, and the alert becomes a crisis', async () => {
    const hal = '+447700911007';
    await say(hal, 'hello');
    await say(hal, 'honestly nobody would miss me');
    await say(hal, 'who is this?');
    const before = bodies(COORDINATOR).length;
    await say(hal, 'ta');
    await waitFor(() => bodies(COORDINATOR).length === before + 1, 'the distress alert');
    expect(bodies(COORDINATOR).at(-1)).toMatch(/^valued: .* may be struggling/);
    await say(hal, "I've taken all my tablets");
    await waitFor(() => bodies(COORDINATOR).length === before + 2, 'the urgent alert');
    expect(bodies(COORDINATOR).at(-1)).toMatch(/^valued URGENT: .*taken all my tablets/);
    const rows = await app.valued.store.db.selectFrom('alerts').select(['kind']).where('detail', 'like', '%honestly nobody would miss me%').execute();
    expect(rows).toEqual([{ kind: 'crisis' }]);
  });

  it('an everyday idiom or a medical history raises nothing', async () => {
    const fay = '+447700911004';
    await say(fay, 'hello');
    const before = bodies(COORDINATOR).length;
    expect((await say(fay, "I'm dying for a cuppa and my hip is killing me"))[0]).not.toMatch(/999|116 123|safe right now/);
    expect((await say(fay, 'I had a stroke last year so I cant drive'))[0]).not.toMatch(/999|116 123|safe right now/);
    expect(bodies(COORDINATOR).length).toBe(before);
  });

  it('words nobody could place are recorded for a coordinator to read, with no text to their phone', async () => {
    const gil = '+447700911005';
    for (const text of ['hello', 'yes', 'Gil', 'SA1 1AA', '1', '1', 'yes']) await say(gil, text);
    const before = bodies(COORDINATOR).length;
    expect(await say(gil, 'nobody has knocked on my door since March and the days are very long now')).toEqual([en.unreadNoted()]);
    await waitFor(async () => (await alerts('unread')).some((a) => a.detail.includes('knocked')), 'the words recorded');
    expect(bodies(COORDINATOR).length).toBe(before);
  });

  it("a stranger texting the coordinators' words gets no one's details", async () => {
    const stranger = '+447700911006';
    await say(stranger, 'hello');
    const replies = [...(await say(stranger, 'NEEDS')), ...(await say(stranger, 'VERIFY ABC123'))];
    for (const r of replies) expect(r).not.toMatch(/Open needs|Verified|No volunteer has/);
  });
});
