import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../src/conversation/effects.js';
import { MISSES_BEFORE_PERSON, step } from '../../src/conversation/engine.js';
import type { Facts } from '../../src/conversation/facts.js';
import type { ConversationInput } from '../../src/conversation/input.js';
import { question } from '../../src/conversation/questions.js';
import { initialState, STEPS, type ConversationState, type Step } from '../../src/conversation/state.js';
import { en } from '../../src/conversation/texts/en.js';
import { REASKS_PER_30S } from '../../src/conversation/turn.js';
import { FakeClock } from '../helpers/clock.js';

const clock = new FakeClock();

/** Runs inputs (strings are texts) through the engine, returning the final state and each turn's effects. */
function run(inputs: (string | ConversationInput)[], from: ConversationState = initialState()) {
  let state = from;
  const turns: Effect[][] = [];
  for (const raw of inputs) {
    const input: ConversationInput = typeof raw === 'string' ? { kind: 'text', text: raw } : raw;
    const result = step(state, input, { now: clock.now() });
    state = result.state;
    turns.push(result.effects);
    clock.advance(1000);
  }
  return { state, turns, last: turns[turns.length - 1] ?? [] };
}

const replies = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'reply' ? [e.reply.text] : []));
const kinds = (effects: Effect[]) => effects.map((e) => e.type);

const SIGNUP = ['hello', 'yes', 'Ann', 'SA1 1AA', '1 3', '1', 'yes'];
const signedUp = () => run(SIGNUP).state;

/** A state at each step, reached by talking, for tests that must hold everywhere. */
const FOLLOW_UP: ConversationInput = { kind: 'event', name: 'followup', matchId: 'M1', partner: 'Sam', what: 'shopping' };

function stateAt(target: Step): ConversationState {
  const paths: Record<Step, (string | ConversationInput)[]> = {
    new: [],
    consent: ['hello'],
    declined: ['hello', 'no'],
    name: ['hello', 'yes'],
    postcode: ['hello', 'yes', 'Ann'],
    needs: ['hello', 'yes', 'Ann', 'SA1 1AA'],
    offers: ['hello', 'yes', 'Ann', 'SA1 1AA', '1'],
    confirm: ['hello', 'yes', 'Ann', 'SA1 1AA', '1', '1'],
    change: ['hello', 'yes', 'Ann', 'SA1 1AA', '1', '1', '2'],
    idle: SIGNUP,
    menu: [...SIGNUP, 'menu'],
    forget: [...SIGNUP, 'forget me'],
    coordinator: ['hello', 'yes', 'Ann', '?', '?', '?'],
    v_offers: [...SIGNUP, 'volunteer'],
    v_distance: [...SIGNUP, 'volunteer', '1'],
    v_when: [...SIGNUP, 'volunteer', '1', '3'],
    v_safety: [...SIGNUP, 'volunteer', '1', '3', '2'],
    followup: [...SIGNUP, FOLLOW_UP],
    safety: ['hello', 'yes', 'Ann', 'nobody would miss me'],
    thank: [...SIGNUP, { ...FOLLOW_UP, partnerId: 'SAM' } as ConversationInput, 'yes'],
  };
  const { state } = run(paths[target]);
  expect(state.step).toBe(target);
  return state;
}

describe('sign-up', () => {
  it('asks consent, name, postcode, needs, offers, then confirms and saves', () => {
    const { state, turns } = run(SIGNUP);
    expect(replies(turns[0]!)[0]).toMatch(/What would help you, and what could you give\?/);
    expect(kinds(turns[1]!)).toEqual(['recordConsent', 'reply']);
    expect(replies(turns[2]!)[0]).toMatch(/^Thanks, Ann\. What is your postcode/);
    expect(replies(turns[5]!)[0]).toBe(
      'Thanks, Ann. What would help: shopping and a phone chat. What you could give: a phone chat. Postcode: SA1 1AA. Is that right?',
    );
    expect(kinds(turns[6]!)).toEqual(['saveProfile', 'saveItems', 'saveItems', 'reply']);
    expect(turns[6]![0]).toEqual({
      type: 'saveProfile',
      name: 'Ann',
      place: { postcode: 'SA1 1AA', outcode: 'SA1', sector: 'SA1 1' },
      location: null,
      lang: 'en',
    });
    expect(turns[6]![1]).toEqual({ type: 'saveItems', list: 'needs', items: [{ category: 'shopping' }, { category: 'chat' }] });
    expect(turns[6]![2]).toEqual({ type: 'saveItems', list: 'offers', items: [{ category: 'chat' }] });
    expect(state).toMatchObject({ step: 'idle', onboarded: true, misses: 0 });
  });

  it('lets people skip their name and postcode', () => {
    const { state, last } = run(['hi', 'ok', 'skip', 'skip', 'nothing', 'a phone chat now and then', 'yes']);
    expect(state.profile).toMatchObject({ name: null, place: null, needs: [], offers: [{ category: 'chat', words: 'a phone chat now and then' }] });
    expect(replies(last)[0]).toMatch(/^Thank you! We'll text you/);
  });

  it('keeps their own words when no category fits', () => {
    const { state } = run(['hi', 'yes', 'Bob', 'M1 1AE', 'someone to take my husbands ashes up Cefn Bryn', 'not now', 'yes']);
    expect(state.profile.needs).toEqual([{ category: 'other', words: 'someone to take my husbands ashes up Cefn Bryn' }]);
    expect(state.profile.offers).toEqual([]);
  });

  it('finds categories in their own words, forgiving typos', () => {
    const { state } = run(['hi', 'yes', 'Bob', 'M1 1AE', 'someone to get my shoping and prescriptons']);
    expect(state.profile.needs.map((n) => n.category)).toEqual(['shopping', 'medicines']);
  });

  it('saying no to starting is respected, and any later message offers again', () => {
    const declined = run(['hello', 'no']);
    expect(declined.state.step).toBe('declined');
    expect(replies(declined.last)[0]).toMatch(/That's fine/);
    expect(kinds(declined.last)).toEqual(['reply']);
    const again = run(['hello again'], declined.state);
    expect(again.state.step).toBe('consent');
  });

  it('can change one thing from the summary and come back to it', () => {
    const { state, turns } = run(['hello', 'yes', 'Ann', 'SA1 1AA', '1', '1', '2', 'postcode', 'M1 1AE']);
    expect(replies(turns[6]!)[0]).toBe('What would you like to change?');
    expect(state.step).toBe('confirm');
    expect(replies(turns[8]!)[0]).toMatch(/Postcode: M1 1AE\. Is that right\?$/);
  });

  it('takes buttons one at a time for many-choice questions', () => {
    const at = stateAt('needs');
    const { state, turns } = run(
      [
        { kind: 'choice', step: 'needs', choice: 'shopping' },
        { kind: 'choice', step: 'needs', choice: 'dogs' },
        { kind: 'choice', step: 'needs', choice: 'done' },
      ],
      at,
    );
    expect(replies(turns[0]!)[0]).toBe('Added shopping. Anything else?');
    const more = turns[1]![0]!;
    expect(more.type === 'reply' && more.reply.choices?.map((c) => c.id)).toEqual(['medicines', 'chat', 'lifts', 'jobs', 'done']);
    expect(state.step).toBe('offers');
    expect(state.profile.needs).toEqual([{ category: 'shopping' }, { category: 'dogs' }]);
  });

  it('a button from an earlier question is recognised and the current question asked again', () => {
    const { state, last } = run([{ kind: 'choice', step: 'consent', choice: 'yes' }], stateAt('postcode'));
    expect(state.step).toBe('postcode');
    expect(replies(last)).toEqual(['That button was for an earlier question.', expect.stringMatching(/postcode/)]);
  });

  it('a shared location answers the postcode question', () => {
    const { state } = run([{ kind: 'location', latitude: 51.62, longitude: -3.94 }], stateAt('postcode'));
    expect(state.step).toBe('needs');
    expect(state.profile.location).toEqual({ latitude: 51.62, longitude: -3.94 });
  });

  it('pictures and stickers get a kind "please type"', () => {
    const { state, last } = run([{ kind: 'unsupported', what: 'sticker' }], stateAt('name'));
    expect(state.step).toBe('name');
    expect(replies(last)).toEqual(['Sorry, I can only read typed words. Please type your answer.']);
  });
});

describe('misunderstandings', () => {
  it.each([
    ['consent', 'banana', /^Sorry, I did not understand\. Hello, this is valued/],
    ['name', '12345', /^Sorry, I did not understand\. What is your first name\?/],
    ['postcode', 'the big house', /^Sorry, I did not understand\. What is your postcode\?/],
    ['needs', '9', /^Sorry, I did not understand\. What would help you\?/],
    ['confirm', 'purple', /^Sorry, I did not understand\. What would help/],
  ] as const)('at %s, %j gets a gentle re-ask: the question again, choices and all', (at, text, expected) => {
    const { state, last } = run([text], stateAt(at));
    expect(state.step).toBe(at);
    expect(state.misses).toBe(1);
    expect(replies(last)[0]).toMatch(expected);
    const question = last.find((e) => e.type === 'reply');
    expect(question?.type === 'reply' && question.reply.choices).toEqual(stateAt(at).step === 'name' || at === 'postcode' ? undefined : expect.any(Array));
  });

  it.each([
    ['the same words every time', (_i: number) => 'Auto-reply: I am out of the office until Monday'],
    ['words that change every time', (i: number) => `This is an automated message ${i}. Your text has been received.`],
  ])('an automated sender (%s) is not answered for ever: the bot stops after a few replies in half a minute', (_what, text) => {
    let state = stateAt('postcode');
    const answered: boolean[] = [];
    for (let i = 0; i < 12; i++) {
      const result = step(state, { kind: 'text', text: text(i) }, { now: 1_000_000 + i * 1000 });
      answered.push(result.effects.some((e) => e.type === 'reply'));
      state = result.state;
    }
    expect(answered.slice(0, 3)).toEqual([true, true, true]);
    expect(answered.filter(Boolean).length).toBeLessThanOrEqual(REASKS_PER_30S);
    expect(answered.slice(-4)).toEqual([false, false, false, false]);
  });

  it('a person answered quickly is never held back: every understood answer starts the count again', () => {
    let state = initialState();
    for (const [i, text] of ['hi', 'I need help with shopping', 'Ann', 'SA1 1AA', 'I can chat on the phone', 'yes'].entries()) {
      const result = step(state, { kind: 'text', text }, { now: 2_000_000 + i * 500 });
      expect(
        result.effects.some((e) => e.type === 'reply'),
        text,
      ).toBe(true);
      state = result.state;
    }
    expect(state.step).toBe('idle');
  });

  it(`after ${MISSES_BEFORE_PERSON} misses offers a person; yes alerts a coordinator and carries on`, () => {
    const { state, turns } = run(['?', '?', '?', 'yes'], stateAt('postcode'));
    expect(replies(turns[2]!)[0]).toMatch(/Would you like someone from our team to get in touch\?/);
    expect(turns[3]!.find((e) => e.type === 'alertCoordinator')).toMatchObject({ reason: 'stuck' });
    expect(replies(turns[3]!)).toEqual(['Thank you. Someone from our team will be in touch soon.', expect.stringMatching(/postcode/)]);
    expect(state).toMatchObject({ step: 'postcode', misses: 0 });
  });

  it('saying no to a person goes back to the question, with no alert', () => {
    const { state, last } = run(['?', '?', '?', 'no'], stateAt('name'));
    expect(kinds(last)).toEqual(['reply', 'reply']);
    expect(state.step).toBe('name');
  });

  it('after sign-up, chatter like "thanks" is not a misunderstanding', () => {
    const { state, turns } = run(['thanks', 'ok', 'bye', 'cheers'], signedUp());
    clock.advance(60_000);
    for (const turn of turns) expect(replies(turn)).toEqual(['Thanks for your message. Text MENU to see what you can do, or HELP.']);
    expect(state).toMatchObject({ step: 'idle', misses: 0 });
  });

  it('START after sign-up is answered', () => {
    expect(replies(run(['START'], signedUp()).last)).toEqual(['Thanks for your message. Text MENU to see what you can do, or HELP.']);
  });

  it('FORGET ME from the coordinator offer, then no, goes back to where things were', () => {
    const offered = run(['?', '?', '?'], stateAt('postcode')).state;
    expect(offered).toMatchObject({ step: 'coordinator', back: 'postcode' });
    const { state, last } = run(['forget me', 'no'], offered);
    expect(state.step).toBe('postcode');
    expect(replies(last)).toEqual(["OK, we haven't deleted anything.", expect.stringMatching(/postcode/)]);
  });

  it('misunderstandings at FORGET ME keep asking there, without losing the way back', () => {
    const { state } = run(['forget me', '?', '?', '?', 'no'], stateAt('name'));
    expect(state.step).toBe('name');
  });

  it('a good answer resets the count', () => {
    const { state } = run(['?', '?', 'Ann'], stateAt('name'));
    expect(state).toMatchObject({ step: 'postcode', misses: 0 });
  });
});

describe('words nobody could place are read by a person', () => {
  const alerts = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'alertCoordinator' ? [[e.reason, e.detail]] : []));

  it('out of the blue, several words the bot cannot place go quietly to a coordinator, and the person is told someone will read them', () => {
    const { last } = run(['The bins were not collected again on our road this week'], stateAt('idle'));
    expect(alerts(last)).toEqual([['unread', 'The bins were not collected again on our road this week']]);
    expect(replies(last)).toEqual([en.unreadNoted()]);
  });

  it('a word or two ("thanks", "ok love") gets the short answer, and troubles nobody', () => {
    for (const text of ['thanks', 'ok love', 'bye for now x']) {
      const { last } = run([text], stateAt('idle'));
      expect(alerts(last), text).toEqual([]);
      expect(replies(last), text).toEqual([en.idle()]);
    }
  });

  it('words the phrase lists miss but the second opinion finds worrying go to a coordinator as a concern, however they are answered', () => {
    const unplaced = run(['Some days I wonder if anyone would notice if I just stopped'], stateAt('idle')).last;
    expect(alerts(unplaced)).toEqual([['concern', 'Some days I wonder if anyone would notice if I just stopped']]);
    expect(replies(unplaced)).toEqual([en.unreadNoted()]);
    // Understood as a need, and still a concern: the need is kept and the words are read.
    const understood = run(['I need my shopping doing, honestly just tired of being here'], stateAt('idle')).last;
    expect(alerts(understood)).toEqual([['concern', 'I need my shopping doing, honestly just tired of being here']]);
    expect(kinds(understood)).toContain('saveItems');
  });

  it('during sign-up, unplaced words are read too, and the question is asked again', () => {
    const { last, state } = run(['nobody has knocked on my door since March and the days are very long now'], stateAt('postcode'));
    expect(alerts(last).map(([reason]) => reason)).toEqual(['unread']);
    expect(replies(last)[0]).toMatch(/^Sorry, I did not understand\. What is your postcode\?/);
    expect(state.step).toBe('postcode');
  });

  it('an automated sender with ever-changing long words does not keep the bot talking, whatever it records', () => {
    let state = stateAt('idle');
    const answered: boolean[] = [];
    for (let i = 0; i < 10; i++) {
      const result = step(
        state,
        { kind: 'text', text: `This mailbox is not monitored, message reference number ${1000 + i} received` },
        { now: 5_000_000 + i * 1000 },
      );
      answered.push(result.effects.some((e) => e.type === 'reply'));
      state = result.state;
    }
    expect(answered.filter(Boolean).length).toBeLessThanOrEqual(REASKS_PER_30S);
    expect(answered.slice(-3)).toEqual([false, false, false]);
  });
});

describe('global words work in every state', () => {
  const everyStep = STEPS.filter((s) => s !== 'new');

  it.each(everyStep)('STOP at %s opts out, answers once, then nothing until START', (at) => {
    const stopped = run(['STOP'], stateAt(at));
    // Stopping when asked "are you safe?" also tells a coordinator, quietly.
    expect(kinds(stopped.last)).toEqual(at === 'safety' ? ['alertCoordinator', 'optOut', 'reply'] : ['optOut', 'reply']);
    expect(stopped.last.at(-1)).toMatchObject({ type: 'reply', purpose: 'optout_ack' });
    const silent = run(['hello', 'HELP', 'menu', 'no', '1', 'FORGET ME', { kind: 'choice', step: at, choice: 'yes' }], stopped.state);
    // Nothing is sent; at the safety question a coordinator may still hear (a "no" is not safe).
    for (const turn of silent.turns) expect(at === 'safety' ? turn.filter((e) => e.type !== 'alertCoordinator') : turn).toEqual([]);
    const back = run(['START'], silent.state);
    expect(kinds(back.last)[0]).toBe('optIn');
    expect(back.state.optedOut).toBe(false);
    expect(back.state.step).toBe(at === 'declined' ? 'consent' : at);
  });

  it.each(['YES', 'unstop', 'Start'])("%j after STOP opts back in (the carriers' opt-in words)", (word) => {
    const stopped = run(['STOP'], stateAt('name')).state;
    const { state, last } = run([word], stopped);
    expect(kinds(last)).toEqual(['optIn', 'reply', 'reply']);
    expect(state).toMatchObject({ optedOut: false, step: 'name' });
  });

  it('HELP to "are you safe right now?" is a no: the urgent alert and the numbers, not an explanation of valued', () => {
    const { state, last } = run(['HELP'], stateAt('safety'));
    expect(last).toContainEqual(expect.objectContaining({ type: 'alertCoordinator', reason: 'crisis' }));
    expect(replies(last)[0]).not.toMatch(/valued puts neighbours in touch/);
    expect(state.step).not.toBe('safety');
  });

  it.each(everyStep.filter((s) => s !== 'safety'))('HELP at %s explains what to do there, asks the question again, and changes nothing', (at) => {
    const before = stateAt(at);
    const { state, last } = run(['help'], before);
    expect(replies(last)[0]).toMatch(/valued puts neighbours in touch/);
    if (at === 'idle') expect(replies(last)).toEqual([en.help()]);
    else expect(replies(last)).toHaveLength(2);
    // Only the auto-responder guard's own bookkeeping (heard, reasks) may move.
    expect({ ...state, heard: null, reasks: [] }).toEqual({ ...before, heard: null, reasks: [] });
  });

  it('HELP with no question open does not say "answer my last question"', () => {
    expect(replies(run(['help'], signedUp()).last)[0]).not.toMatch(/last question/);
  });

  it('HELP while talking with a helper explains SHARE and DONE', () => {
    const result = step(
      signedUp(),
      { kind: 'text', text: 'HELP' },
      {
        now: 0,
        facts: {
          asks: [],
          matches: [{ id: 'M1', role: 'requester', partner: 'Sam', partnerId: 'S', what: 'shopping', iShared: false, theyShared: false }],
          code: null,
          newCode: 'X',
          paused: false,
          hasOffers: false,
          coordinator: false,
        },
      },
    );
    expect(replies(result.effects)).toEqual([en.helpMatched({ name: 'Sam' })]);
  });

  it.each(everyStep)('MY DATA at %s tells what we hold', (at) => {
    const { last } = run(['MY DATA'], stateAt(at));
    expect(replies(last)[0]).toMatch(/^We hold your number, messages, name /);
  });

  it('MENU before sign-up is finished asks to finish first', () => {
    const { state, last } = run(['menu'], stateAt('postcode'));
    expect(state.step).toBe('postcode');
    expect(replies(last)[0]).toMatch(/^Let's finish signing up first/);
  });

  it('MENU after sign-up offers changes, and a change is saved', () => {
    const { state, turns } = run(['menu', '1', '4'], signedUp());
    expect(turns[0]!.find((e) => e.type === 'reply')).toMatchObject({
      reply: { choices: expect.arrayContaining([{ id: 'needs', label: 'What would help' }]) },
    });
    expect(turns[2]).toEqual([
      { type: 'saveItems', list: 'needs', items: [{ category: 'dogs' }] },
      {
        type: 'reply',
        purpose: 'normal',
        reply: { lang: 'en', text: 'Saved: dog walking. Before, it was: shopping and a phone chat. Text MENU to change it again.' },
      },
    ]);
    expect(state.step).toBe('idle');
  });

  it('VOLUNTEER as a first message thanks them for wanting to help', () => {
    const { state, last } = run(['VOLUNTEER']);
    expect(state).toMatchObject({ step: 'consent', volunteer: true });
    expect(replies(last)[0]).toMatch(/Thank you for wanting to help!/);
  });

  it('VOLUNTEER after sign-up starts the volunteer questions', () => {
    const { state, last } = run(['volunteer'], signedUp());
    expect(state.step).toBe('v_offers');
    expect(replies(last)).toEqual(['Thank you! What could you help with?']);
  });

  it('FORGET ME asks once, then erases and starts afresh', () => {
    const asked = run(['forget me'], signedUp());
    expect(replies(asked.last)[0]).toMatch(/Are you sure\?/);
    const { state, last } = run(['yes'], asked.state);
    expect(kinds(last)).toEqual(['erase', 'reply']);
    expect(state).toEqual(initialState());
  });

  it('FORGET ME, then no, keeps everything and goes back', () => {
    const before = stateAt('postcode');
    const { state, last } = run(['forget me', 'no'], before);
    expect(replies(last)[0]).toBe("OK, we haven't deleted anything.");
    expect(state.step).toBe('postcode');
    expect(state.profile).toEqual(before.profile);
  });
});

describe('the engine is pure and total', () => {
  it('never changes the state it was given', () => {
    const state = stateAt('needs');
    const frozen = structuredClone(state);
    step(state, { kind: 'text', text: '1 2' }, { now: 0 });
    expect(state).toEqual(frozen);
  });

  it('gives the same answer to the same input', () => {
    const state = stateAt('offers');
    expect(step(state, { kind: 'text', text: 'recipes' }, { now: 5 })).toEqual(step(state, { kind: 'text', text: 'recipes' }, { now: 5 }));
  });

  const anyText = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ maxLength: 2000, minLength: 1000 }),
    fc.constantFrom(
      'STOP',
      'START',
      'HELP',
      'MENU',
      'VOLUNTEER',
      'MY DATA',
      'FORGET ME',
      'yes',
      'no',
      '1',
      '2',
      '7',
      'skip',
      'SA1 1AA',
      'done',
      '\u202Eمرحبا',
      '\uD800',
      '\u0000\u0007',
    ),
  );
  const anyInput: fc.Arbitrary<ConversationInput> = fc.oneof(
    anyText.map((text) => ({ kind: 'text' as const, text })),
    fc.record({
      kind: fc.constant('choice' as const),
      step: fc.constantFrom(...STEPS),
      choice: fc.constantFrom('yes', 'no', 'shopping', 'done', 'none', 'name', 'x'),
    }),
    fc.record({
      kind: fc.constant('location' as const),
      latitude: fc.double({ min: -90, max: 90, noNaN: true }),
      longitude: fc.double({ min: -180, max: 180, noNaN: true }),
    }),
    fc.record({ kind: fc.constant('start' as const), payload: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }) }),
    fc.constant({ kind: 'unsupported' as const, what: 'sticker' }),
  );

  const anyFacts: fc.Arbitrary<Facts> = fc.record({
    asks: fc.array(
      fc.record({
        code: fc.constantFrom('4821', '1234'),
        needId: fc.constant('N1'),
        what: fc.constantFrom('shopping', '"a long story"'),
        requester: fc.option(fc.constant('Ann'), { nil: null }),
        requesterId: fc.constant('A'),
        open: fc.boolean(),
      }),
      { maxLength: 2 },
    ),
    matches: fc.array(
      fc.record({
        id: fc.constantFrom('M1', 'M2'),
        role: fc.constantFrom('requester' as const, 'volunteer' as const),
        partner: fc.option(fc.constantFrom('Rita', 'Tom'), { nil: null }),
        partnerId: fc.constant('P'),
        what: fc.constant('shopping'),
        iShared: fc.boolean(),
        theyShared: fc.boolean(),
      }),
      { maxLength: 2 },
    ),
    code: fc.option(fc.constant('K7P2QX'), { nil: null }),
    newCode: fc.constant('N3WC0D'),
    paused: fc.boolean(),
    hasOffers: fc.boolean(),
    coordinator: fc.boolean(),
  });
  const matchWords = fc.constantFrom(
    'YES 4821',
    'no 1234',
    'SHARE',
    'DONE',
    'done Rita',
    'Tom: hi',
    'PAUSE',
    'RESUME',
    'VERIFY K7P2QX',
    'NEEDS',
    'yes',
    '1',
    "I can't breathe",
  );
  const followUp: fc.Arbitrary<ConversationInput> = fc.constant({
    kind: 'event',
    name: 'followup',
    matchId: 'M1',
    partner: 'Sam',
    partnerId: 'S',
    what: 'shopping',
  });

  it('with requests, matches and codes in play: never throws, always a valid state, an answer unless opted out or passing words on', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            anyInput,
            matchWords.map((text) => ({ kind: 'text' as const, text })),
            followUp,
          ),
          { maxLength: 25 },
        ),
        anyFacts,
        (inputs, facts) => {
          let state = initialState();
          let now = 0;
          for (const input of inputs) {
            // A person's pace (the auto-responder guard is tested on its own).
            now += 60_000;
            const result = step(state, input, { now, facts });
            expect(STEPS).toContain(result.state.step);
            expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
            const answered = result.effects.some((e) => e.type === 'reply');
            // step() catches its own errors and says sorry: that must never be needed.
            expect(result.effects.filter((e) => e.type === 'reply' && e.reply.text === en.sorryError())).toEqual([]);
            const quiet = result.effects.some((e) => e.type === 'relay' || e.type === 'coordinatorCommand' || e.type === 'share') || input.kind === 'event';
            if (!state.optedOut && !quiet) expect(answered).toBe(true);
            state = result.state;
          }
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('any sequence of inputs: never throws, always a valid state, always an answer unless opted out', () => {
    fc.assert(
      fc.property(fc.array(anyInput, { maxLength: 25 }), (inputs) => {
        let state = initialState();
        let now = 0;
        for (const input of inputs) {
          now += 60_000;
          const result = step(state, input, { now });
          expect(STEPS).toContain(result.state.step);
          expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
          expect(result.effects.filter((e) => e.type === 'reply' && e.reply.text === en.sorryError())).toEqual([]);
          const answered = result.effects.some((e) => e.type === 'reply');
          if (!state.optedOut) expect(answered).toBe(true);
          else if (!result.effects.some((e) => e.type === 'optIn')) expect(result.effects).toEqual([]);
          state = result.state;
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('at any pace, a button press for the question being asked is always answered (the auto-responder guard counts only re-asks)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyInput, fc.constant({ kind: 'choice' as const, step: 'current', choice: 'first' })), { maxLength: 30 }), (inputs) => {
        let state = stateAt('needs');
        let now = 9_000_000;
        for (const raw of inputs) {
          now += 1_000;
          // A press on the first button of whatever is being asked now.
          const choices = raw.kind === 'choice' && raw.step === 'current' ? question(state).choices : undefined;
          const input: ConversationInput = choices?.length
            ? { kind: 'choice', step: state.step, choice: choices[0]!.id }
            : raw.kind === 'choice' && raw.step === 'current'
              ? { kind: 'text', text: 'hello' }
              : raw;
          const result = step(state, input, { now });
          if (choices?.length && !state.optedOut)
            expect(
              result.effects.some((e) => e.type === 'reply'),
              `${state.step}: ${choices[0]!.id}`,
            ).toBe(true);
          state = result.state;
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 200) },
    );
  });
});
