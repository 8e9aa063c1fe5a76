/**
 * What a coordinator typed in the People search box, read as one kind of search: a
 * postcode or its first half, the last four digits of a number, a whole number, or
 * else a first name. Pure, so every reading is a table-tested case.
 */
import { parse as parsePostcode, validOutcode } from 'postcode';
import type { PeopleQuery } from '../store/people.repository.js';

export type ReadQuery = { query: PeopleQuery } | { error: string };

/** The forms a whole UK mobile number may be typed in, as stored (+44...) and as typed. */
function numberForms(typed: string): string[] {
  const compact = typed.replace(/[\s()-]/g, '');
  const forms = new Set([compact]);
  if (/^0\d{9,10}$/.test(compact)) forms.add(`+44${compact.slice(1)}`);
  if (/^44\d{9,10}$/.test(compact)) forms.add(`+${compact}`);
  if (/^\+\d+$/.test(compact)) forms.add(compact.slice(1));
  return [...forms];
}

export function readPeopleQuery(typed: string): ReadQuery {
  const text = typed.trim().replace(/\s+/g, ' ');
  if (text === '') return { error: 'Enter a first name, a postcode or the last 4 digits of their number' };
  if (text.length > 60) return { error: 'Search must be 60 characters or fewer' };
  const digits = text.replace(/[\s()+-]/g, '');
  if (/^\d+$/.test(digits)) {
    if (digits.length === 4) return { query: { kind: 'tail', digits } };
    if (digits.length >= 7) return { query: { kind: 'number', addresses: numberForms(text) } };
    return { error: 'Enter the last 4 digits of their number, or the whole number' };
  }
  const postcode = parsePostcode(text);
  if (postcode.valid) return { query: { kind: 'postcode', postcode: postcode.postcode } };
  const outcode = text.replace(/\s/g, '').toUpperCase();
  if (/\d/.test(outcode) && validOutcode(outcode)) return { query: { kind: 'outcode', outcode } };
  if (!/^[\p{L}][\p{L}' .-]*$/u.test(text)) return { error: 'Enter a first name using letters only, a postcode or the last 4 digits of their number' };
  return { query: { kind: 'name', name: text } };
}

/** How a search is described back: "first name Sian", "postcode SA1 1AA". */
export function describeQuery(query: PeopleQuery): string {
  switch (query.kind) {
    case 'name':
      return `first name “${query.name}”`;
    case 'postcode':
      return `postcode ${query.postcode}`;
    case 'outcode':
      return `postcode area ${query.outcode}`;
    case 'tail':
      return `a number ending ${query.digits}`;
    case 'number':
      return 'that number';
  }
}
