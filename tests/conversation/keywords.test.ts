/** The words anyone can send at any time: whole-message, forgiving, never fuzzy. */
import { describe, expect, it } from 'vitest';
import { parseKeyword } from '../../src/conversation/keywords.js';

describe('parseKeyword: the words anyone can send at any time', () => {
  it.each([
    ['STOP', 'stop'],
    ['stop', 'stop'],
    [' Stop. ', 'stop'],
    ['Stop please', 'stop'],
    ['UNSUBSCRIBE', 'stop'],
    ['cancel', 'stop'],
    ['end', 'stop'],
    ['Quit', 'stop'],
    ['stopall', 'stop'],
    ['START', 'start'],
    ['unstop', 'start'],
    ['help', 'help'],
    ['HELP!', 'help'],
    ['info', 'help'],
    ['menu', 'menu'],
    ['/menu', 'menu'],
    ['/menu@valued_bot', 'menu'],
    ['VOLUNTEER', 'volunteer'],
    ['/volunteer', 'volunteer'],
    ['my data', 'mydata'],
    ['MY  DATA', 'mydata'],
    ['/mydata', 'mydata'],
    ['forget me', 'forgetme'],
    ['Forget me.', 'forgetme'],
    ['/forgetme', 'forgetme'],
    ['/stop', 'stop'],
    ['/help', 'help'],
    ['/help@valued_bot', 'help'],
  ])('%j is %s', (text, keyword) => {
    expect(parseKeyword(text)).toBe(keyword);
  });

  it.each(['shop', 'stopping by later', 'please help me with shopping', 'top', 'my dad', 'forget it', 'started'])('%j is not a global word', (text) => {
    expect(parseKeyword(text)).toBeNull();
  });
});

describe('parseKeyword in Welsh', () => {
  it.each([
    ['STOPIO', 'stop'],
    ['/stopio', 'stop'],
    ['DECHRAU', 'start'],
    ['CYMORTH', 'help'],
    ['Dewislen', 'menu'],
    ['GWIRFODDOLI', 'volunteer'],
    ['SEIBIANT', 'pause'],
    ['AILDDECHRAU', 'resume'],
    ['FY NATA', 'mydata'],
    ['Anghofio fi', 'forgetme'],
    ['CYMRAEG', 'cymraeg'],
    ['/cymraeg', 'cymraeg'],
    ['ENGLISH', 'english'],
    ['/english', 'english'],
    ['Saesneg', 'english'],
  ])('%s is %s with Welsh on', (text, keyword) => {
    expect(parseKeyword(text, ['en', 'cy'])).toBe(keyword);
  });

  it('reads STOPIO even with Welsh off: opting out must never fail', () => {
    expect(parseKeyword('STOPIO')).toBe('stop');
    expect(parseKeyword('stopio.', ['en'])).toBe('stop');
  });

  it('reads no other Welsh word, and no language word, with Welsh off', () => {
    for (const text of ['CYMORTH', 'DEWISLEN', 'CYMRAEG', 'ENGLISH', 'FY NATA']) expect(parseKeyword(text, ['en'])).toBeNull();
  });

  it('never takes an answer for a global word ("dim mwy" is "nothing more", "welsh" may be lessons)', () => {
    for (const text of ['dim mwy', 'dim rhagor', 'welsh', 'peidiwch', 'siopa']) expect(parseKeyword(text, ['en', 'cy'])).toBeNull();
  });
});

describe('STOPIO through the engine', () => {
  it('opts out with Welsh off, at any step', async () => {
    const { step } = await import('../../src/conversation/engine.js');
    const { initialState } = await import('../../src/conversation/state.js');
    for (const s of ['new', 'name', 'needs', 'idle'] as const) {
      const result = step({ ...initialState(), step: s, onboarded: s === 'idle' }, { kind: 'text', text: 'STOPIO' }, { now: 0, langs: ['en'] });
      expect(result.state.optedOut).toBe(true);
      expect(result.effects.map((e) => e.type)).toContain('optOut');
    }
  });

  it('speaks English to a Welsh member once Welsh is switched off, until they choose again', async () => {
    const { step } = await import('../../src/conversation/engine.js');
    const { initialState } = await import('../../src/conversation/state.js');
    const result = step({ ...initialState('cy'), step: 'idle', onboarded: true }, { kind: 'text', text: 'HELP' }, { now: 0, langs: ['en'] });
    expect(result.state.lang).toBe('en');
    expect(result.effects.find((e) => e.type === 'reply')).toMatchObject({ reply: { lang: 'en' } });
  });
});
