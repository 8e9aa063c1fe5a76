/**
 * The simulator beside real channels (issue 11): its visitors live in a sandbox.
 * They are never asked about a real member's need, a real member is never asked about
 * theirs, nothing about them reaches a real member or a coordinator, and none of them
 * is a coordinator, whatever they type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitFor, waitForQuiet, type TestApp } from '../helpers/app.js';

const COORDINATOR = '+447700916999';

/** Someone who signs up on SMS or in the simulator and reads what they were sent. */
function person(app: TestApp, channel: 'sms' | 'simulator', who: string) {
  const texts = () => app.sentTexts(channel, who);
  const say = async (text: string) => {
    const before = (await texts()).length;
    if (channel === 'sms') expect((await app.sms(who, text)).status).toBe(200);
    else expect((await app.simulate(who, text)).status).toBe(202);
    return waitFor(async () => (await texts())[before], `${who}'s reply to "${text}"`);
  };
  return {
    say,
    texts,
    async signUp(name: string, needs: string, offers: string) {
      for (const text of ['hi', 'yes', name, 'skip', needs, offers, 'yes']) await say(text);
      expect((await texts()).some((t) => t.startsWith('Thank you'))).toBe(true);
    },
  };
}

describe('the sandbox beside SMS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true, env: { MATCH_WAVE_SIZE: '3', MATCH_WAVE_DELAY_SECONDS: '600', COORDINATOR_PHONES: COORDINATOR } });
  });
  afterAll(async () => app?.close());

  const db = () => app.valued.store.db;
  /** Who a need's wave asked, once it has asked anyone: each with whether they are in the sandbox. */
  const askedAbout = async (name: string) => {
    const need = await waitFor(
      () =>
        db()
          .selectFrom('needs')
          .innerJoin('members', 'members.id', 'needs.member_id')
          .select('needs.id')
          .where('members.first_name', '=', name)
          .where('needs.wave', '>', 0)
          .executeTakeFirst(),
      `${name}'s need to have had a wave`,
    );
    return db()
      .selectFrom('asks')
      .innerJoin('members', 'members.id', 'asks.volunteer_id')
      .select(['members.first_name', 'members.sandbox'])
      .where('asks.need_id', '=', need.id)
      .orderBy('members.first_name')
      .execute();
  };

  it('members made in the simulator are in the sandbox; members on SMS are not', async () => {
    await person(app, 'sms', '+447700916001').signUp('Sam', 'nothing', '1'); // a phone chat, on SMS
    await person(app, 'simulator', 'Visitor V').signUp('Vic', 'nothing', '1'); // the same, in the simulator
    const rows = await db().selectFrom('members').select(['first_name', 'sandbox']).orderBy('first_name').execute();
    expect(rows).toEqual([
      { first_name: 'Sam', sandbox: 0 },
      { first_name: 'Vic', sandbox: 1 },
    ]);
  }, 60_000);

  it('a simulator need asks only simulator volunteers, and a real need only real ones', async () => {
    const rita = person(app, 'simulator', 'Visitor R');
    await rita.signUp('Rita', '3', 'not now'); // would like a phone chat
    expect(await askedAbout('Rita')).toEqual([{ first_name: 'Vic', sandbox: 1 }]);
    // Vic says no, so is free to be asked again; a real member's need must still not reach Vic.
    const vic = person(app, 'simulator', 'Visitor V');
    // The ask is recorded before it is sent: wait for it to reach Vic.
    const ask = await waitFor(async () => (await vic.texts()).find((t) => t.startsWith('Can you help?')), 'the ask to reach Vic');
    expect(await vic.say(`NO ${/YES (\d{4})/.exec(ask)![1]}`)).toMatch(/^No problem/);
    await person(app, 'sms', '+447700916002').signUp('Ann', '3', 'not now');
    expect(await askedAbout('Ann')).toEqual([{ first_name: 'Sam', sandbox: 0 }]);
    await waitFor(() => app.twilio!.bodiesTo('+447700916001').some((b) => b.startsWith('Can you help?')), 'Sam to be asked');
  }, 60_000);

  it("a simulator member's alert is recorded for the admin API but sent to no coordinator; a real member's is sent", async () => {
    await person(app, 'simulator', 'Visitor W').signUp('Wyn', 'someone to help me find my family history', 'not now');
    await waitFor(
      () =>
        db()
          .selectFrom('alerts')
          .innerJoin('members', 'members.id', 'alerts.member_id')
          .select('alerts.id')
          .where('members.first_name', '=', 'Wyn')
          .executeTakeFirst(),
      "Wyn's alert to be recorded",
    );
    await waitForQuiet(app, 'any message about the alert to be sent');
    expect(await app.outbound('sms', COORDINATOR)).toEqual([]);
    await person(app, 'sms', '+447700916003').signUp('Bea', 'someone to help me find my family history', 'not now');
    await waitFor(() => app.twilio!.bodiesTo(COORDINATOR).find((b) => b.startsWith('valued: no one found yet')), 'the coordinator to hear of the real need');
    expect(app.twilio!.bodiesTo(COORDINATOR)).toHaveLength(1);
  }, 60_000);
});

describe('coordinators with Telegram and the simulator on, and no SMS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ telegram: true, env: { COORDINATOR_PHONES: COORDINATOR, COORDINATOR_TELEGRAM_IDS: '816999' } });
  });
  afterAll(async () => app?.close());

  it('no simulator visitor is a coordinator: NEEDS and VERIFY are not theirs', async () => {
    const visitor = person(app, 'simulator', 'Visitor Z');
    await visitor.signUp('Zed', 'nothing', 'not now');
    for (const text of ['NEEDS', 'VERIFY ABC234']) {
      const reply = await visitor.say(text);
      expect(reply).not.toMatch(/^(Open needs|No open needs|Verified|No volunteer has the code)/);
    }
  }, 60_000);

  it("a visitor's alert is recorded, and sent neither to a simulator identity with the coordinator's number nor to the real coordinator", async () => {
    await person(app, 'simulator', 'Visitor Y').signUp('Yan', 'someone to help me find my family history', 'not now');
    await waitFor(() => app.valued.store.db.selectFrom('alerts').select('id').where('kind', '=', 'unmatched').executeTakeFirst(), 'the alert to be recorded');
    // No simulator identity stands for the coordinator's number, and nothing went to one.
    const simulator = await app.valued.store.db.selectFrom('identities').select('address').where('channel', '=', 'simulator').execute();
    expect(simulator.map((i) => i.address)).not.toContain(COORDINATOR);
    const visitors = await Promise.all(['Visitor Z', 'Visitor Y'].map((who) => app.simulatorAddress(who)));
    const sentTo = await app.valued.store.db.selectFrom('outbound_messages').select('address').where('channel', '=', 'simulator').execute();
    expect(new Set(sentTo.map((m) => m.address))).toEqual(new Set(visitors));
    // The Telegram coordinator is a real identity, but the alert is about a simulator member: it is not sent.
    expect(app.telegram!.textsTo(816999)).toEqual([]);
  }, 60_000);
});
