/**
 * Waves of requests on real Redis with shortened delays (BullMQ delayed jobs), through
 * the simulator: the race for a need, timeouts, NO moving on, coordinators, pausing,
 * verification.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitFor, waitForQuiet, type TestApp } from '../helpers/app.js';
import { createDatabaseUrl, DIALECTS } from '../helpers/db.js';

const COORDINATOR = '+447700900899';

/**
 * Talking as people in the simulator (or, where a coordinator is involved, by SMS:
 * coordinators are real people on a real channel, and never hear of the simulator's
 * sandbox), reading what they were sent.
 */
function people(app: TestApp, channel: 'simulator' | 'sms' = 'simulator') {
  let n = 0;
  const texts = (who: string) => app.sentTexts(channel, who);
  return {
    texts,
    async say(who: string, text: string) {
      if (channel === 'sms') expect((await app.sms(who, text)).status).toBe(200);
      else expect((await app.simulate(who, text, `${who}-${++n}`)).status).toBe(202);
    },
    /** Waits for the next text matching `pattern` sent after the first `after` texts. */
    async next(who: string, pattern: RegExp, after = 0, timeoutMs = 15_000): Promise<string> {
      return waitFor(async () => (await texts(who)).slice(after).find((t) => pattern.test(t)), `${who} to be sent ${pattern}`, timeoutMs);
    },
    /** Signs someone up; `needs` and `offers` are answers to those questions. */
    async signUp(who: string, name: string, postcode: string, needs: string, offers: string) {
      for (const text of ['hi', 'yes', name, postcode, needs, offers, 'yes']) {
        const before = (await texts(who)).length;
        await this.say(who, text);
        const reply = await waitFor(async () => (await texts(who))[before], `${who}'s reply to "${text}"`);
        // A script that goes astray should fail here, not three steps later.
        expect(reply, `reply to "${text}"`).not.toMatch(/^Sorry/);
      }
      expect((await texts(who)).at(-1)).toMatch(/^Thank you/);
    },
    code(ask: string): string {
      const code = /YES (\d{4})/.exec(ask)?.[1];
      expect(code, ask).toBeDefined();
      return code!;
    },
  };
}

describe.each(DIALECTS)('three volunteers say YES at once, on $label', ({ dialect, available }) => {
  let app: TestApp;
  let db: Awaited<ReturnType<typeof createDatabaseUrl>> | undefined;
  beforeAll(async () => {
    if (!available) return;
    db = await createDatabaseUrl(dialect);
    app = await startTestApp({ databaseUrl: db.url, env: { MATCH_WAVE_SIZE: '3', MATCH_WAVE_DELAY_SECONDS: '60' } });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it.skipIf(!available)(
    'exactly one wins; the others hear someone has it',
    async () => {
      const p = people(app);
      const volunteers = ['+447700901001', '+447700901002', '+447700901003'];
      for (const [i, v] of volunteers.entries()) await p.signUp(v, ['Ada', 'Bo', 'Cy'][i]!, 'skip', 'nothing', '1'); // offers a phone chat
      await p.signUp('+447700901009', 'Rita', 'skip', '3', 'not now'); // would like a phone chat
      const asks = await Promise.all(volunteers.map((v) => p.next(v, /^Can you help\?/)));
      const counts = await Promise.all(volunteers.map(async (v) => (await p.texts(v)).length));
      await Promise.all(volunteers.map((v, i) => p.say(v, `YES ${p.code(asks[i]!)}`)));
      const answers = await Promise.all(volunteers.map((v, i) => p.next(v, /^Thank you!/, counts[i])));
      expect(answers.filter((a) => a.startsWith("Thank you! You're helping Rita"))).toHaveLength(1);
      expect(answers.filter((a) => a === 'Thank you! Someone else has already said yes to that one.')).toHaveLength(2);
      const store = app.valued.store.db;
      expect(await store.selectFrom('matches').select('status').execute()).toEqual([{ status: 'active' }]);
      const statuses = (await store.selectFrom('asks').select('status').execute()).map((a) => a.status).sort();
      expect(statuses).toEqual(['accepted', 'closed', 'closed']);
      await p.next('+447700901009', /^Good news! (Ada|Bo|Cy) can help with a phone chat/);
    },
    60_000,
  );
});

describe('waves', () => {
  let app: TestApp;
  let p: ReturnType<typeof people>;
  beforeAll(async () => {
    app = await startTestApp({
      twilio: true,
      env: { MATCH_WAVE_SIZE: '1', MATCH_MAX_WAVES: '2', MATCH_WAVE_DELAY_SECONDS: '2', COORDINATOR_PHONES: COORDINATOR },
    });
    p = people(app);
  });
  afterAll(async () => app?.close());

  it('an unanswered wave lapses and the next is asked; after the last, a coordinator and the person are told; a late yes still counts', async () => {
    const p = people(app, 'sms');
    const [x, y] = ['+447700902001', '+447700902002'];
    await p.signUp(x, 'Xan', 'skip', 'nothing', '2'); // listening
    await p.signUp(y, 'Yas', 'skip', 'nothing', '2');
    const rita = '+447700902009';
    await p.signUp(rita, 'Rita', 'skip', 'someone to listen to me', 'not now');
    const started = Date.now();
    const first = await Promise.race([x, y].map(async (v) => ({ v, ask: await p.next(v, /^Can you help\?/) })));
    const other = first.v === x ? y : x;
    const second = await p.next(other, /^Can you help\?/, 0, 10_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500); // the wave's delay, not at once
    expect(second).toMatch(/^Can you help\? Listening for someone, by phone\. Reply YES \d{4} or NO \d{4}$/);
    const alert = await p.next(COORDINATOR, /^valued: no one found yet/, 0, 10_000);
    expect(alert).toMatch(/^valued: no one found yet for listening near no postcode given\. Need \w{8}\. Text NEEDS for all open needs\.$/);
    await p.next(rita, /^We're still looking for someone to help with listening\. A coordinator knows/);
    // The first volunteer answers late: the need is still open, so their yes counts.
    await p.say(first.v, `YES ${p.code(first.ask)}`);
    await p.next(first.v, /^Thank you! You're helping Rita/);
    await p.next(rita, /^Good news!/);
  }, 60_000);

  it('NO moves on at once, without waiting for the wave to lapse', async () => {
    const slow = await startTestApp({ env: { MATCH_WAVE_SIZE: '1', MATCH_WAVE_DELAY_SECONDS: '600' } });
    try {
      const q = people(slow);
      const [a, b] = ['+447700903001', '+447700903002'];
      await q.signUp(a, 'Ada', 'skip', 'nothing', '4'); // recipes
      await q.signUp(b, 'Bo', 'skip', 'nothing', '4');
      await q.signUp('+447700903009', 'Rita', 'skip', 'a recipe for soup', 'not now');
      const first = await Promise.race([a, b].map(async (v) => ({ v, ask: await q.next(v, /^Can you help\?/) })));
      const startedAt = Date.now();
      await q.say(first.v, `NO ${q.code(first.ask)}`);
      await q.next(first.v, /^No problem, thank you/);
      const second = await q.next(first.v === a ? b : a, /^Can you help\?/, 0, 20_000);
      expect(second).toMatch(/^Can you help\? A recipe for someone, by phone\. Reply YES \d{4} or NO \d{4}$/);
      // Asked because of the NO, not because the wave lapsed: its ten minutes are far off.
      expect(Date.now() - startedAt).toBeLessThan(60_000);
      const asks = await slow.valued.store.db.selectFrom('asks').select(['wave', 'status']).orderBy('wave').execute();
      expect(asks).toEqual([
        { wave: 1, status: 'declined' },
        { wave: 2, status: 'open' },
      ]);
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('a cancelled need closes its open requests', async () => {
    const v = '+447700904001';
    await p.signUp(v, 'Val', 'skip', 'nothing', '3'); // teach a skill
    const rita = '+447700904009';
    await p.signUp(rita, 'Rita', 'skip', 'teach me to knit', 'not now');
    const ask = await p.next(v, /^Can you help\?/);
    for (const text of ['menu', '1', 'nothing']) await p.say(rita, text);
    await p.next(rita, /^Saved: nothing yet\. Before, it was: "teach me to knit"/);
    const before = (await p.texts(v)).length;
    await p.say(v, `YES ${p.code(ask)}`);
    expect(await p.next(v, /^Thank you!/, before)).toBe('Thank you! Someone else has already said yes to that one.');
  }, 60_000);

  it('a paused volunteer is not asked until they resume', async () => {
    const v = '+447700905001';
    await p.signUp(v, 'Pat', 'skip', 'nothing', '5'); // help by phone
    await p.say(v, 'PAUSE');
    await p.next(v, /^Paused\./);
    await p.signUp('+447700905009', 'Rita', 'skip', 'help filling in forms by phone', 'not now');
    // The search for Rita has run (and any request it made has gone) before we look.
    await waitForQuiet(app, 'the search for Rita to finish');
    expect((await p.texts(v)).some((t) => t.startsWith('Can you help?'))).toBe(false);
    await p.say(v, 'RESUME');
    await p.next(v, /^Welcome back!/);
    await p.signUp('+447700905008', 'Ron', 'skip', 'help with forms by phone please', 'not now');
    await p.next(v, /^Can you help\?/);
  }, 60_000);
});

describe('verification for help in person', () => {
  let app: TestApp;
  beforeAll(async () => {
    // The coordinator on SMS: their answers are wiped once sent, so the fake Twilio is the witness.
    app = await startTestApp({
      twilio: true,
      env: { REQUIRE_VERIFIED_IN_PERSON: 'true', MATCH_WAVE_DELAY_SECONDS: '1', MATCH_MAX_WAVES: '30', COORDINATOR_PHONES: COORDINATOR },
    });
  });
  afterAll(async () => app?.close());

  it('is asked only once a coordinator has verified them by code; NEEDS lists what is open', async () => {
    const p = people(app, 'sms');
    const v = '+447700906001';
    for (const text of ['VOLUNTEER', 'yes', 'Vic', 'SA1 1AB', '3', '3', '4', 'yes']) {
      // dog walking, up to 3 miles, any time
      const before = (await p.texts(v)).length;
      await p.say(v, text);
      await waitFor(async () => (await p.texts(v)).length > before, `a reply to ${text}`);
    }
    const code = /Your volunteer code is ([2-9A-Z]{6})/.exec((await p.texts(v)).at(-1)!)?.[1];
    expect(code).toBeDefined();
    await p.signUp('+447700906009', 'Rita', 'SA1 1AA', '4', 'not now'); // dog walking, near Vic
    await waitForQuiet(app, 'the search for Rita to finish');
    expect((await p.texts(v)).some((t) => t.startsWith('Can you help?'))).toBe(false);

    const fromCoordinator = async (text: string, pattern: RegExp) => {
      await app.sms(COORDINATOR, text);
      return waitFor(() => app.twilio!.bodiesTo(COORDINATOR).find((b) => pattern.test(b)), `the coordinator's answer to ${text}`);
    };
    expect(await fromCoordinator('NEEDS', /^Open needs: /)).toMatch(/^Open needs: 1\. dog walking SA1\.$/);
    expect(await fromCoordinator(`VERIFY ${code!.toLowerCase()}`, /^Verified /)).toBe(`Verified Vic (${code}) for help in person.`);
    // Kept only until sent: they name and quote members.
    await waitFor(async () => (await app.outbound('sms', COORDINATOR)).every((m) => m.status === 'sent' && m.body === ''), 'the answers to be wiped once sent');
    expect(await p.next(v, /^Can you help\?/, 0, 10_000)).toMatch(/^Can you help\? Dog walking for someone near SA1\. Reply YES \d{4} or NO \d{4}$/);
  }, 60_000);
});
