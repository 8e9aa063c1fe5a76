/**
 * Words that suggest danger get the numbers to call at once, in any state, and a
 * coordinator hears; the conversation then carries on where it was.
 */
import { describe, expect, it } from 'vitest';
import { step } from '../../src/conversation/engine.js';
import { soundsLikeCrisis } from '../../src/conversation/parse.js';
import { initialState, STEPS, type ConversationState } from '../../src/conversation/state.js';
import { en } from '../../src/conversation/texts/en.js';

const CRISIS_REPLY = 'If you are in danger now, call 999. For urgent health advice call NHS 111. Samaritans listen any time, free: 116 123. We have told our team.';

function at(texts: string[]): ConversationState {
  let s = initialState();
  for (const text of texts) s = step(s, { kind: 'text', text }, { now: 0 }).state;
  return s;
}

describe('soundsLikeCrisis', () => {
  it.each([
    'I want to kill myself',
    'i feel suicidal',
    'I just want to end it all',
    'thinking of suicde', // a slip
    'Self-harm again last night',
    "I can't breathe",
    'cant breathe properly',
    'he hits me when he drinks',
    'I am not safe at home',
    'EMERGENCY',
    'I have fallen and cant get up',
    'my neighbour collapsed',
    'bad chest pain',
    'Please call an ambulance',
    'took too many tablets',
  ])('%j', (text) => {
    expect(soundsLikeCrisis(text, en.crisisWords)).toBe(true);
  });

  it.each(['I need some shopping', 'a phone chat would be lovely', 'SA1 1AA', 'yes', 'stop', 'I love cooking', 'help with my laptop', 'Ann'])(
    '%j is not a crisis',
    (text) => {
      expect(soundsLikeCrisis(text, en.crisisWords)).toBe(false);
    },
  );
});

describe('the engine on crisis words', () => {
  it.each(STEPS.filter((s) => s !== 'new'))('at %s: the numbers at once, a coordinator alerted, nothing else changed', (stepName) => {
    const paths: Partial<Record<string, string[]>> = {
      consent: ['hi'], declined: ['hi', 'no'], name: ['hi', 'yes'], postcode: ['hi', 'yes', 'Ann'], needs: ['hi', 'yes', 'Ann', 'SA1 1AA'],
    };
    const state = at(paths[stepName] ?? ['hi', 'yes', 'Ann', 'SA1 1AA']);
    const result = step(state, { kind: 'text', text: 'I feel like ending it all' }, { now: 0 });
    expect(result.effects).toEqual([
      { type: 'alertCoordinator', reason: 'crisis', detail: 'I feel like ending it all' },
      { type: 'reply', purpose: 'normal', reply: { lang: 'en', text: CRISIS_REPLY } },
    ]);
    expect(result.state).toEqual(state);
  });

  it('after STOP, a coordinator still hears, and nothing is sent', () => {
    const stopped = step(at(['hi', 'yes']), { kind: 'text', text: 'STOP' }, { now: 0 }).state;
    expect(step(stopped, { kind: 'text', text: 'I want to die' }, { now: 0 }).effects).toEqual([{ type: 'alertCoordinator', reason: 'crisis', detail: 'I want to die' }]);
  });

  it('the reply fits one SMS', () => {
    expect(CRISIS_REPLY.length).toBeLessThanOrEqual(160);
  });
});
