/**
 * Every message a person can get by SMS is plain GSM-7 and fits one segment (160
 * characters) with the longest realistic values filled in, except the few key moments
 * allowed two (the gift question and its reassurance, the summary, a match). A curly
 * quote or a long dash would switch the whole text to UCS-2 (70 characters a segment).
 * And the whole need-and-gift onboarding stays within ten segments.
 */
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { renderSms } from '../../src/channels/sms/render.js';
import { CATEGORY_IDS, type Item } from '../../src/domain/categories.js';
import { step } from '../../src/conversation/engine.js';
import type { ConversationInput } from '../../src/conversation/input.js';
import { itemsWords, needWords, profileWords, question } from '../../src/conversation/questions.js';
import type { Reply } from '../../src/conversation/reply.js';
import { initialState, STEPS, type ConversationState } from '../../src/conversation/state.js';
import { cy } from '../../src/conversation/texts/cy.js';
import { en } from '../../src/conversation/texts/en.js';
import type { Catalogue } from '../../src/conversation/texts/index.js';
import { QUESTION_TOPICS } from '../../src/understanding/lexicon/types.js';

/** The longest values we expect in real use. */
const LONG_NAME = 'Christabelle'; // 12 letters
const LONG_POSTCODE = 'SW1A 1AA';
const LONG_WORDS = 'someone to read the paper to me on Sundays, and a chat';
const EVERYTHING: Item[] = CATEGORY_IDS.map((category) => ({ category }));
const LONG_ITEMS: Item[] = [{ category: 'other', words: LONG_WORDS }, ...EVERYTHING];
const LONG_WHAT = needWords({ category: 'other', words: LONG_WORDS }, en);
const LONG_CONTACT = '@a_long_telegram_username_32chars';

/** Key moments that may take two segments to be kind (the issue that asked for them says which). */
const TWO_SEGMENTS = new Set(['askOffers', 'doubtGift', 'confirm', 'askAccepted', 'matchFound', 'askToHelpOffer', 'alertProblem', 'alertDistress']);

function segments(text: string) {
  const m = new SegmentedMessage(text);
  return { encoding: m.encodingName, count: m.segmentsCount, length: text.length };
}

/** Calls every catalogue function with the longest realistic arguments. */
function everyText(t: Catalogue): [string, string][] {
  // Built exactly as the engine builds it, list shortening included.
  const profile = profileWords(
    { name: LONG_NAME, place: { postcode: LONG_POSTCODE, outcode: 'SW1A', sector: 'SW1A 1' }, location: null, needs: LONG_ITEMS, offers: LONG_ITEMS },
    t,
    t.summaryMax,
  );
  const calls: Record<string, () => string> = {
    welcome: () => t.welcome(),
    welcomeVolunteer: () => t.welcomeVolunteer(),
    consentDeclined: () => t.consentDeclined(),
    consentLater: () => t.consentLater(),
    askName: () => t.askName({ again: false }),
    askPostcode: () => t.askPostcode({ name: LONG_NAME }),
    askNeeds: () => t.askNeeds(),
    askMoreNeeds: () => t.askMoreNeeds({ added: 'making or mending' }),
    askOffers: () => t.askOffers(),
    askMoreOffers: () => t.askMoreOffers({ added: 'making or mending' }),
    doubtGift: () => t.doubtGift(),
    confirm: () => t.confirm(profile),
    askChange: () => t.askChange(),
    noRush: () => t.noRush(),
    done: () => t.done({ name: LONG_NAME }),
    menu: () => t.menu(),
    saved: () => t.saved({ what: itemsWords(EVERYTHING, t, 60) }),
    savedInstead: () => t.savedInstead({ what: itemsWords(LONG_ITEMS, t, 60), before: itemsWords(LONG_ITEMS, t, 30) }),
    added: () => t.added({ what: itemsWords(LONG_ITEMS, t, 70) }),
    idle: () => t.idle(),
    finishFirst: () => t.finishFirst(),
    helpAsked: () => t.helpAsked({ hint: t.hint.many }),
    help: () => t.help(),
    helpMatched: () => t.helpMatched({ name: LONG_NAME }),
    stopped: () => t.stopped(),
    welcomeBack: () => t.welcomeBack(),
    langChanged: () => t.langChanged(),
    myData: () =>
      t.myData(
        profileWords(
          { name: LONG_NAME, place: { postcode: LONG_POSTCODE, outcode: 'SW1A', sector: 'SW1A 1' }, location: null, needs: LONG_ITEMS, offers: LONG_ITEMS },
          t,
        ),
      ),
    forgetConfirm: () => t.forgetConfirm(),
    forgotten: () => t.forgotten(),
    forgetKept: () => t.forgetKept(),
    volunteerThanks: () => t.volunteerThanks(),
    sorry: () => `${t.sorry()} ${t.askPostcode({ name: LONG_NAME })}`,
    offerCoordinator: () => t.offerCoordinator(),
    coordinatorComing: () => t.coordinatorComing(),
    coordinatorDeclined: () => t.coordinatorDeclined(),
    unsupportedMedia: () => t.unsupportedMedia(),
    contactNotKept: () => t.contactNotKept(),
    editedMessage: () => t.editedMessage(),
    groupChat: () => t.groupChat({ bot: 'valued_mutual_aid_bot' }),
    staleButton: () => t.staleButton(),
    sorryError: () => t.sorryError(),
    askVolunteerOffers: () => t.askVolunteerOffers(),
    askDistance: () => t.askDistance(),
    askWhen: () => t.askWhen(),
    askSafety: () => t.askSafety(),
    phoneOnly: () => t.phoneOnly(),
    volunteerDone: () => t.volunteerDone({ code: 'K7P2QX' }),
    paused: () => t.paused(),
    resumed: () => t.resumed(),
    nothingToPause: () => t.nothingToPause(),
    notPaused: () => t.notPaused(),
    askToHelp: () => t.askToHelp({ what: LONG_WHAT, place: 'SW1A', code: '4821' }),
    askToHelpOffer: () => t.askToHelpOffer({ offer: needWords({ category: 'other', words: LONG_WORDS }, t), what: LONG_WHAT, place: 'SW1A', code: '4821' }),
    askWhich: () => t.askWhich({ code: '4821' }),
    askAccepted: () => t.askAccepted({ name: LONG_NAME, what: LONG_WHAT }),
    matchFound: () => t.matchFound({ name: LONG_NAME, what: LONG_WHAT }),
    askTaken: () => t.askTaken(),
    askDeclined: () => t.askDeclined(),
    askLater: () => t.askLater(),
    askUnknown: () => t.askUnknown({ code: '4821' }),
    stillLooking: () => t.stillLooking({ what: LONG_WHAT }),
    relayFrom: () => t.relayFrom({ name: LONG_NAME }),
    whichMatch: () => t.whichMatch({ names: `${LONG_NAME} and ${LONG_NAME}`, example: `${LONG_NAME}: your message` }),
    shareWaiting: () => t.shareWaiting({ name: LONG_NAME }),
    sharedContact: () => t.sharedContact({ name: LONG_NAME, contact: LONG_CONTACT }),
    sharedNoContact: () => t.sharedNoContact({ name: LONG_NAME }),
    matchDone: () => t.matchDone(),
    matchDoneBy: () => t.matchDoneBy({ name: LONG_NAME }),
    matchCancelled: () => t.matchCancelled({ what: LONG_WHAT }),
    helperLeft: () => t.helperLeft({ what: LONG_WHAT }),
    followUp: () => t.followUp({ name: LONG_NAME, what: LONG_WHAT }),
    followUpThanks: () => t.followUpThanks(),
    followUpInvite: () => t.followUpInvite(),
    followUpNotYet: () => t.followUpNotYet(),
    followUpProblem: () => t.followUpProblem(),
    unreadNoted: () => t.unreadNoted(),
    thankOffer: () => t.thankOffer({ name: LONG_NAME }),
    thankSent: () => t.thankSent({ name: LONG_NAME }),
    madeADifference: () => t.madeADifference({ name: LONG_NAME, what: LONG_WHAT }),
    alertUnmatched: () => t.alertUnmatched({ what: LONG_WHAT, place: 'SW1A 1', need: '01JQ5WZ8M3' }),
    alertProblem: () => t.alertProblem({ name: LONG_NAME, what: LONG_WHAT, words: `${'x'.repeat(58)}..`, contact: LONG_CONTACT }),
    alertPerson: () => t.alertPerson({ name: LONG_NAME, reason: 'the bot could not understand them', contact: LONG_CONTACT }),
    verified: () => t.verified({ name: LONG_NAME, code: 'K7P2QX' }),
    verifyUnknown: () => t.verifyUnknown({ code: 'K7P2QX' }),
    openNeeds: () => t.openNeeds({ count: 12, list: 'shopping SW1A, medicines SA1, a phone chat, dog walking M1 and 8 more' }),
    noOpenNeeds: () => t.noOpenNeeds(),
    crisis: () => t.crisis({ kind: 'abuse' }),
    safetyCheck: () => t.safetyCheck({ kind: 'abuse' }),
    safeThanks: () => t.safeThanks(),
    notSafe: () => t.notSafe(),
    alertCrisis: () => t.alertCrisis({ name: LONG_NAME, words: `${'x'.repeat(48)}..`, contact: LONG_CONTACT }),
    alertDistress: () => t.alertDistress({ name: LONG_NAME, words: `${'x'.repeat(48)}..`, contact: LONG_CONTACT }),
  };
  // Every text in the catalogue is checked: adding one without a case here fails.
  const functions = Object.entries(t as unknown as Record<string, unknown>)
    .filter(([k, v]) => typeof v === 'function' && k !== 'andMore' && k !== 'join' && k !== 'thanksFrom')
    .map(([k]) => k);
  expect(Object.keys(calls).sort()).toEqual(functions.sort());
  const texts = Object.entries(calls).map(([key, call]): [string, string] => [key, call()]);
  // Every kind of crisis answer, and every question answered.
  for (const kind of ['self', 'medical', 'abuse'] as const)
    texts.push([`crisis.${kind}`, t.crisis({ kind })], [`safetyCheck.${kind}`, t.safetyCheck({ kind })]);
  for (const topic of QUESTION_TOPICS) texts.push([`faq.${topic}`, t.faq[topic]]);
  return texts;
}

describe('the English catalogue', () => {
  it.each(everyText(en))('%s is GSM-7 and fits its segments with the longest values', (key, text) => {
    expect(segments(text)).toMatchObject({ encoding: 'GSM-7', count: TWO_SEGMENTS.has(key) ? expect.any(Number) : 1 });
    expect(segments(text).count).toBeLessThanOrEqual(TWO_SEGMENTS.has(key) ? 2 : 1);
  });

  it('has no system words or abbreviations people trip over ("e.g.", "Near:", "SHARE swaps numbers")', () => {
    for (const [, text] of everyText(en)) expect(text).not.toMatch(/e\.g\.|Near:|swaps numbers|\bi\.e\.|\betc\b/);
  });

  it('never asks the person helped to "give something back": people often like to help too', () => {
    expect(en.followUpInvite()).not.toMatch(/give something back/i);
    expect(en.followUpInvite()).toMatch(/often like to help too/);
  });
});

/** Every reply the engine can give at every step, with long values, rendered for SMS. */
function everyReply(lang: 'en' | 'cy' = 'en', words: readonly string[] = []): { at: string; said: string; sms: string; merged: boolean }[] {
  const base = initialState(lang);
  const langs = lang === 'en' ? (['en'] as const) : (['en', 'cy'] as const);
  const states: ConversationState[] = STEPS.map((s) => ({
    ...base,
    step: s,
    onboarded: s === 'idle' || s === 'menu',
    profile: { name: LONG_NAME, place: { postcode: LONG_POSTCODE, outcode: 'SW1A', sector: 'SW1A 1' }, location: null, needs: LONG_ITEMS, offers: LONG_ITEMS },
    safety: s === 'safety' ? { kind: 'abuse', words: 'he shouts at me', back: 'idle' } : null,
    thanking: s === 'thank' ? { matchId: 'M1', partnerId: 'P', name: LONG_NAME } : null,
  }));
  const inputs: ConversationInput[] = [
    ...[
      ...words,
      'hello',
      'yes',
      'no',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '?',
      'Christabelle',
      'SW1A 1AA',
      'skip',
      'STOP',
      'HELP',
      'MENU',
      'VOLUNTEER',
      'MY DATA',
      'FORGET ME',
      'nothing',
      'is it free?',
      'Im 84, not much use to anyone',
      'I need help with shopping',
      'nobody would miss me',
      'I want to die',
    ].map((text) => ({ kind: 'text' as const, text })),
    { kind: 'choice', step: 'needs', choice: 'phonehelp' },
    { kind: 'choice', step: 'offers', choice: 'phonehelp' },
    { kind: 'choice', step: 'old', choice: 'yes' },
    { kind: 'unsupported', what: 'sticker' },
  ];
  const out: { at: string; said: string; sms: string; merged: boolean }[] = [];
  for (const state of states) {
    for (const input of inputs) {
      const replies = step(state, input, { now: 0, langs }).effects.flatMap((e) => (e.type === 'reply' ? [e.reply] : []));
      const said = input.kind === 'text' ? input.text : JSON.stringify(input);
      for (const reply of replies) out.push({ at: state.step, said, sms: renderSms(reply), merged: false });
      if (replies.length > 1) {
        // The runner sends a turn's replies as one message (see mergeReplies).
        const merged: Reply = { ...replies[replies.length - 1]!, text: replies.map((r) => r.text).join('\n') };
        out.push({ at: state.step, said, sms: renderSms(merged), merged: true });
      }
    }
  }
  return out;
}

describe('every reply the engine gives, rendered for SMS', () => {
  const all = everyReply();

  it('is GSM-7 every time', () => {
    const unicode = all.filter((r) => segments(r.sms).encoding !== 'GSM-7');
    expect(unicode).toEqual([]);
  });

  it('fits two segments at most, and one unless it is a key moment or a question asked again with its choices', () => {
    for (const r of all) expect(segments(r.sms).count, `${r.at} / ${r.said}: ${r.sms}`).toBeLessThanOrEqual(r.merged ? 3 : 2);
  });
});

describe('the need-and-gift onboarding', () => {
  it('takes ten SMS segments at most, from the welcome to "Thank you"', () => {
    let state = initialState();
    let total = 0;
    for (const text of ['hello', 'yes', LONG_NAME, LONG_POSTCODE, '1 3', LONG_WORDS, 'yes']) {
      const result = step(state, { kind: 'text', text }, { now: 0 });
      for (const e of result.effects) if (e.type === 'reply') total += segments(renderSms(e.reply)).count;
      state = result.state;
    }
    expect(state.step).toBe('idle');
    expect(total).toBeLessThanOrEqual(10);
  });

  it('asks the gift question in one segment, its choices the examples; doubt gets the examples in words', () => {
    const reply = renderSms(question({ ...initialState(), step: 'offers' }));
    expect(segments(reply).count).toBe(1);
    expect(question({ ...initialState(), step: 'offers', doubted: true }).text).toMatch(/a chat on the phone, a story/);
  });
});

describe('renderSms', () => {
  it('numbers the choices on their own lines after the question', () => {
    expect(
      renderSms({
        lang: 'en',
        text: 'Is that right?',
        choices: [
          { id: 'yes', label: 'Yes' },
          { id: 'change', label: 'Change something' },
        ],
        select: 'one',
      }),
    ).toBe('Is that right?\n1 Yes\n2 Change something');
  });

  it('adds how to answer a question that takes several choices', () => {
    expect(renderSms({ lang: 'en', text: 'What would help you?', choices: [{ id: 'a', label: 'A' }], select: 'many' })).toBe(
      'What would help you? Reply with numbers or words.\n1 A',
    );
  });

  it('keeps curly quotes and long dashes from a name out of the SMS', () => {
    expect(renderSms({ lang: 'en', text: 'Thanks, \u201cJo\u201d \u2013 it\u2019s saved\u2026' })).toBe('Thanks, "Jo" - it\'s saved...');
  });
});

/**
 * Welsh needs letters GSM-7 lacks (â ê î ô û ŵ ŷ): they are kept, and a text with one
 * goes as UCS-2, 70 characters a segment (67 when split). The budget: three segments a
 * message at most, and the whole onboarding within twenty.
 */
describe('the Welsh catalogue', () => {
  it.each(everyText(cy))('%s fits three segments with the longest values', (key, text) => {
    expect(segments(text).count, text).toBeLessThanOrEqual(3);
  });

  it('keeps the Welsh letters, never swapping them for plain ones', () => {
    const all = everyText(cy)
      .map(([, text]) => text)
      .join(' ');
    expect(all).toMatch(/ôl/);
    expect(all).toMatch(/siŵr/);
    expect(all).toMatch(/â chi/);
    expect(segments(cy.welcomeBack()).encoding).toBe('UCS-2');
  });

  it('has no system words or abbreviations people trip over', () => {
    for (const [, text] of everyText(cy)) expect(text).not.toMatch(/e\.e\.|h\.y\.|\byyb\b/);
  });
});

/**
 * Two replies sent as one (an answer to HELP or a question, then the question again
 * with its choices) may take up to five: measured, 20 such pairs (14 of four, 6 of five)
 * are over three, all detours (HELP, MENU mid sign-up, a question, an old button).
 */
describe('every Welsh reply the engine gives, rendered for SMS', () => {
  const all = everyReply('cy', [
    'helo',
    'ie',
    'na',
    'iawn',
    'HEPGOR',
    'STOPIO',
    'CYMORTH',
    'DEWISLEN',
    'FY NATA',
    'ANGHOFIO FI',
    'CYMRAEG',
    'ENGLISH',
    'dim byd',
    'siopa a sgwrs',
  ]);

  it('fits three segments at most, two replies sent as one five', () => {
    const over = all.filter((r) => segments(r.sms).count > (r.merged ? 5 : 3)).map((r) => `${r.merged} ${segments(r.sms).count} ${r.at} / ${r.said}: ${r.sms}`);
    expect([...new Set(over)]).toEqual([]);
  });
});

/** The Welsh onboarding, message by message: its segments (reported in the README). */
export function welshOnboarding(): { said: string; reply: string; encoding: string; segments: number }[] {
  let state = initialState();
  const out: { said: string; reply: string; encoding: string; segments: number }[] = [];
  for (const text of ['helo', 'CYMRAEG', 'ie', LONG_NAME, LONG_POSTCODE, '1 3', 'rhywun i ddarllen y papur i mi ar y Sul, a sgwrs', 'ie']) {
    const result = step(state, { kind: 'text', text }, { now: 0, langs: ['en', 'cy'] });
    for (const e of result.effects) {
      if (e.type !== 'reply') continue;
      const sms = renderSms(e.reply);
      out.push({ said: text, reply: sms, encoding: segments(sms).encoding, segments: segments(sms).count });
    }
    state = result.state;
  }
  expect(state.step).toBe('idle');
  expect(state.lang).toBe('cy');
  return out;
}

describe('the need-and-gift onboarding in Welsh', () => {
  it('takes twenty SMS segments at most, three a message, from the welcome to "Diolch"', () => {
    const messages = welshOnboarding();
    for (const m of messages) expect(m.segments, m.reply).toBeLessThanOrEqual(3);
    expect(messages.reduce((n, m) => n + m.segments, 0)).toBeLessThanOrEqual(20);
  });

  it('offers Cymraeg in one word at the welcome, only with Welsh on', () => {
    expect(renderSms(question(initialState(), false, ['en', 'cy']))).toMatch(/\n3 Cymraeg$/);
    expect(renderSms(question(initialState()))).not.toMatch(/Cymraeg/);
    expect(renderSms(question(initialState('cy'), false, ['en', 'cy']))).toMatch(/\n3 English$/);
  });
});
