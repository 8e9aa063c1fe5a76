/**
 * Every message a person can get by SMS is plain GSM-7 and fits one segment (160
 * characters) with the longest realistic values filled in. A curly quote or a long
 * dash would switch the whole text to UCS-2 (70 characters a segment).
 */
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { renderSms } from '../../src/channels/sms/render.js';
import { CATEGORY_IDS, type Item } from '../../src/domain/categories.js';
import { step } from '../../src/conversation/engine.js';
import type { ConversationInput } from '../../src/conversation/input.js';
import { itemsWords, needWords, profileWords } from '../../src/conversation/questions.js';
import type { Reply } from '../../src/conversation/reply.js';
import { initialState, STEPS, type ConversationState } from '../../src/conversation/state.js';
import { en } from '../../src/conversation/texts/en.js';
import type { Catalogue } from '../../src/conversation/texts/index.js';

/** The longest values we expect in real use. */
const LONG_NAME = 'Christabelle'; // 12 letters
const LONG_POSTCODE = 'SW1A 1AA';
const EVERYTHING: Item[] = CATEGORY_IDS.map((category) => ({ category }));
const LONG_ITEMS: Item[] = [{ category: 'other', words: 'someone to read the paper to me on Sundays' }, ...EVERYTHING];
const LONG_WHAT = needWords({ category: 'other', words: 'someone to read the paper to me on Sundays' }, en);
const LONG_CONTACT = '@a_long_telegram_username_32chars';

function segments(text: string) {
  const m = new SegmentedMessage(text);
  return { encoding: m.encodingName, count: m.segmentsCount, length: text.length };
}

/** Calls every catalogue function with the longest realistic arguments. */
function everyText(t: Catalogue): [string, string][] {
  // Built exactly as the engine builds it, list shortening included.
  const profile = profileWords({ name: LONG_NAME, place: { postcode: LONG_POSTCODE, outcode: 'SW1A', sector: 'SW1A 1' }, location: null, needs: LONG_ITEMS, offers: LONG_ITEMS }, t);
  const calls: Record<string, () => string> = {
    welcome: () => t.welcome(),
    welcomeVolunteer: () => t.welcomeVolunteer(),
    consentDeclined: () => t.consentDeclined(),
    askName: () => t.askName(),
    askPostcode: () => t.askPostcode({ name: LONG_NAME }),
    askNeeds: () => t.askNeeds(),
    askMoreNeeds: () => t.askMoreNeeds({ added: 'help by phone' }),
    askOffers: () => t.askOffers(),
    askMoreOffers: () => t.askMoreOffers({ added: 'help by phone' }),
    confirm: () => t.confirm(profile),
    askChange: () => t.askChange(),
    done: () => t.done({ name: LONG_NAME }),
    menu: () => t.menu(),
    saved: () => t.saved({ what: itemsWords(EVERYTHING, t, 60) }),
    savedInstead: () => t.savedInstead({ what: itemsWords(LONG_ITEMS, t, 60), before: itemsWords(LONG_ITEMS, t, 30) }),
    idle: () => t.idle(),
    finishFirst: () => t.finishFirst(),
    help: () => t.help(),
    stopped: () => t.stopped(),
    welcomeBack: () => t.welcomeBack(),
    myData: () => t.myData(profile),
    forgetConfirm: () => t.forgetConfirm(),
    forgotten: () => t.forgotten(),
    forgetKept: () => t.forgetKept(),
    volunteerThanks: () => t.volunteerThanks(),
    reaskChoice: () => t.reaskChoice({ example: '1' }),
    reaskMany: () => t.reaskMany(),
    reaskYesNo: () => t.reaskYesNo(),
    reaskTap: () => t.reaskTap(),
    reaskTapMany: () => t.reaskTapMany(),
    contactNotKept: () => t.contactNotKept(),
    editedMessage: () => t.editedMessage(),
    groupChat: () => t.groupChat({ bot: 'valued_mutual_aid_bot' }),
    reaskName: () => t.reaskName(),
    reaskPostcode: () => t.reaskPostcode(),
    offerCoordinator: () => t.offerCoordinator(),
    coordinatorComing: () => t.coordinatorComing(),
    coordinatorDeclined: () => t.coordinatorDeclined(),
    unsupportedMedia: () => t.unsupportedMedia(),
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
    askToHelp: () => t.askToHelp({ what: LONG_WHAT, place: 'SW1A 1', code: '4821' }),
    askAccepted: () => t.askAccepted({ name: LONG_NAME, what: LONG_WHAT }),
    matchFound: () => t.matchFound({ name: LONG_NAME, what: LONG_WHAT }),
    askTaken: () => t.askTaken(),
    askDeclined: () => t.askDeclined(),
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
    followUpGiveBack: () => t.followUpGiveBack(),
    followUpNotYet: () => t.followUpNotYet(),
    followUpProblem: () => t.followUpProblem(),
    madeADifference: () => t.madeADifference({ name: LONG_NAME, what: LONG_WHAT }),
    alertUnmatched: () => t.alertUnmatched({ what: LONG_WHAT, place: 'SW1A 1', need: '01JQ5WZ8M3' }),
    alertProblem: () => t.alertProblem({ name: LONG_NAME, what: LONG_WHAT, contact: LONG_CONTACT }),
    alertPerson: () => t.alertPerson({ name: LONG_NAME, reason: 'asked from the menu', contact: LONG_CONTACT }),
    verified: () => t.verified({ name: LONG_NAME, code: 'K7P2QX' }),
    verifyUnknown: () => t.verifyUnknown({ code: 'K7P2QX' }),
    openNeeds: () => t.openNeeds({ count: 12, list: 'shopping SW1A, medicines SA1, a phone chat, dog walking M1 and 8 more' }),
    noOpenNeeds: () => t.noOpenNeeds(),
    crisis: () => t.crisis(),
    alertCrisis: () => t.alertCrisis({ name: LONG_NAME, words: `${'x'.repeat(38)}..`, contact: LONG_CONTACT }),
  };
  // Every text in the catalogue is checked: adding one without a case here fails.
  const functions = Object.entries(t as unknown as Record<string, unknown>)
    .filter(([k, v]) => typeof v === 'function' && k !== 'andMore' && k !== 'join')
    .map(([k]) => k);
  expect(Object.keys(calls).sort()).toEqual(functions.sort());
  return Object.entries(calls).map(([key, call]) => [key, call()]);
}

describe('the English catalogue', () => {
  it.each(everyText(en))('%s is GSM-7 and one segment with the longest values', (_key, text) => {
    expect(segments(text)).toMatchObject({ encoding: 'GSM-7', count: 1 });
  });
});

/** Every reply the engine can give at every step, with long values, rendered for SMS. */
function everyReply(): { at: string; said: string; sms: string; merged: boolean }[] {
  const base = initialState();
  const states: ConversationState[] = STEPS.map((s) => ({
    ...base,
    step: s,
    onboarded: s === 'idle' || s === 'menu',
    profile: { name: LONG_NAME, place: { postcode: LONG_POSTCODE, outcode: 'SW1A', sector: 'SW1A 1' }, location: null, needs: LONG_ITEMS, offers: LONG_ITEMS },
  }));
  const inputs: ConversationInput[] = [
    ...['hello', 'yes', 'no', '1', '2', '3', '4', '5', '6', '7', '?', 'Christabelle', 'SW1A 1AA', 'skip', 'STOP', 'HELP', 'MENU', 'VOLUNTEER', 'MY DATA', 'FORGET ME', 'nothing'].map(
      (text) => ({ kind: 'text' as const, text }),
    ),
    { kind: 'choice', step: 'needs', choice: 'phonehelp' },
    { kind: 'choice', step: 'offers', choice: 'phonehelp' },
    { kind: 'choice', step: 'old', choice: 'yes' },
    { kind: 'unsupported', what: 'sticker' },
  ];
  const out: { at: string; said: string; sms: string; merged: boolean }[] = [];
  for (const state of states) {
    for (const input of inputs) {
      const replies = step(state, input, { now: 0 }).effects.flatMap((e) => (e.type === 'reply' ? [e.reply] : []));
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

  it('fits one segment, except a short preface sent together with the question (at most two)', () => {
    const long = all.filter((r) => segments(r.sms).count > 1);
    expect(long.filter((r) => !r.merged)).toEqual([]);
    for (const r of long) expect(segments(r.sms).count).toBeLessThanOrEqual(2);
  });
});

describe('renderSms', () => {
  it('numbers the choices on their own lines after the question', () => {
    expect(renderSms({ lang: 'en', text: 'Is that right?', choices: [{ id: 'yes', label: 'Yes' }, { id: 'change', label: 'Change something' }], select: 'one' })).toBe(
      'Is that right?\n1 Yes\n2 Change something',
    );
  });

  it('adds how to answer a question that takes several choices', () => {
    expect(renderSms({ lang: 'en', text: 'What would help you?', choices: [{ id: 'a', label: 'A' }], select: 'many' })).toBe('What would help you? Reply e.g. 1 3, or in words.\nA'.replace('\nA', '\n1 A'));
  });

  it('keeps curly quotes and long dashes from a name out of the SMS', () => {
    expect(renderSms({ lang: 'en', text: 'Thanks, \u201cJo\u201d \u2013 it\u2019s saved\u2026' })).toBe('Thanks, "Jo" - it\'s saved...');
  });
});
