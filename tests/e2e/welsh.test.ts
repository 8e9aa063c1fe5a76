/**
 * A member completes the need-and-gift conversation in Welsh, over SMS and over
 * Telegram, through the real webhooks (LANGUAGES=en,cy). The language is chosen at the
 * welcome ("Cymraeg" in one word), kept on the member, and changed back and forth with
 * ENGLISH and CYMRAEG; the Welsh letters reach the phone as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';
import { createDatabaseUrl, DIALECTS } from '../helpers/db.js';
import { ANN_CHAT, callbackUpdate, textUpdate } from '../helpers/telegram-updates.js';

const SIAN = '+447700900321';

describe.each(DIALECTS)('Welsh over SMS, end to end, on $label', ({ dialect, available }) => {
  let app: TestApp;
  let database: Awaited<ReturnType<typeof createDatabaseUrl>> | undefined;
  beforeAll(async () => {
    if (!available) return;
    database = await createDatabaseUrl(dialect);
    app = await startTestApp({ twilio: true, databaseUrl: database.url, env: { LANGUAGES: 'en,cy' } });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  async function text(body: string): Promise<string> {
    const before = app.twilio!.bodiesTo(SIAN).length;
    const response = await app.sms(SIAN, body);
    expect(response.status).toBe(200);
    return waitFor(() => app.twilio!.bodiesTo(SIAN)[before], `a reply to "${body}"`);
  }

  const member = () =>
    app.valued.store.db
      .selectFrom('members')
      .innerJoin('identities', 'identities.member_id', 'members.id')
      .selectAll('members')
      .where('identities.channel', '=', 'sms')
      .executeTakeFirstOrThrow();

  describe.skipIf(!available)('', () => {
    it('offers Cymraeg at the welcome, and signs up in Welsh', async () => {
      expect(await text('Helo')).toMatch(/Shall we start\?\n1 Yes\n2 No\n3 Cymraeg$/);
      expect(await text('3')).toMatch(/^Helo, dyma valued: cymdogion yn helpu ei gilydd\.[\s\S]*Awn ni ati\?\n1 Ie\n2 Na\n3 English$/);
      expect((await member()).lang).toBe('cy');
      expect(await text('ie')).toBe('Diolch. Beth yw eich enw cyntaf? Neu atebwch HEPGOR.');
      expect(await text('Siân')).toMatch(/^Diolch, Siân\. Beth yw eich cod post\?/);
      expect(await text('sa1 1aa')).toMatch(/^Beth fyddai'n eich helpu chi\?[\s\S]*1 Siopa\n2 Casglu presgripsiwn\n3 Galwad am sgwrs/);
      const offers = await text('1 a 3');
      expect(offers).toMatch(/^A beth allech chi ei roi\? Mae gan bawb rywbeth\./);
      // The letters Welsh needs are sent as they are (UCS-2), never flattened.
      expect(offers).toContain('Rysáit');
      expect(offers).toContain('Help dros y ffôn');
      expect(await text("Dw i'n gallu coginio")).toBe(
        'Diolch, Siân. Help i chi: siopa a galwad am sgwrs. Gallwch roi: "Dw i\'n gallu coginio". Cod post: SA1 1AA. Ydy hyn yn iawn?\n1 Ie\n2 Newid rhywbeth',
      );
      expect(await text('Ydy')).toMatch(/^Diolch, Siân! Byddwn ni'n tecstio pan all rhywun helpu/);

      const db = app.valued.store.db;
      const m = await member();
      expect(m).toMatchObject({ first_name: 'Siân', postcode: 'SA1 1AA', lang: 'cy', status: 'active' });
      const needs = await db.selectFrom('needs').select('category').where('member_id', '=', m.id).orderBy('category').execute();
      expect(needs.map((n) => n.category)).toEqual(['chat', 'shopping']);
      const gifts = await db.selectFrom('offers').select(['category', 'words']).where('member_id', '=', m.id).execute();
      expect(gifts).toEqual([{ category: 'meals', words: "Dw i'n gallu coginio" }]);
    });

    it('answers the Welsh global words, and switches language with ENGLISH and CYMRAEG', async () => {
      expect(await text('CYMORTH')).toMatch(/^Mae valued yn rhoi cymdogion mewn cysylltiad/);
      expect(await text('ENGLISH')).toBe("OK, we'll write in English from now on.");
      expect((await member()).lang).toBe('en');
      expect(await text('HELP')).toMatch(/^valued puts neighbours in touch/);
      expect(await text('CYMRAEG')).toBe('Iawn, Cymraeg o hyn ymlaen.');
      expect((await member()).lang).toBe('cy');
      expect(await text('STOPIO')).toMatch(/^Fyddwch chi ddim yn cael rhagor o negeseuon gan valued/);
      const identity = await app.valued.store.db.selectFrom('identities').select('opted_out_at').where('channel', '=', 'sms').executeTakeFirstOrThrow();
      expect(identity.opted_out_at).not.toBeNull();
    });

    it('keeps each Welsh message within three segments', () => {
      for (const body of app.twilio!.bodiesTo(SIAN)) {
        const ucs2 = /[^\n\r -~£¥èéùìòÇØøÅåÆæßÉÄÖÑÜ§¿äöñüà¡_ΔΦΓΛΩΠΨΣΘΞ@$€^{}\\[~\]|]/.test(body);
        expect(body.length, body).toBeLessThanOrEqual(ucs2 ? 201 : 459);
      }
    });
  });
});

describe('Welsh over Telegram, end to end', () => {
  let app: TestApp;
  let updateId = 9000;
  let sent = 0;
  const chat = ANN_CHAT + 77;
  beforeAll(async () => {
    app = await startTestApp({ telegram: true, env: { LANGUAGES: 'en,cy' } });
  });
  afterAll(async () => app?.close());

  const tg = () => app.telegram!;
  const next = () => waitFor(() => (tg().textsTo(chat).length > sent ? tg().lastTo(chat) : undefined), `message ${sent + 1}`, 15_000).finally(() => sent++);
  const say = async (text: string) => {
    expect((await app.update(textUpdate(++updateId, text, chat))).status).toBe(200);
    return next();
  };
  const press = async (label: string) => {
    const last = tg().lastTo(chat)!;
    const button = last.buttons.flat().find((b) => b.text === label);
    expect(button, `a "${label}" button under "${last.text}"`).toBeDefined();
    expect((await app.update(callbackUpdate(++updateId, button!.callback_data, last, chat))).status).toBe(200);
    return next();
  };
  const lang = async () =>
    (
      await app.valued.store.db
        .selectFrom('members')
        .innerJoin('identities', 'identities.member_id', 'members.id')
        .select('members.lang')
        .where('identities.address', '=', String(chat))
        .executeTakeFirstOrThrow()
    ).lang;

  it("shows /cymraeg and /english among the bot's commands", () => {
    const commands = (tg().callsTo('setMyCommands')[0]?.params as { commands: { command: string }[] }).commands.map((c) => c.command);
    expect(commands).toEqual(expect.arrayContaining(['cymraeg', 'english', 'stop']));
  });

  it('signs up in Welsh with buttons, and /english and /cymraeg switch', async () => {
    const welcome = await say('/start');
    expect(welcome.buttons.flat().map((b) => b.text)).toEqual(['Yes', 'No', 'Cymraeg']);
    const croeso = await press('Cymraeg');
    expect(croeso.text).toMatch(/^Helo, dyma valued/);
    expect(croeso.buttons.flat().map((b) => b.text)).toEqual(['Ie', 'Na', 'English']);
    expect((await press('Ie')).text).toBe('Diolch. Beth yw eich enw cyntaf? Neu atebwch HEPGOR.');
    expect((await say('Gwenllian')).text).toMatch(/^Diolch, Gwenllian\. Beth yw eich cod post\?/);
    const needs = await say('SA1 1AA');
    expect(needs.text).toMatch(/^Beth fyddai'n eich helpu chi\?/);
    expect((await press('Siopa')).text).toMatch(/^Wedi ychwanegu siopa\. Unrhyw beth arall\?/);
    expect((await press('Dyna i gyd')).text).toMatch(/^A beth allech chi ei roi\?/);
    expect((await say('gallaf ffonio pobl am sgwrs')).text).toMatch(
      /^Diolch, Gwenllian\. Help i chi: siopa\. Gallwch roi: "gallaf ffonio pobl am sgwrs"\. Cod post: SA1 1AA\. Ydy hyn yn iawn\?/,
    );
    expect((await press('Ie')).text).toMatch(/^Diolch, Gwenllian!/);
    expect(await lang()).toBe('cy');

    const db = app.valued.store.db;
    const offers = await db
      .selectFrom('offers')
      .innerJoin('identities', 'identities.member_id', 'offers.member_id')
      .select('offers.category')
      .where('identities.address', '=', String(chat))
      .execute();
    expect(offers.map((o) => o.category)).toEqual(['chat']);

    expect((await say('/english')).text).toBe("OK, we'll write in English from now on.");
    expect(await lang()).toBe('en');
    expect((await say('/cymraeg')).text).toBe('Iawn, Cymraeg o hyn ymlaen.');
    expect(await lang()).toBe('cy');
    expect((await say('/dewislen')).text).toBe('Beth hoffech chi ei wneud?');
  });
});

describe("Welsh between members: a request to help and a match, each in its reader's language", () => {
  let app: TestApp;
  let n = 0;
  beforeAll(async () => {
    app = await startTestApp({ env: { LANGUAGES: 'en,cy', MATCH_WAVE_DELAY_SECONDS: '60' } });
  });
  afterAll(async () => app?.close());

  const texts = (who: string) => app.sentTexts('simulator', who);
  const say = async (who: string, text: string) => {
    const before = (await texts(who)).length;
    expect((await app.simulate(who, text, `${who}-${++n}`)).status).toBe(202);
    return waitFor(async () => (await texts(who))[before], `${who}'s reply to "${text}"`);
  };
  const next = (who: string, pattern: RegExp) => waitFor(async () => (await texts(who)).find((t) => pattern.test(t)), `${who} to be sent ${pattern}`, 15_000);

  async function signUpInWelsh(who: string, name: string, needs: string, offers: string) {
    for (const text of ['helo', 'CYMRAEG', 'ie', name, 'hepgor', needs, offers]) expect(await say(who, text), `reply to "${text}"`).not.toMatch(/^Sori/);
    expect(await say(who, 'ie')).toMatch(/^Diolch, /);
  }

  it('asks a Welsh volunteer in Welsh, takes IE with the code, and tells the Welsh requester in Welsh', async () => {
    await signUpInWelsh('gwen', 'Gwen', 'dim byd', '1'); // offers a chat
    await signUpInWelsh('sian', 'Siân', '3', 'dim nawr'); // would like a chat
    const ask = await next('gwen', /^Allwch chi helpu\?/);
    expect(ask).toMatch(/^Allwch chi helpu\? Galwad am sgwrs i rywun, dros y ffôn\. Atebwch IE \d{4} neu NA \d{4}/);
    const code = /IE (\d{4})/.exec(ask)![1]!;
    expect(await say('gwen', `IE ${code}`)).toMatch(/^Diolch! Rydych chi'n helpu Siân gyda galwad am sgwrs\./);
    expect(await next('sian', /^Newyddion da!/)).toMatch(/^Newyddion da! Mae Gwen yn gallu helpu gyda galwad am sgwrs\./);
    expect(await say('sian', 'RHANNU')).toBe('Iawn. Fe wnawn ni gyfnewid rhifau pan fydd Gwen yn ateb RHANNU hefyd.');
  }, 60_000);
});
