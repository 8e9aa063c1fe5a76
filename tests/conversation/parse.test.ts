import { describe, expect, it } from 'vitest';
import { en } from '../../src/conversation/texts/en.js';
import { findCategories, normalise, parseKeyword, parseName, parseNumbers, parsePlace, parseYesNo, sameWord } from '../../src/conversation/parse.js';

describe('parseNumbers: choice numbers as people type them', () => {
  it.each([
    ['2', 7, [2]],
    ['2.', 7, [2]],
    ['2)', 7, [2]],
    ['#2', 7, [2]],
    [' 2 ', 7, [2]],
    ['two', 7, [2]],
    ['Two!', 7, [2]],
    ['second', 7, [2]],
    ['no. 2', 7, [2]],
    ['option 2', 7, [2]],
    ['2 please', 7, [2]],
    ['1 3', 7, [1, 3]],
    ['1,3', 7, [1, 3]],
    ['1, 3', 7, [1, 3]],
    ['1.3', 7, [1, 3]],
    ['1 and 3', 7, [1, 3]],
    ['1&3', 7, [1, 3]],
    ['one and three', 7, [1, 3]],
    ['13', 7, [1, 3]],
    ['3 1 3', 7, [3, 1]],
    ['12', 12, [12]],
  ])('%j with %i choices reads as %j', (text, max, expected) => {
    expect(parseNumbers(text, max)).toEqual(expected);
  });

  it.each([
    ['', 7],
    ['8', 7],
    ['0', 7],
    ['19', 7],
    ['hello', 7],
    ['2 shopping', 7],
    ['none', 7],
    ['nine', 7],
    ['there', 7],
    ['99', 12],
  ])('%j with %i choices is not a choice', (text, max) => {
    expect(parseNumbers(text, max)).toBeNull();
  });
});

describe('parseYesNo', () => {
  it.each(['yes', 'Yes.', 'YES!', 'y', 'yeah', 'yep', 'ok', 'Okay', 'sure', 'yes please', 'Yes thank you', 'aye', 'go on', 'yse', '👍', 'Yes, that is right'])('%j is yes', (text) => {
    expect(parseYesNo(text)).toBe('yes');
  });
  it.each(['no', 'No.', 'n', 'nope', 'nah', 'no thanks', 'not now', 'No, not really'])('%j is no', (text) => {
    expect(parseYesNo(text)).toBe('no');
  });
  it.each(['', 'maybe', 'hello', 'what?', 'yesterday', 'know'])('%j is neither', (text) => {
    expect(parseYesNo(text)).toBeNull();
  });
});

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

describe('sameWord: small typos forgiven only where safe', () => {
  it.each([
    ['shoping', 'shopping', true],
    ['shopign', 'shopping', true],
    ['medicin', 'medicine', true],
    ['prescripton', 'prescription', true],
    ['teach', 'tech', false],
    ['shop', 'stop', false],
    ['chat', 'cat', false],
    ['walking', 'talking', false],
    ['read', 'bread', false],
  ])('%s ~ %s: %s', (typed, expected, same) => {
    expect(sameWord(typed, expected)).toBe(same);
  });
});

describe('findCategories: own words to categories', () => {
  it.each([
    ['someone to get my shoping', ['shopping']],
    ['I need my prescriptions picked up', ['medicines']],
    ['just a chat now and then, I get lonely', ['chat']],
    ['Could someone walk my dog?', ['dogs']],
    ['I can teach knitting', ['teaching']],
    ['help with my laptop and email', ['tech']],
    ['I could share recipes', ['recipes']],
    ['a lift to hospital appointments', ['lifts']],
    ['my boiler is broken', []],
  ])('%j finds %j', (text, expected) => {
    expect(findCategories(text, en.categoryWords)).toEqual(expected);
  });
});

describe('parseName', () => {
  it.each([
    ['Ann', 'Ann'],
    ['ann', 'Ann'],
    ['ANN', 'Ann'],
    ["I'm ann", 'Ann'],
    ['my name is Mary Ann', 'Mary Ann'],
    ['Hi, it’s Siân', 'Siân'],
    ['McDonald', 'McDonald'],
    ["O'Brien", "O'Brien"],
    ['Jean-Luc', 'Jean-Luc'],
    ['Ann Smith Jones', 'Ann'],
    ['Zoë.', 'Zoë'],
  ])('%j is %j', (text, name) => {
    expect(parseName(text)).toEqual({ name });
  });
  it.each(['skip', 'SKIP', 'rather not', 'prefer not to say'])('%j skips', (text) => {
    expect(parseName(text)).toBe('skip');
  });
  it.each(['', '12345', 'I need help with my shopping please', 'yes', 'hello', 'SA1 1AA', '???'])('%j is not a name', (text) => {
    expect(parseName(text)).toBeNull();
  });
});

describe('parsePlace: postcodes as people send them', () => {
  it.each([
    ['SA1 1AA', 'SA1 1AA', 'SA1', 'SA1 1'],
    ['sa11aa', 'SA1 1AA', 'SA1', 'SA1 1'],
    ['  sa1  1aa ', 'SA1 1AA', 'SA1', 'SA1 1'],
    ["it's SW1A 1AA thanks", 'SW1A 1AA', 'SW1A', 'SW1A 1'],
    ['SA1 lAA', 'SA1 1AA', 'SA1', 'SA1 1'],
    ['M1 1AE', 'M1 1AE', 'M1', 'M1 1'],
  ])('%j is %s', (text, postcode, outcode, sector) => {
    expect(parsePlace(text)).toEqual({ postcode, outcode, sector });
  });
  it('accepts just the first half, for those who would rather not say more', () => {
    expect(parsePlace('SA1')).toEqual({ postcode: null, outcode: 'SA1', sector: null });
  });
  it.each(['skip', 'no', "don't know"])('%j skips', (text) => {
    expect(parsePlace(text)).toBe('skip');
  });
  it.each(['', 'hello', '12345', 'SA99 9ZZZ', 'the big house'])('%j is not a place', (text) => {
    expect(parsePlace(text)).toBeNull();
  });
});

describe('normalise', () => {
  it('drops lone surrogates, control characters and surrounding punctuation', () => {
    expect(normalise('\uD800  Hello\u0000 World!! ')).toBe('hello world');
    expect(normalise('“Yes”')).toBe('yes');
  });
});
