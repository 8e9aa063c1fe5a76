/**
 * Choice numbers as people type them: "2", "2.", "two", "1 and 3", "1,3", "3 n 4",
 * "NUMBER 1 AND NUMBER 2 PLEASE", and "13" meaning 1 and 3 when there is no choice
 * 13. Numbers count only at the start of a message ("2 and 3 but I can drive" picks 2
 * and 3; "a lift 2 the docs" picks nothing).
 */
import type { Analysed } from './text.js';

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  first: 1,
  two: 2,
  second: 2,
  three: 3,
  third: 3,
  four: 4,
  fourth: 4,
  five: 5,
  fifth: 5,
  six: 6,
  sixth: 6,
  seven: 7,
  seventh: 7,
  eight: 8,
  eighth: 8,
  nine: 9,
  ninth: 9,
  ten: 10,
  tenth: 10,
};

/** Words that may sit among choice numbers without changing them. */
const FILLERS = new Set([
  'and',
  'please',
  'thanks',
  'thank',
  'you',
  'also',
  'both',
  'number',
  'numbers',
  'no',
  'option',
  'options',
  'the',
  'just',
  'maybe',
  'then',
  'or',
  'ok',
  'k',
  'tidy',
  'lovely',
  'n',
  'love',
  'dear',
  'ta',
  'yes',
  'x',
  'for',
  'now',
  'only',
]);

/**
 * The choice numbers a message starts with, in the order given, without repeats;
 * null when it starts with none, or with a number out of range. `whole` is true when
 * nothing but numbers and fillers was sent.
 */
export function leadingChoices(a: Analysed, max: number): { numbers: number[]; whole: boolean; end: number } | null {
  const found: number[] = [];
  let end = -1;
  let clause = a.tokens[0]?.clause ?? 0;
  for (let i = 0; i < a.tokens.length; i++) {
    const t = a.tokens[i]!;
    if (t.clause !== clause && found.length > 0 && !isNumberish(t.word)) break;
    clause = t.clause;
    if (FILLERS.has(t.word) && found.length === 0 && t.word !== 'number') {
      // "tidy, 1 and 2": a word before the first number is allowed only if a filler.
      continue;
    }
    const value = t.kind === 'number' ? Number(t.word) : (NUMBER_WORDS[t.word] ?? null);
    if (value === null) {
      if (FILLERS.has(t.word)) continue;
      break;
    }
    if (t.kind === 'number' && t.word.length > 3) return null;
    if (value >= 1 && value <= max) found.push(value);
    else {
      // "13" on a keypad usually means "1 and 3" when there is no choice 13.
      const digits = t.kind === 'number' ? [...t.word].map(Number) : [];
      if (max < 10 && digits.length > 1 && digits.every((n) => n >= 1 && n <= max)) found.push(...digits);
      else return null;
    }
    end = i;
  }
  if (found.length === 0) return null;
  const whole = a.tokens.slice(end + 1).every((t) => FILLERS.has(t.word) || t.kind === 'emoji');
  return { numbers: [...new Set(found)], whole, end };
}

function isNumberish(word: string): boolean {
  return /^\d+$/.test(word) || word in NUMBER_WORDS || word === 'and' || word === 'n';
}
