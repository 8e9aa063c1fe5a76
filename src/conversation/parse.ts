/**
 * Reading what people type. People answer in their own words, on small keypads, in
 * a hurry: "2.", "two", "1 and 3", "shoping", "Yes please". Everything here is pure
 * and forgiving where forgiving is safe, and says "not understood" (null) otherwise.
 */
import { fix, isValid, parse as parsePostcode, validOutcode } from 'postcode';
import type { CategoryId } from '../domain/categories.js';

/** Trims, folds case and width, drops control characters and surrounding punctuation. */
export function normalise(text: string): string {
  return (
    text
      // Lone surrogates would make later string operations misbehave: drop them.
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^[\s.,!?;:'"()\-_*~]+|[\s.,!?;:'"()\-_*~]+$/g, '')
  );
}

/** Words and signs; "1,3" and "2." come apart into their numbers. */
function tokens(normalised: string): string[] {
  return normalised
    .replace(/\bno\.\s*(?=\d)/g, ' ')
    .split(/[\s,;/&+.()#:\-!?]+/)
    .filter((t) => t.length > 0);
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, first: 1,
  two: 2, second: 2, too: 2,
  three: 3, third: 3,
  four: 4, fourth: 4,
  five: 5, fifth: 5,
  six: 6, sixth: 6,
  seven: 7, seventh: 7,
  eight: 8, eighth: 8,
  nine: 9, ninth: 9,
  ten: 10, tenth: 10,
};

const FILLERS = new Set([
  'and', 'please', 'pls', 'plz', 'thanks', 'thank', 'you', 'ta', 'also', 'both', 'number', 'numbers',
  'option', 'options', 'the', 'i', 'id', "i'd", 'would', 'like', 'just', 'maybe', 'then', 'or', 'x', 'xx',
]);

/** Damerau-Levenshtein distance, capped: small strings only. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Whether a typed word is the expected word or a small slip of it. Words of up to four
 * letters must match exactly (too many real words sit one letter apart: teach, tech,
 * read, bread); longer ones forgive one slip, and words of eight letters or more two.
 * A slip never changes the first letter, which rules out most real-word lookalikes.
 */
export function sameWord(typed: string, expected: string): boolean {
  if (typed === expected) return true;
  if (expected.length < 5 || typed.length < 5 || typed[0] !== expected[0] || Math.abs(typed.length - expected.length) > 2) return false;
  const allowed = expected.length >= 8 ? 2 : 1;
  return editDistance(typed, expected) <= allowed;
}

function numberOf(token: string): number | null {
  if (/^\d{1,3}$/.test(token)) return Number(token);
  // Number words match exactly: "none" is one letter from "nine", "there" from "three".
  return NUMBER_WORDS[token] ?? null;
}

/**
 * Reads an answer made only of choice numbers ("2", "2.", "two", "1 and 3", "1,3",
 * "13" when there is no choice 13). Returns the numbers in the order given, without
 * repeats, or null when the answer holds anything else or a number out of range.
 */
export function parseNumbers(text: string, max: number): number[] | null {
  const found: number[] = [];
  const words = tokens(normalise(text));
  if (words.length === 0) return null;
  for (const word of words) {
    if (FILLERS.has(word)) continue;
    const value = numberOf(word);
    if (value === null) return null;
    if (value >= 1 && value <= max) {
      found.push(value);
      continue;
    }
    // "13" on a keypad usually means "1 and 3" when there is no choice 13.
    const digits = /^\d+$/.test(word) ? [...word].map(Number) : [];
    if (max < 10 && digits.length > 1 && digits.every((n) => n >= 1 && n <= max)) {
      found.push(...digits);
      continue;
    }
    return null;
  }
  if (found.length === 0) return null;
  return [...new Set(found)];
}

const YES = new Set([
  'yes', 'y', 'yeah', 'yea', 'yeh', 'yep', 'yup', 'ya', 'aye', 'ok', 'okay', 'k', 'sure', 'yes please', 'go on',
  'go ahead', 'correct', 'right', "that's right", 'thats right', 'fine', 'alright', 'all right', 'of course',
  'definitely', 'absolutely', 'please', 'yes thanks', 'yes thank you', 'ok thanks', 'lets go', "let's go", '👍',
]);
const NO = new Set([
  'no', 'n', 'nope', 'nah', 'na', 'no thanks', 'no thank you', 'not now', 'not yet', 'never', 'dont', "don't",
  'wrong', 'incorrect', 'not really', 'no way', 'not right', '👎',
]);

/** Reads a yes or a no in the many ways people say them; null when it is neither. */
export function parseYesNo(text: string): 'yes' | 'no' | null {
  const t = normalise(text);
  if (YES.has(t)) return 'yes';
  if (NO.has(t)) return 'no';
  const first = tokens(t)[0] ?? '';
  if (first === 'yes' || first === 'yeah' || first === 'yep') return 'yes';
  if (first === 'no' || first === 'nope' || first === 'nah') return 'no';
  if (/^y[es]{2,}$/.test(first) || first === 'yse' || first === 'ys') return 'yes';
  return null;
}

/** The words any member can send at any point (DESIGN.md). */
export type Keyword = 'stop' | 'start' | 'help' | 'menu' | 'volunteer' | 'pause' | 'resume' | 'mydata' | 'forgetme';

const KEYWORDS: Record<string, Keyword> = {
  stop: 'stop', stopall: 'stop', unsubscribe: 'stop', cancel: 'stop', end: 'stop', quit: 'stop',
  'stop please': 'stop', 'please stop': 'stop', 'stop messages': 'stop', 'stop texting me': 'stop',
  start: 'start', unstop: 'start',
  help: 'help', info: 'help',
  menu: 'menu', options: 'menu',
  volunteer: 'volunteer',
  pause: 'pause', 'take a break': 'pause',
  resume: 'resume', unpause: 'resume',
  'my data': 'mydata', mydata: 'mydata', 'my details': 'mydata',
  'forget me': 'forgetme', forgetme: 'forgetme', 'delete me': 'forgetme',
};

/**
 * Finds a global word: the whole message is the word, forgiving case, spacing, a
 * leading slash (Telegram commands, "/menu@valued_bot") and trailing punctuation.
 * Never fuzzy: "shop" must not become "stop".
 */
export function parseKeyword(text: string): Keyword | null {
  const t = normalise(text)
    .replace(/^\//, '')
    .replace(/@\w+$/, '');
  return KEYWORDS[t] ?? null;
}

/**
 * Finds the categories a person's own words mention ("someone to get my shoping"
 * finds shopping). Phrases match as phrases; single words forgive small typos.
 */
export function findCategories(text: string, words: Record<CategoryId, readonly string[]>): CategoryId[] {
  const t = normalise(text);
  const typed = tokens(t);
  const found: CategoryId[] = [];
  for (const [category, list] of Object.entries(words) as [CategoryId, readonly string[]][]) {
    const hit = list.some((w) =>
      w.includes(' ') ? ` ${t} `.includes(` ${w} `) : typed.some((token) => sameWord(token, w)),
    );
    if (hit) found.push(category);
  }
  return found;
}

const NAME_PREFIXES = /^(?:(?:hi|hello|hiya|hey)[\s,!.]+)?(?:my name is|my name's|my names|name is|name's|i am|i'm|im|it's|its|this is|call me|me is|they call me)\s+/u;
const NOT_NAMES = new Set([
  'yes', 'no', 'ok', 'okay', 'hello', 'hi', 'hey', 'help', 'need', 'want', 'please', 'thanks', 'what', 'why', 'who',
  'how', 'menu', 'stop', 'start', 'shopping', 'the', 'and',
]);
const SKIP_WORDS = new Set(['skip', 'pass', 'rather not', "i'd rather not", 'prefer not', 'prefer not to say', 'no name', 'anonymous', 'none', 'no thanks', 'not telling']);

/** Reads a first name ("I'm ann" gives "Ann"); `skip` when they would rather not say. */
export function parseName(text: string): { name: string } | 'skip' | null {
  const t = normalise(text);
  if (SKIP_WORDS.has(t)) return 'skip';
  const rest = t.replace(NAME_PREFIXES, '');
  const words = rest.split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 3) return null;
  const chosen = words.length === 3 ? words.slice(0, 1) : words;
  if (!chosen.every((w) => /^[\p{L}\p{M}][\p{L}\p{M}'-]*$/u.test(w))) return null;
  if (NOT_NAMES.has(chosen[0]!)) return null;
  const original = text.normalize('NFKC').trim().split(/\s+/);
  // Keep the person's own capitals when they used some (McDonald); otherwise tidy them.
  const display = chosen.map((w) => {
    const asTyped = original.find((o) => o.toLowerCase().replace(/[.,!]+$/, '') === w);
    if (asTyped && asTyped !== asTyped.toLowerCase() && asTyped !== asTyped.toUpperCase()) return asTyped.replace(/[.,!]+$/, '');
    return w.charAt(0).toUpperCase() + w.slice(1);
  });
  const name = display.join(' ');
  return name.length <= 30 ? { name } : null;
}

/** A place as precise as the member chose to give: a full postcode or just its outcode. */
export interface Place {
  postcode: string | null;
  outcode: string;
  sector: string | null;
}

/**
 * Reads a UK postcode anywhere in the message ("it's sa1 1aa", "SA11AA", "SA1 lAA"
 * with a letter l for a one). A lone outcode ("SA1") is accepted too: some people
 * would rather not give more, and it is enough to find help nearby.
 */
export function parsePlace(text: string): Place | 'skip' | null {
  const t = normalise(text);
  if (SKIP_WORDS.has(t) || t === 'no' || t === 'dont know' || t === "don't know") return 'skip';
  const squashed = t.replace(/[^a-z0-9]/g, '');
  // The inward code starts with a digit: a typed l, i or o there is a 1 or a 0.
  const digitFixed = squashed.replace(/^(.+)([lio])([a-z]{2})$/, (_m, out: string, d: string, unit: string) => `${out}${d === 'o' ? '0' : '1'}${unit}`);
  const candidates = [t, ...tokens(t), squashed, digitFixed];
  for (let i = 0; i + 1 < tokens(t).length; i++) candidates.push(`${tokens(t)[i]} ${tokens(t)[i + 1]}`);
  for (const candidate of candidates) {
    const fixed = fix(candidate);
    if (isValid(fixed)) {
      const p = parsePostcode(fixed);
      if (p.valid) return { postcode: p.postcode, outcode: p.outcode, sector: p.sector };
    }
  }
  // Just the outward code ("SA1"), sent on its own: enough to find help nearby.
  const words = tokens(t);
  if (words.length === 1 && /\d/.test(words[0]!) && validOutcode(words[0]!)) return { postcode: null, outcode: words[0]!.toUpperCase(), sector: null };
  return null;
}

/**
 * Whether words suggest someone may be in danger (see Catalogue.crisisWords). Phrases
 * match anywhere, as whole words; single long words forgive one slip ("suicde").
 */
export function soundsLikeCrisis(text: string, words: readonly string[]): boolean {
  const t = ` ${normalise(text).replace(/[^\p{L}\p{N}' -]+/gu, ' ').replace(/\s+/g, ' ')} `;
  const typed = t.trim().split(' ');
  return words.some((w) => {
    if (t.includes(` ${w} `)) return true;
    return !w.includes(' ') && w.length >= 6 && typed.some((token) => sameWord(token, w));
  });
}
