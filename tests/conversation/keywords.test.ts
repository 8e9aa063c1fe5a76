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
