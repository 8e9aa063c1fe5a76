/**
 * Named matchers over an analysed message, the way goflow's routers read replies
 * (has_any_word, has_phrase, has_number_between): each small, documented and tested,
 * with the words themselves kept as data in the lexicon.
 *
 * A phrase is written as words separated by spaces. Each slot may list alternatives
 * with `|` ("can|could"), end in `?` to be optional ("a?"), be `*` for any one word,
 * `**` for up to five words, or `#` for any number. A slot matches a token when it
 * equals the word as meant or its dictionary form ("knit" matches "knitting"); an
 * alternative written `=tablet` matches that exact word only (not "tablets").
 *
 * @example compile('i can|could knit|sew').test(analyse('I could sew a bit'))  // true
 */
import type { Analysed, Token } from './text.js';

type Slot =
  | { kind: 'words'; words: ReadonlySet<string>; exact: ReadonlySet<string>; optional: boolean }
  | { kind: 'any'; min: number; max: number }
  | { kind: 'number'; optional: boolean };

/** Where a phrase was found: token indexes, `end` inclusive. */
export interface Found {
  start: number;
  end: number;
}

/** A compiled phrase: compile once (lexicons are compiled at load), test many times. */
export class Phrase {
  /** Words the phrase must start with, for the index (null: it may start with anything). */
  readonly firstWords: ReadonlySet<string> | null;
  readonly slots: readonly Slot[];
  constructor(readonly source: string) {
    this.slots = source
      .trim()
      .split(/\s+/)
      .map((part): Slot => {
        if (part === '*') return { kind: 'any', min: 1, max: 1 };
        if (part === '**') return { kind: 'any', min: 0, max: 5 };
        const optional = part.endsWith('?') && part.length > 1;
        const body = optional ? part.slice(0, -1) : part;
        if (body === '#') return { kind: 'number', optional };
        const alternatives = body.split('|');
        return {
          kind: 'words',
          words: new Set(alternatives.filter((w) => !w.startsWith('='))),
          exact: new Set(alternatives.filter((w) => w.startsWith('=')).map((w) => w.slice(1))),
          optional,
        };
      });
    const first = this.slots[0];
    this.firstWords = first && first.kind === 'words' && !first.optional ? new Set([...first.words, ...first.exact]) : null;
  }

  /** Matches the phrase starting at token `i`; the last token index used, or null. */
  at(a: Analysed, i: number, to = a.tokens.length - 1): number | null {
    const end = this.matchAt(a.tokens, i, 0, to);
    return end !== null && end >= i ? end : null;
  }

  /** Every place the phrase occurs (not overlapping the same start twice). */
  findAll(a: Analysed, from = 0, to = a.tokens.length - 1): Found[] {
    const found: Found[] = [];
    for (let i = from; i <= to; i++) {
      const end = this.matchAt(a.tokens, i, 0, to);
      if (end !== null && end >= i) found.push({ start: i, end });
    }
    return found;
  }

  /** The first place the phrase occurs, or null. */
  find(a: Analysed, from = 0, to = a.tokens.length - 1): Found | null {
    for (let i = from; i <= to; i++) {
      const end = this.matchAt(a.tokens, i, 0, to);
      if (end !== null && end >= i) return { start: i, end };
    }
    return null;
  }

  test(a: Analysed, from?: number, to?: number): boolean {
    return this.find(a, from, to) !== null;
  }

  /** Matches slots from `s` at token `i`; returns the last token index used, or null. */
  private matchAt(tokens: readonly Token[], i: number, s: number, to: number): number | null {
    if (s === this.slots.length) return i - 1;
    const slot = this.slots[s]!;
    if (slot.kind === 'any') {
      for (let n = slot.min; n <= slot.max; n++) {
        if (i + n - 1 > to) break;
        const end = this.matchAt(tokens, i + n, s + 1, to);
        if (end !== null) return end;
      }
      return null;
    }
    const token = i <= to ? tokens[i] : undefined;
    const fits =
      token !== undefined &&
      (slot.kind === 'number' ? token.kind === 'number' : slot.words.has(token.word) || slot.words.has(token.lemma) || slot.exact.has(token.word));
    if (fits) {
      const end = this.matchAt(tokens, i + 1, s + 1, to);
      if (end !== null) return end;
    }
    return slot.optional ? this.matchAt(tokens, i, s + 1, to) : null;
  }
}

/** Compiles phrases once. */
export function compile(source: string): Phrase {
  return new Phrase(source);
}

/**
 * A named list of phrases, compiled once, with an index from first words to phrases so
 * a message is read in one pass whatever the size of the list.
 */
export class PhraseList {
  readonly phrases: readonly Phrase[];
  private readonly byFirst = new Map<string, number[]>();
  private readonly anyFirst: number[] = [];

  constructor(sources: readonly string[]) {
    this.phrases = sources.map(compile);
    this.phrases.forEach((p, n) => {
      if (!p.firstWords) this.anyFirst.push(n);
      else for (const w of p.firstWords) this.byFirst.set(w, [...(this.byFirst.get(w) ?? []), n]);
    });
  }

  /** Every occurrence of any phrase, in the order of the list, then of the message. */
  findAll(a: Analysed, from = 0, to = a.tokens.length - 1): (Found & { phrase: Phrase; index: number })[] {
    const found: (Found & { phrase: Phrase; index: number })[] = [];
    to = Math.min(to, a.tokens.length - 1);
    for (let i = Math.max(0, from); i <= to; i++) {
      const t = a.tokens[i]!;
      const byWord = this.byFirst.get(t.word);
      const byLemma = t.lemma === t.word ? undefined : this.byFirst.get(t.lemma);
      const candidates = byLemma || this.anyFirst.length ? new Set([...(byWord ?? []), ...(byLemma ?? []), ...this.anyFirst]) : (byWord ?? []);
      for (const n of candidates) {
        const phrase = this.phrases[n]!;
        const end = phrase.at(a, i, to);
        if (end !== null) found.push({ start: i, end, phrase, index: n });
      }
    }
    return found.sort((x, y) => x.index - y.index || x.start - y.start);
  }

  find(a: Analysed, from?: number, to?: number): (Found & { phrase: Phrase; index: number }) | null {
    return this.findAll(a, from, to)[0] ?? null;
  }

  test(a: Analysed, from?: number, to?: number): boolean {
    return this.findAll(a, from, to).length > 0;
  }
}

/** has_any_word: whether any token (as meant, or its dictionary form) is one of `words`. */
export function hasAnyWord(a: Analysed, words: ReadonlySet<string>, from = 0, to = a.tokens.length - 1): boolean {
  for (let i = from; i <= to; i++) {
    const t = a.tokens[i]!;
    if (words.has(t.word) || words.has(t.lemma)) return true;
  }
  return false;
}

/** has_number_between: the numbers in the message that lie in [min, max]. */
export function numbersBetween(a: Analysed, min: number, max: number): number[] {
  return a.tokens
    .filter((t) => t.kind === 'number')
    .map((t) => Number(t.word))
    .filter((n) => n >= min && n <= max);
}

/** Token indexes of one clause, first and last. */
export function clauseRange(a: Analysed, clause: number): { from: number; to: number } | null {
  let from = -1;
  let to = -1;
  a.tokens.forEach((t, i) => {
    if (t.clause === clause) {
      if (from < 0) from = i;
      to = i;
    }
  });
  return from < 0 ? null : { from, to };
}

/**
 * Damerau-Levenshtein distance between two short strings (a typo's distance from the
 * word meant: "shoping" is one from "shopping").
 */
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
 * Whether a typed word is a slip of `expected`. Only a word that is not itself a real
 * word may be read as another ("lovely" is never "lonely", "Stoke" never "stroke"):
 * `known` says which words are real. Words under five letters must match exactly;
 * longer ones forgive one slip, eight letters or more two; the first letter holds.
 */
export function isSlipOf(typed: string, expected: string, known: (word: string) => boolean): boolean {
  if (typed === expected) return true;
  if (known(typed)) return false;
  if (expected.length < 5 || typed.length < 5 || typed[0] !== expected[0] || Math.abs(typed.length - expected.length) > 2) return false;
  return editDistance(typed, expected) <= (expected.length >= 8 ? 2 : 1);
}
