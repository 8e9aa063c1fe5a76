/**
 * Safety in the engine: clear danger gets the numbers at once, in any state, by kind,
 * and a coordinator an urgent alert naming the person; possible distress gets "are you
 * safe right now?" and an alert only if they are not, cannot say, or say more; the
 * rest of the message is still understood and answered.
 */
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../src/conversation/effects.js';
import { step } from '../../src/conversation/engine.js';
import { initialState, STEPS, type ConversationState } from '../../src/conversation/state.js';
import { en } from '../../src/conversation/texts/en.js';
import { stateAt } from '../helpers/states.js';

function at(texts: string[], from: ConversationState = initialState()): ConversationState {
  let s = from;
  for (const text of texts) s = step(s, { kind: 'text', text }, { now: 0 }).state;
  return s;
}
const say = (s: ConversationState, text: string) => step(s, { kind: 'text', text }, { now: 0 });
const replies = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'reply' ? [e.reply.text] : []));
const alerts = (effects: Effect[]) => effects.filter((e) => e.type === 'alertCoordinator');

describe('clear danger', () => {
  it.each(STEPS.filter((s) => s !== 'safety'))('at %s: the numbers at once and an urgent alert, and nothing passed to a helper', (stepName) => {
    const state = stateAt(stepName);
    expect(state.step).toBe(stepName);
    const result = say(state, 'I feel like ending it all');
    expect(alerts(result.effects)).toEqual([
      { type: 'alertCoordinator', reason: 'crisis', detail: 'I feel like ending it all', name: state.profile.name, quote: 'ending it all' },
    ]);
    expect(replies(result.effects)[0]).toBe(en.crisis({ kind: 'self' }));
    expect(result.effects.filter((e) => e.type === 'relay' || e.type === 'thank')).toEqual([]);
  });

  it.each([
    ['i cant breathe', 'medical', /999 now for an ambulance/],
    ['he is hitting me please', 'abuse', /0808 2000 247/],
    ['i took all my tablets', 'self', /Samaritans/],
  ] as const)('%j gets the numbers for %s', (text, kind, numbers) => {
    const reply = replies(say(at(['hi', 'yes']), text).effects)[0]!;
    expect(reply).toBe(en.crisis({ kind }));
    expect(reply).toMatch(numbers);
  });

  it('the rest of the message is understood and answered: a need at the welcome is kept, and sign-up goes on', () => {
    const result = say(at(['hi']), 'I need shopping but honestly I cant go on living like this');
    expect(replies(result.effects)).toEqual([en.crisis({ kind: 'self' }), 'Thank you. What is your first name? Or reply SKIP.']);
    expect(result.state.profile.needs.map((n) => n.category)).toEqual(['shopping']);
    expect(result.effects.map((e) => e.type)).toEqual(['alertCoordinator', 'reply', 'recordConsent', 'reply']);
  });

  it('a message that is only danger is not followed by "sorry, I did not understand"', () => {
    expect(replies(say(at(['hi']), 'i want to die').effects)).toEqual([en.crisis({ kind: 'self' })]);
  });

  it('after STOP, a coordinator still hears, and nothing is sent', () => {
    const stopped = at(['hi', 'yes', 'STOP']);
    expect(say(stopped, 'I want to die').effects).toEqual([
      { type: 'alertCoordinator', reason: 'crisis', detail: 'I want to die', name: null, quote: 'want to die' },
    ]);
  });

  it('names the person as the conversation knows them, even before anything is saved', () => {
    const result = say(at(['hi', 'yes', 'Margaret']), 'I have fallen and cant get up');
    expect(alerts(result.effects)[0]).toMatchObject({ name: 'Margaret' });
  });

  it.each([
    'I live in Stoke',
    'I had a stroke last year so I cant drive',
    'not an emergency',
    'the path is not safe when its icy',
    'my dog was attacked by a fox',
  ])('%j raises no alarm', (text) => {
    const result = say(at(['hi', 'yes', 'Ann', 'SA1 1AA']), text);
    // No alarm; words nobody could place may still be given to a coordinator to read.
    expect(alerts(result.effects).filter((e) => e.type === 'alertCoordinator' && e.reason !== 'unread')).toEqual([]);
    expect(result.state.step).not.toBe('safety');
  });
});

describe('the answer to "are you safe right now?"', () => {
  it.each(['yes I have everything ready', 'I am safe but he is outside', 'Yes, for tonight anyway', 'yes but I keep thinking about it', 'I think so'])(
    '%j is still a worry: a coordinator is told at once',
    (text) => {
      const result = say(stateAt('safety'), text);
      expect(alerts(result.effects)).toEqual([expect.objectContaining({ reason: 'crisis' })]);
    },
  );

  it.each(['yes', 'yes im safe thanks', "I'm ok now thank you"])('%j is safe: thanks, the numbers for later, and back to what was open', (text) => {
    const result = say(stateAt('safety'), text);
    expect(alerts(result.effects)).toEqual([]);
    expect(replies(result.effects)[0]).toBe(en.safeThanks());
    expect(result.state.step).not.toBe('safety');
  });

  it('words that answer nothing ("who is this?") are asked about once more, then a coordinator follows up', () => {
    const once = say(stateAt('safety'), 'who is this?');
    expect(alerts(once.effects)).toEqual([]);
    expect(once.state.step).toBe('safety');
    const twice = say(once.state, 'ta');
    expect(alerts(twice.effects)).toEqual([expect.objectContaining({ reason: 'distress' })]);
  });

  it('STOP at the question tells a coordinator; danger words after STOP still reach one', () => {
    const stopped = say(stateAt('safety'), 'STOP');
    expect(alerts(stopped.effects)).toEqual([expect.objectContaining({ reason: 'distress' })]);
    const later = say(stopped.state, 'I am going to kill myself tonight');
    expect(alerts(later.effects)).toEqual([expect.objectContaining({ reason: 'crisis' })]);
    expect(replies(later.effects)).toEqual([]);
  });
});

describe('possible distress', () => {
  const asked = () => say(at(['hi', 'yes', 'Ann']), 'nobody would miss me');

  it('asks "are you safe right now?" with the numbers, and alerts no one yet', () => {
    const result = asked();
    expect(alerts(result.effects)).toEqual([]);
    expect(replies(result.effects)).toEqual([en.safetyCheck({ kind: 'self' })]);
    expect(result.state).toMatchObject({ step: 'safety', safety: { kind: 'self', back: 'postcode' } });
    // Never read as a name: "nobody" is not what they are called.
    expect(result.state.profile.name).toBe('Ann');
  });

  it('"yes" (safe) thanks them and carries on with the question that was waiting', () => {
    const result = say(asked().state, 'yes im ok');
    expect(alerts(result.effects)).toEqual([]);
    expect(replies(result.effects)).toEqual([en.safeThanks(), expect.stringMatching(/What is your postcode/)]);
    expect(result.state.step).toBe('postcode');
  });

  it.each(['no', 'not really', 'i dont know', 'no, ive got the pills out in front of me'])('%j alerts a coordinator urgently', (text) => {
    const result = say(asked().state, text);
    expect(alerts(result.effects)).toEqual([expect.objectContaining({ reason: 'crisis', detail: expect.stringContaining('nobody would miss me') })]);
    expect(result.state.step).toBe('postcode');
    expect(replies(result.effects).length).toBe(1);
  });

  it('the abuse helpline for fear of a partner', () => {
    const result = say(at(['hi', 'yes', 'Ann']), 'my husband shouts at me and I am frightened');
    expect(replies(result.effects)[0]).toBe(en.safetyCheck({ kind: 'abuse' }));
  });

  it('keeps what else they said, and asks its question after they have answered', () => {
    const result = say(at(['hi', 'yes', 'Ann', 'SA1 1AA']), 'shopping, I get so low these days');
    expect(result.state.profile.needs.map((n) => n.category)).toEqual(['shopping']);
    expect(result.state).toMatchObject({ step: 'safety', safety: { back: 'offers' } });
    expect(replies(say(result.state, 'yes').effects)[1]).toMatch(/what could you give/);
  });

  it('after STOP: not asked (nothing is sent), but a coordinator hears, not urgently', () => {
    const stopped = at(['hi', 'yes', 'STOP']);
    expect(say(stopped, 'whats the point anymore').effects).toEqual([
      { type: 'alertCoordinator', reason: 'distress', detail: 'whats the point anymore', name: null, quote: expect.any(String) },
    ]);
  });
});
