/**
 * People leaving in the middle of helping: a helper who says FORGET ME or STOP, a
 * person in need who does. Nothing wedges, the need passes on, the other side is told,
 * and nothing of someone forgotten stays anywhere, including in what the other side
 * was sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';

describe('leaving in the middle of helping', () => {
  let app: TestApp;
  let n = 0;
  beforeAll(async () => {
    app = await startTestApp({ env: { MATCH_WAVE_SIZE: '1', MATCH_WAVE_DELAY_SECONDS: '600' } });
  });
  afterAll(async () => app?.close());

  const texts = (who: string) => app.sentTexts('simulator', who);
  const say = async (who: string, text: string) => expect((await app.simulate(who, text, `leave-${++n}`)).status).toBe(202);
  const next = (who: string, pattern: RegExp, after = 0) =>
    waitFor(async () => (await texts(who)).slice(after).find((t) => pattern.test(t)), `${who}: ${pattern}`, 15_000);
  async function signUp(who: string, name: string, needs: string, offers: string) {
    for (const text of ['hi', 'yes', name, 'skip', needs, offers, 'yes']) {
      const before = (await texts(who)).length;
      await say(who, text);
      await waitFor(async () => (await texts(who)).length > before, `${who}: reply to ${text}`);
    }
  }
  const code = (ask: string) => /YES (\d{4})/.exec(ask)![1]!;
  async function allHandled(who: string) {
    await waitFor(async () => {
      const rows = await app.valued.store.db
        .selectFrom('inbound_messages')
        .innerJoin('identities', 'identities.id', 'inbound_messages.identity_id')
        .select('inbound_messages.status')
        .where('identities.address', '=', await app.simulatorAddress(who))
        .execute();
      return rows.every((r) => r.status === 'handled');
    }, `every message from ${who} handled`);
  }

  it('a helper who says FORGET ME: the person is told, the need passes to someone else, who can take it', async () => {
    const [ada, bo, rita] = ['+447700913001', '+447700913002', '+447700913009'];
    await signUp(ada, 'Ada', 'nothing', '1'); // phone chats
    await signUp(bo, 'Bo', 'nothing', '1');
    await signUp(rita, 'Rita', '3', 'not now'); // would like a phone chat
    const first = await Promise.race([ada, bo].map(async (v) => ({ v, ask: await next(v, /^Can you help\?/) })));
    const other = first.v === ada ? bo : ada;
    await say(first.v, `YES ${code(first.ask)}`);
    await next(rita, /^Good news!/);
    const before = (await texts(rita)).length;
    await say(first.v, 'forget me');
    await say(first.v, 'yes');
    expect(await next(rita, /^Your helper/, before)).toBe("Your helper with a phone chat can no longer help, sorry. We're looking for someone else.");
    const second = await next(other, /^Can you help\?/);
    await say(other, `YES ${code(second)}`);
    await next(other, /^Thank you! You're helping Rita/);
    await allHandled(other);
  }, 60_000);

  it('FORGET ME leaves nothing of the person anywhere: not their number, name or words, not in what their helper was sent', async () => {
    const [cy, marjorie] = ['+447700913011', '+447700913019'];
    await signUp(cy, 'Cy', 'nothing', '2'); // listening
    await signUp(marjorie, 'Marjorie', 'someone to listen to me', 'not now');
    const ask = await next(cy, /^Can you help\?/);
    await say(cy, `YES ${code(ask)}`);
    await next(marjorie, /^Good news!/);
    await say(marjorie, 'my door code is 4242 if you ever come round');
    await next(cy, /^Marjorie: my door code is 4242/);
    await say(marjorie, 'SHARE');
    await say(cy, 'SHARE');
    // In the simulator a person's "number" is their random visitor address.
    const address = await app.simulatorAddress(marjorie);
    expect(await next(cy, /^Marjorie is happy to share\./)).toContain(`You can reach them on ${address}.`);
    await next(marjorie, /^Cy is happy to share/);
    await say(marjorie, 'forget me');
    await say(marjorie, 'yes');
    await next(cy, /^The request for listening is no longer needed/); // a category, never their own words
    await allHandled(marjorie);
    await waitFor(
      async () =>
        (await app.valued.store.db.selectFrom('outbound_messages').select('status').where('status', 'in', ['pending', 'sending']).execute()).length === 0,
      'all sends settled',
    );
    const db = app.valued.store.db;
    for (const table of [
      'members',
      'identities',
      'inbound_messages',
      'outbound_messages',
      'needs',
      'offers',
      'conversations',
      'alerts',
      'asks',
      'matches',
      'candidates',
      'outbox',
    ] as const) {
      const dump = JSON.stringify(await db.selectFrom(table).selectAll().execute());
      expect(dump, table).not.toContain(address);
      expect(dump, table).not.toContain('Marjorie');
      expect(dump, table).not.toContain('door code');
    }
  }, 60_000);

  it('a helper who says STOP: the person is told and the need passes on; a person in need who stops: the helper is told', async () => {
    const [dee, tess] = ['+447700913021', '+447700913029'];
    await signUp(dee, 'Dee', 'nothing', '3'); // teach a skill
    await signUp(tess, 'Tess', 'teach me to knit', 'not now');
    const ask = await next(dee, /^Can you help\?/);
    await say(dee, `YES ${code(ask)}`);
    await next(tess, /^Good news!/);
    await say(dee, 'STOP');
    expect(await next(tess, /^Your helper/)).toBe("Your helper with teach a skill can no longer help, sorry. We're looking for someone else.");
    const need = await app.valued.store.db
      .selectFrom('needs')
      .innerJoin('members', 'members.id', 'needs.member_id')
      .select('needs.status')
      .where('members.first_name', '=', 'Tess')
      .executeTakeFirstOrThrow();
    expect(need.status).toBe('open');

    const [eve, vera] = ['+447700913031', '+447700913039'];
    await signUp(eve, 'Eve', 'nothing', '4'); // recipes
    await signUp(vera, 'Vera', 'a recipe for bread', 'not now');
    const ask2 = await next(eve, /^Can you help\?/);
    await say(eve, `YES ${code(ask2)}`);
    await next(vera, /^Good news!/);
    await say(vera, 'CANCEL'); // a carrier's stop word
    expect(await next(eve, /^The request/)).toBe('The request for a recipe is no longer needed. Thank you for offering.');
    const match = await app.valued.store.db
      .selectFrom('matches')
      .innerJoin('members', 'members.id', 'matches.requester_id')
      .select('matches.status')
      .where('members.first_name', '=', 'Vera')
      .executeTakeFirstOrThrow();
    expect(match.status).toBe('closed');
  }, 60_000);
});
