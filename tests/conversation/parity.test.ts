/**
 * Every language has every key, and every text uses the same placeholders as the
 * English: a Welsh text that forgot the code in "Reply YES 4821" would strand a
 * volunteer. Placeholders are found by calling each text with marked values and
 * seeing which of them come out in the words.
 */
import { describe, expect, it } from 'vitest';
import { LANGS, texts, type Catalogue } from '../../src/conversation/texts/index.js';

type Shape = Record<string, string>;

/** Each key, nested keys as "faq.cost", with what it is: a string, or the placeholders a function shows. */
function shape(value: unknown, prefix = ''): Shape {
  const out: Shape = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const path = `${prefix}${key}`;
    if (typeof v === 'string') out[path] = 'text';
    else if (typeof v === 'number') out[path] = 'number';
    else if (typeof v === 'function') out[path] = placeholders(key, v as (p: unknown) => string);
    else Object.assign(out, shape(v, `${path}.`));
  }
  return out;
}

function placeholders(key: string, fn: (p: unknown) => string): string {
  if (key === 'join') return fn(['«a»', '«b»']).includes('«a»') && fn(['«a»', '«b»']).includes('«b»') ? 'list' : 'broken list';
  if (key === 'andMore') return /\d|un|dau|tri|chwech/.test(fn({ count: 5 })) ? 'count' : 'no count';
  if (key === 'crisis' || key === 'safetyCheck') return (['self', 'medical', 'abuse'] as const).map((kind) => (fn({ kind }).length > 0 ? kind : '')).join(',');
  const asked = new Set<string>();
  const values = new Proxy({}, { get: (_, name) => (typeof name === 'string' ? (asked.add(name), `«${name}»`) : undefined) });
  const text = fn(values);
  // A value may be a switch (again: true) rather than words shown: it counts as used if asked for.
  return [...asked]
    .sort()
    .map((name) => (text.includes(`«${name}»`) ? name : `${name}?`))
    .join(',');
}

describe('every language has every key, with the same placeholders', () => {
  const english = shape(texts('en'));

  it.each(LANGS.filter((l) => l !== 'en'))('%s', (lang) => {
    const other = shape(texts(lang));
    expect(Object.keys(other).sort()).toEqual(Object.keys(english).sort());
    for (const key of Object.keys(english)) expect(`${key}: ${other[key]}`).toBe(`${key}: ${english[key]}`);
  });

  it('has no empty text where English has words', () => {
    for (const lang of LANGS) {
      const t: Catalogue = texts(lang);
      for (const [key, v] of Object.entries(t.choice)) expect(v, `${lang} choice.${key}`).not.toBe('');
      for (const [key, v] of Object.entries(t.category)) expect(v, `${lang} category.${key}`).not.toBe('');
      for (const [key, v] of Object.entries(t.faq)) expect(v, `${lang} faq.${key}`).not.toBe('');
    }
  });
});

describe('Welsh lists and numbers', () => {
  const cy = texts('cy');

  it('joins with "a", and "ac" before a vowel, mutating our own words after "a"', () => {
    expect(cy.join(['siopa', 'lifft'])).toBe('siopa a lifft');
    expect(cy.join(['siopa', 'ymweliad'])).toBe('siopa ac ymweliad');
    expect(cy.join(['siopa', 'lifft', 'casglu presgripsiwn'])).toBe('siopa, lifft a chasglu presgripsiwn');
    expect(cy.join(['lifft', 'pryd o fwyd'])).toBe('lifft a phryd o fwyd');
    // A person's own words are theirs: never mutated.
    expect(cy.join(['siopa', '"tacsi i\'r dre"'])).toBe('siopa a "tacsi i\'r dre"');
    expect(cy.join(['siopa'])).toBe('siopa');
  });

  it('mutates our own words after "gyda" and "am", never a person\'s', () => {
    expect(cy.followUp({ name: 'Gwen', what: 'casglu presgripsiwn' })).toBe('Wnaeth Gwen helpu gyda chasglu presgripsiwn?');
    expect(cy.followUp({ name: 'Gwen', what: '"taking the bins"' })).toBe('Wnaeth Gwen helpu gyda "taking the bins"?');
    expect(cy.matchCancelled({ what: 'galwad am sgwrs' })).toMatch(/^Does dim angen y cais am alwad am sgwrs bellach/);
    expect(cy.matchCancelled({ what: 'pryd o fwyd' })).toMatch(/y cais am bryd o fwyd/);
  });

  it('says "and N more" by the plural forms of Intl.PluralRules("cy")', () => {
    expect(new Intl.PluralRules('cy').resolvedOptions().pluralCategories.sort()).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    expect([1, 2, 3, 4, 6, 8, 11].map((count) => cy.andMore({ count }))).toEqual([
      'ac un arall',
      'a dau arall',
      'a thri arall',
      'a 4 arall',
      'a chwech arall',
      'ac 8 arall',
      'ac 11 arall',
    ]);
  });
});
