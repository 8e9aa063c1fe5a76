/**
 * The understanding step, case by case: every misunderstanding reported in the issue
 * that built it is a case here, and so are the named matchers it is made of. The
 * corpus (corpus.test.ts) measures it as a whole.
 */
import { describe, expect, it } from 'vitest';
import { NEED_CHOICES, OFFER_CHOICES } from '../../src/domain/categories.js';
import { compile, editDistance, isSlipOf } from '../../src/understanding/matchers.js';
import { understand, understanderFor, type Expecting } from '../../src/understanding/understand.js';

const CHOICES: Partial<Record<Expecting, readonly string[]>> = {
  welcome: ['yes', 'no'],
  needs: [...NEED_CHOICES, 'none'],
  gifts: [...OFFER_CHOICES, 'none'],
  confirm: ['yes', 'change'],
  checkin: ['yes', 'notyet', 'problem'],
  safety: ['yes', 'no'],
};
const read = (text: string, expecting: Expecting = 'idle') => understand(text, { lang: 'en', expecting, choices: CHOICES[expecting] });
const kinds = (items: { category: string }[]) => items.map((i) => i.category);

describe('named matchers', () => {
  const a = (text: string) => understanderFor('en').analyse(text);

  it.each([
    ['i can|could knit|sew', 'I could sew a bit', true],
    ['i can|could knit|sew', 'I can not sew', false],
    ['knit', 'knitting lessons', true], // the dictionary form from the NLP library
    ['=tablet', 'my tablets', false],
    ['=tablet', 'my tablet', true],
    ['took ** tablets', 'I took all of my tablets', true],
    ['a? lift', 'lift please', true],
    ['chest * tight', 'my chest is tight', true],
  ])('%j in %j: %s', (phrase, text, expected) => {
    expect(compile(phrase).test(a(text))).toBe(expected);
  });

  it('reads contractions and text-speak as the words meant', () => {
    expect(a('im gr8, cant come 2moro').tokens.map((t) => t.word)).toEqual(['i', 'am', 'great', 'can', 'not', 'come', 'tomorrow']);
  });

  it('knows how far a negation reaches: to the end of the thought, not past it', () => {
    const t = a("I'm not suicidal, just lonely").tokens;
    expect(t.find((x) => x.word === 'suicidal')?.negated).toBe(true);
    expect(t.find((x) => x.word === 'lonely')?.negated).toBe(false);
  });

  it.each([
    ['shoping', 'shopping', true],
    ['prescripton', 'prescription', true],
    ['lovely', 'lonely', false], // a real word is never read as another
    ['stoke', 'stroke', false],
    ['teach', 'tech', false],
    ['shop', 'stop', false],
  ])('%s is a slip of %s: %s', (typed, meant, slip) => {
    expect(isSlipOf(typed, meant, (w) => ['lovely', 'stoke', 'teach', 'shop'].includes(w))).toBe(slip);
  });

  it('measures typos as people make them (a swap is one slip)', () => {
    expect(editDistance('shpo', 'shop')).toBe(1);
  });
});

describe('the welcome is answered with what people need, not only yes or no', () => {
  it.each([
    ['I need help with shopping', ['shopping'], []],
    ['me prescriptions need picking up from boots', ['medicines'], []],
    ['I can chat on the phone', [], ['chat']],
    ['Yes please, I need a bit of shopping done. I could teach someone Welsh mind', ['shopping'], ['teaching']],
  ])('%j', (text, needs, gifts) => {
    const u = read(text, 'welcome');
    expect(kinds(u.needs)).toEqual(needs);
    expect(kinds(u.gifts)).toEqual(gifts);
  });
});

describe('gifts in their own words, and doubt that is never a gift', () => {
  it.each([
    ['I can knit', ['teaching', 'crafts']],
    ['I bake cakes', ['meals']],
    ['I could read to someone', ['chat']],
    ['I can sew and mend clothes', ['crafts']],
    ['I love a chinwag', ['chat']],
    ['phone chats', ['chat']],
    ['phone chats, knitting lessons and my welsh cakes recipe', ['chat', 'teaching', 'recipes']],
  ])('%j offers %j, words kept', (text, expected) => {
    const u = read(text, 'gifts');
    expect(kinds(u.gifts)).toEqual(expected);
    expect(u.doubt).toBe(false);
    for (const g of u.gifts) expect(text).toContain(g.words!);
  });

  it('keeps each gift\'s own words: "phone chats, knitting lessons and my welsh cakes recipe"', () => {
    expect(read('phone chats, knitting lessons and my welsh cakes recipe', 'gifts').gifts.map((g) => g.words)).toEqual([
      'phone chats',
      'knitting lessons',
      'my welsh cakes recipe',
    ]);
  });

  it.each([
    'Oh I dont know love, Im 84, not much use to anyone these days',
    'what could i give im stuck in this chair',
    'I used to knit but my hands are bad now',
  ])('%j is doubt, and no gift', (text) => {
    const u = read(text, 'gifts');
    expect(u.doubt).toBe(true);
    expect(u.gifts).toEqual([]);
  });

  it('"lovely" is never read as "lonely"', () => {
    expect(read('lovely, 2 please', 'needs').needs).toEqual([{ category: 'medicines' }]);
    expect(read('oh how lovely', 'needs').needs.map((n) => n.category)).not.toContain('chat');
  });
});

describe('crisis, graded', () => {
  it.each([
    ['nobody would miss me', 'possible'],
    ['I dont want to be here anymore', 'danger'],
    ['whats the point anymore', 'possible'],
    ['struggling to breath', 'danger'],
    ['my husband shouts at me and I am frightened', 'possible'],
    ['i took all my tablets', 'danger'],
    ['he is hitting me', 'danger'],
  ])('%j is %s', (text, grade) => {
    expect(read(text).crisis.grade).toBe(grade);
  });

  it.each([
    'I live in Stoke',
    'I had a stroke last year so I cant drive',
    'not an emergency, just need some milk',
    'the path is not safe when its icy',
    'my dog was attacked by a fox',
    'dying for a cuppa',
    'my hip is killing me',
    'bored to death in here',
    "I'm not suicidal, just lonely",
  ])('%j is not a crisis', (text) => {
    expect(read(text).crisis.grade).toBe('none');
  });

  it('gives the kind, for the right numbers', () => {
    expect(read('he hits me when he drinks').crisis.kind).toBe('abuse');
    expect(read('chest pains really bad').crisis.kind).toBe('medical');
    expect(read('i want to end it all').crisis.kind).toBe('self');
  });

  it('still reads the rest of the message: "I need shopping but honestly I cant go on like this"', () => {
    const u = read('I need shopping but honestly I cant go on like this', 'welcome');
    expect(u.crisis.grade).not.toBe('none');
    expect(kinds(u.needs)).toEqual(['shopping']);
  });
});

describe('yes, no and later in words', () => {
  it.each([
    ["Oh yes I'd love to", 'ask', ['yes']],
    ['happy to', 'ask', ['yes']],
    ['go on then', 'ask', ['yes']],
    ['Sorry cant tonight', 'ask', ['no']],
    ['not this week, maybe next', 'ask', ['later']],
    ['Not yet, she is ringing me tomorrow', 'checkin', ['later']],
    ['no problem', 'ask', ['yes']],
    ['ok', 'idle', []],
  ] as const)('%j at %s is %j', (text, expecting, answers) => {
    expect(read(text, expecting).answers).toEqual(answers);
  });

  it('finds a request code anywhere: "Actually I can do tomorrow morning. YES 2474"', () => {
    const u = read('Actually I can do tomorrow morning. YES 2474', 'ask');
    expect(u.codes).toEqual(['2474']);
    expect(u.answers).toContain('yes');
  });

  it('a year or a time is not a code', () => {
    expect(read('I had a stroke in 2019').codes).toEqual([]);
    expect(read("Yes, I'll do it at 1430 if thats ok. 3861", 'ask').codes).toEqual(['3861']);
  });

  it('a worded check-in problem: "she never turned up"', () => {
    expect(read('she never turned up', 'checkin').problem).toBe(true);
    expect(read('yes but she forgot my milk lol not a problem tho', 'checkin').problem).toBe(false);
  });
});

describe('names, postcodes and several answers at once', () => {
  it.each([
    ["I'm Ann", 'Ann'],
    ['its margaret love', 'Margaret'],
    ['Dave here', 'Dave'],
    ['Mrs Jones but call me Betty', 'Betty'],
    ['Mohammed, but Mo is fine', 'Mo'],
  ])('%j is called %s', (text, name) => {
    expect(read(text, 'name').name).toBe(name);
  });

  it('"Pat, SA1 3ED" is a name and a postcode', () => {
    const u = read('Pat, SA1 3ED', 'name');
    expect(u.name).toBe('Pat');
    expect(u.place).toEqual({ postcode: 'SA1 3ED', outcode: 'SA1', sector: 'SA1 3' });
  });

  it.each([
    ['sa1 1aa', 'SA1 1AA'],
    ['SA11AA', 'SA1 1AA'],
    ['S A 2 9 P Q', 'SA2 9PQ'],
    ['SA1 lAA', 'SA1 1AA'],
  ])('%j is the postcode %s', (text, postcode) => {
    expect(read(text, 'postcode').place?.postcode).toBe(postcode);
  });

  it('words that look like postcodes are not ("point", "gr8")', () => {
    expect(read('whats the point').place).toBeNull();
    expect(read('im gr8 w computers').place).toBeNull();
  });
});
