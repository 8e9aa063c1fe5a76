/**
 * The WhatsApp half of the Twilio adapter, piece by piece: inbound parameters read
 * into the whatsapp channel (button presses back to their choice), the webhook's
 * signature and its refusal when WhatsApp is off, how replies render as buttons or
 * numbered lines, and the configuration an operator writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInboundSms } from '../../src/channels/sms/webhook.js';
import { toSendError } from '../../src/channels/sms/sender.js';
import { createWhatsAppSender } from '../../src/channels/whatsapp/sender.js';
import { buttonsTemplate, buttonVariables, oneLine, renderWhatsApp, templateFor } from '../../src/channels/whatsapp/render.js';
import { callbackData } from '../../src/channels/telegram/render.js';
import type { Reply } from '../../src/conversation/reply.js';
import { meaningOf } from '../../src/delivery/failures.js';
import { loadConfig } from '../../src/platform/config.js';
import { PUBLIC_URL, startTestApp, type TestApp } from '../helpers/app.js';
import { FakeTwilio } from '../helpers/fake-twilio.js';
import { ACCOUNT_SID, AUTH_TOKEN, inboundSmsParams, inboundWhatsAppParams, postSigned, twilioSignature } from '../helpers/twilio.js';

const ANN = '+447700900401';
const B2 = `HX${'2'.repeat(32)}`;
const B3 = `HX${'3'.repeat(32)}`;
const MATCH = `HX${'b'.repeat(32)}`;
const DEFAULT = `HX${'d'.repeat(32)}`;

describe('reading an inbound WhatsApp message', () => {
  it('is its own channel, addressed by the plain number', () => {
    const read = readInboundSms(inboundWhatsAppParams(ANN, 'hello'), ACCOUNT_SID);
    expect(read).toMatchObject({ message: { channel: 'whatsapp', address: ANN, body: 'hello', input: { kind: 'text', text: 'hello' } } });
  });

  it('maps a press of our button back to its choice, and a word button to its words', () => {
    const choice = readInboundSms(inboundWhatsAppParams(ANN, '', { text: 'Yes', payload: callbackData('consent', 'yes') }), ACCOUNT_SID);
    expect(choice).toMatchObject({ message: { channel: 'whatsapp', body: 'Yes', input: { kind: 'choice', step: 'consent', choice: 'yes' } } });
    const word = readInboundSms(inboundWhatsAppParams(ANN, '', { text: 'Yes', payload: callbackData('word', 'YES 4821') }), ACCOUNT_SID);
    expect(word).toMatchObject({ message: { input: { kind: 'text', text: 'YES 4821' } } });
  });

  it("reads a template's own button (a payload not ours) as its words", () => {
    const read = readInboundSms(inboundWhatsAppParams(ANN, '', { text: 'Stop reminders', payload: 'stop-reminders' }), ACCOUNT_SID);
    expect(read).toMatchObject({ message: { input: { kind: 'text', text: 'Stop reminders' } } });
  });

  it('reads a shared location as a location, and refuses a malformed one', () => {
    const params = { ...inboundWhatsAppParams(ANN, ''), Latitude: '51.6214', Longitude: '-3.9436', MessageType: 'location' };
    expect(readInboundSms(params, ACCOUNT_SID)).toMatchObject({
      message: { channel: 'whatsapp', body: null, input: { kind: 'location', latitude: 51.6214, longitude: -3.9436 } },
    });
    expect(readInboundSms({ ...params, Latitude: '1e3' }, ACCOUNT_SID)).toMatchObject({ error: /Latitude/ });
  });

  it('refuses a WhatsApp sender writing to an SMS number, and the other way round', () => {
    expect(readInboundSms({ ...inboundWhatsAppParams(ANN, 'hi'), To: '+441234567891' }, ACCOUNT_SID)).toMatchObject({ error: /both be WhatsApp/ });
    expect(readInboundSms({ ...inboundSmsParams(ANN, 'hi'), To: 'whatsapp:+441234567891' }, ACCOUNT_SID)).toMatchObject({ error: /both be WhatsApp/ });
  });

  it('still reads an SMS as SMS', () => {
    expect(readInboundSms(inboundSmsParams(ANN, 'hi'), ACCOUNT_SID)).toMatchObject({ message: { channel: 'sms', address: ANN } });
  });
});

describe('the webhook', () => {
  let smsOnly: TestApp;
  beforeAll(async () => {
    smsOnly = await startTestApp({ twilio: true });
  });
  afterAll(async () => smsOnly?.close());
  const path = '/webhooks/twilio/sms';

  it('refuses a WhatsApp message with a wrong signature', async () => {
    const params = inboundWhatsAppParams(ANN, 'hello');
    const response = await postSigned(smsOnly.url, PUBLIC_URL, path, params, twilioSignature('not-our-token', PUBLIC_URL + path, params));
    expect(response.status).toBe(403);
  });

  it('refuses a signed WhatsApp message while WhatsApp is off, storing nothing', async () => {
    const response = await postSigned(smsOnly.url, PUBLIC_URL, path, inboundWhatsAppParams(ANN, 'hello'));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/WhatsApp is not switched on/);
    const rows = await smsOnly.valued.store.db.selectFrom('inbound_messages').select('id').where('channel', '=', 'whatsapp').execute();
    expect(rows).toHaveLength(0);
  });
});

describe('rendering for WhatsApp', () => {
  const yesNo: Reply = {
    lang: 'en',
    text: 'Shall we start?',
    choices: [
      { id: 'yes', label: 'Yes' },
      { id: 'no', label: 'No' },
    ],
    select: 'one',
    step: 'consent',
  };
  const four: Reply = { ...yesNo, choices: ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id.toUpperCase() })) };

  it('puts two or three choices on quick-reply buttons when their template is configured', () => {
    expect(buttonsTemplate(yesNo, { buttons2: B2 })).toBe(B2);
    expect(buttonsTemplate({ ...yesNo, choices: [...yesNo.choices!, { id: 'later', label: 'Later' }] }, { buttons2: B2, buttons3: B3 })).toBe(B3);
    expect(renderWhatsApp(yesNo, { buttons2: B2 })).toBe('Shall we start?');
    expect(buttonVariables(yesNo)).toEqual({ '1': 'Shall we start?', '2': 'Yes', '3': 'v1|consent|yes', '4': 'No', '5': 'v1|consent|no' });
  });

  it('numbers the choices without a template, beyond three, for several picks, or for long titles', () => {
    expect(renderWhatsApp(yesNo, {})).toMatch(/^Shall we start\?.*\n1 Yes\n2 No$/);
    expect(buttonsTemplate(four, { buttons2: B2, buttons3: B3 })).toBeUndefined();
    expect(buttonsTemplate({ ...yesNo, select: 'many' }, { buttons2: B2 })).toBeUndefined();
    expect(
      buttonsTemplate(
        {
          ...yesNo,
          choices: [
            { id: 'a', label: 'A label far too long for a button' },
            { id: 'b', label: 'B' },
          ],
        },
        { buttons2: B2 },
      ),
    ).toBeUndefined();
    expect(renderWhatsApp(four, { buttons2: B2, buttons3: B3 })).toMatch(/\n1 A\n2 B\n3 C\n4 D$/);
  });

  it('picks the template for a kind of message, else the default, never a buttons template', () => {
    expect(templateFor({ match: MATCH, default: DEFAULT }, 'match')).toBe(MATCH);
    expect(templateFor({ match: MATCH, default: DEFAULT }, 'relay')).toBe(DEFAULT);
    expect(templateFor({ match: MATCH }, 'relay')).toBeUndefined();
    expect(templateFor({ buttons2: B2 }, 'buttons2')).toBeUndefined();
  });

  it('keeps a template variable on one line', () => {
    expect(oneLine('Good news.\n\nReply   to\tsay hello.\n1 Yes')).toBe('Good news. / Reply to say hello. / 1 Yes');
  });
});

describe("Twilio's WhatsApp errors", () => {
  it('63016 means outside the window: not the number failing, not worth a retry as it is', () => {
    const failure = toSendError({ status: 400, code: 63016, message: 'outside the allowed window' });
    expect(failure).toMatchObject({ reason: 'outside_window', retryable: false, code: 63016 });
    expect(meaningOf(failure, false)).toEqual({ kind: 'outside window' });
  });

  it('63018 (too fast for the WhatsApp sender) slows down; 63003 (not on WhatsApp) closes the address', () => {
    expect(toSendError({ status: 400, code: 63018, message: 'rate' }).reason).toBe('rate_limited');
    expect(toSendError({ status: 400, code: 63003, message: 'no such address' }).reason).toBe('unreachable');
  });
});

describe('WhatsApp configuration', () => {
  const account = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN };

  it('switches WhatsApp on alone, with a sender or a Messaging Service, and reads the templates', () => {
    const config = loadConfig({
      ...account,
      TWILIO_WHATSAPP_FROM: 'whatsapp:+441234567891',
      TWILIO_WHATSAPP_TEMPLATES: JSON.stringify({ buttons2: B2, match: MATCH }),
    });
    expect(config.twilio).toBeUndefined();
    expect(config.whatsapp).toMatchObject({ from: { address: 'whatsapp:+441234567891' }, templates: { buttons2: B2, match: MATCH }, mps: 80 });
    expect(config.simulator.enabled).toBe(false);
    const service = `MG${'1'.repeat(32)}`;
    expect(loadConfig({ ...account, TWILIO_FROM_NUMBER: '+441234567890', TWILIO_WHATSAPP_FROM: service }).whatsapp?.from).toEqual({
      messagingServiceSid: service,
    });
  });

  it.each([
    [{ ...account, TWILIO_WHATSAPP_FROM: '+441234567891' }, 'TWILIO_WHATSAPP_FROM: must be the WhatsApp sender as whatsapp:+'],
    [{ TWILIO_WHATSAPP_FROM: 'whatsapp:+441234567891' }, 'TWILIO_WHATSAPP_FROM needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN'],
    [
      { ...account, TWILIO_WHATSAPP_FROM: 'whatsapp:+441234567891', TWILIO_WHATSAPP_TEMPLATES: '{"welcome":"HX1"}' },
      'TWILIO_WHATSAPP_TEMPLATES: must be JSON like',
    ],
    [{ ...account, TWILIO_WHATSAPP_FROM: 'whatsapp:+441234567891', TWILIO_WHATSAPP_TEMPLATES: 'match=HX1' }, 'TWILIO_WHATSAPP_TEMPLATES: must be JSON like'],
    [
      { ...account, TWILIO_FROM_NUMBER: '+441234567890', TWILIO_WHATSAPP_TEMPLATES: JSON.stringify({ match: MATCH }) },
      'TWILIO_WHATSAPP_TEMPLATES needs TWILIO_WHATSAPP_FROM',
    ],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('a question sent as a template outside the window', () => {
  let twilio: FakeTwilio;
  beforeAll(async () => {
    twilio = await new FakeTwilio(ACCOUNT_SID).start();
    twilio.approved.add(DEFAULT);
  });
  afterAll(async () => twilio?.stop());

  it('keeps its choices as numbered lines, even when the question alone was written for buttons', async () => {
    const templates = { buttons3: B3, default: DEFAULT };
    const sender = createWhatsAppSender(
      {
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        from: { address: 'whatsapp:+447700900000' },
        templates,
        apiBaseUrl: twilio.url,
        mps: 80,
        timeoutMs: 5000,
      },
      `${PUBLIC_URL}/webhooks/twilio/status`,
    );
    const checkIn: Reply = {
      lang: 'en',
      text: 'Did Sam help with shopping?',
      step: 'followup',
      select: 'one',
      choices: [
        { id: 'yes', label: 'Yes' },
        { id: 'not_yet', label: 'Not yet' },
        { id: 'problem', label: 'There was a problem' },
      ],
    };
    // Rendered for buttons, the stored text is the question alone.
    expect(sender.render(checkIn)).toBe('Did Sam help with shopping?');
    await sender.send({ id: 'o1', channel: 'whatsapp', address: ANN, text: sender.render(checkIn), reply: checkIn, purpose: 'normal', outsideWindow: true });
    const sent = twilio.lastTo(`whatsapp:${ANN}`)!;
    expect(sent.contentSid).toBe(DEFAULT);
    expect(sent.contentVariables?.['1']).toMatch(/Did Sam help with shopping\?.*1 Yes \/ 2 Not yet \/ 3 There was a problem/);
  });
});
