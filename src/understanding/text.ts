/**
 * A message made ready to read: words as people mean them ("cant" is "can not", "u"
 * is "you", "2moro" is "tomorrow"), each with its dictionary form from the NLP
 * library ("knitting" reads as "knit"), where a negation reaches, and where the
 * clauses of the message begin and end. Everything that reads people's words
 * (matchers, crisis, needs and gifts) works on this, so they all read alike.
 *
 * Pure: the same text always gives the same result.
 */
import type { Lemmatiser } from './lemma.js';

/** One word, number or sign of a message. */
export interface Token {
  /** As typed, folded to lower case (straight apostrophes). */
  raw: string;
  /** The word as meant: slang and contractions expanded, one word per token. */
  word: string;
  /** The dictionary form ("knit" for "knitting"); the word itself when there is none. */
  lemma: string;
  kind: 'word' | 'number' | 'emoji' | 'break';
  /** Inside the reach of a "not", "no" or "never" before it in the same clause. */
  negated: boolean;
  /** Inside the reach of "can not" or "could not": something they are unable to do ("I can't drive"). */
  unable: boolean;
  /** Inside the reach of "have no" or "got no": something they are without ("I've got no food in"). */
  lacking: boolean;
  /** Which clause it belongs to (0, 1, 2...). */
  clause: number;
  /** Where it came from in the original text, to keep people's own words. */
  start: number;
  end: number;
}

export interface Analysed {
  /** The original text, NFKC-normalised, control characters gone. */
  text: string;
  /** Word, number and emoji tokens (breaks removed), in order. */
  tokens: Token[];
  /** How many clauses there are. */
  clauses: number;
}

/** Words that split one thought from the next ("I need shopping but I can knit"). */
const CLAUSE_WORDS = new Set(['but', 'and', 'also', 'plus', 'though', 'although', 'because', 'or', 'n', 'whereas', 'however', 'otherwise']);
/** "so" joins two thoughts only before a subject ("so I can't drive"), not "so lonely". */
const SUBJECTS = new Set(['i', 'we', 'he', 'she', 'they', 'it', 'that', 'you', 'the', 'my', 'there', 'if', 'theres', 'this']);
/** Words after which a negation stops: a new subject starts a new thought ("I don't need help I want to help"). */
const NEW_SUBJECT = new Set(['i', 'we', 'he', 'she', 'they']);
/** "No" is an answer, not a negation, before these ("No I said", "no thanks"). */
const AFTER_ANSWER_NO = new Set([
  'i',
  'he',
  'she',
  'they',
  'we',
  'it',
  'you',
  'thanks',
  'thank',
  'that',
  'sorry',
  'not',
  'problem',
  'worries',
  'bother',
  'probs',
  'trouble',
]);
/** Words that start the reach of a negation. */
const NEGATORS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'without', 'nor', 'neither', 'hardly', 'barely', 'nowhere']);
/** A negation reaches this many words at most. */
const NEGATION_REACH = 5;
/** Words that end a negation's reach early ("not a burden, just lonely"). */
const NEGATION_STOPS = new Set(['but', 'just', 'though', 'only', 'except']);

const EMOJI = /\p{Extended_Pictographic}/u;

/** Lone surrogates would make later string operations misbehave: drop them. */
function clean(text: string): string {
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\p{Cc}\p{Cf}]/gu, (c) => (c === '\n' ? '\n' : ' '));
}

interface RawToken {
  text: string;
  start: number;
  end: number;
  kind: 'word' | 'number' | 'emoji' | 'break';
}

/** Splits into words (letters, digits, inner apostrophes), numbers, emoji and clause breaks. */
function split(text: string): RawToken[] {
  const out: RawToken[] = [];
  const pattern =
    /([\p{L}\p{M}\p{N}]+(?:['][\p{L}\p{M}\p{N}]+)*)|(\p{Extended_Pictographic}(?:\uFE0F|\u200D\p{Extended_Pictographic})*)|([.!?;:,\n()[\]{}"&+/]|\s-\s|\s-|-\s)/gu;
  for (const m of text.matchAll(pattern)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1] !== undefined) {
      // "YES2474", "y4408": an answer and a request code typed as one word.
      const glued = /^([a-z]{1,4})(\d{4})$/i.exec(m[1]);
      if (glued) {
        out.push({ text: glued[1]!, start, end: start + glued[1]!.length, kind: 'word' });
        out.push({ text: glued[2]!, start: start + glued[1]!.length, end, kind: 'number' });
      } else out.push({ text: m[1], start, end, kind: /^\d+$/.test(m[1]) ? 'number' : 'word' });
    } else if (m[2] !== undefined) out.push({ text: m[2], start, end, kind: 'emoji' });
    else out.push({ text: m[0].trim() || m[0], start, end, kind: 'break' });
  }
  return out;
}

/**
 * Turns typed words into meant words. `slang` maps one typed word to one or more
 * meant words ("im" to "i am"); words ending in "n't" or "nt" after an auxiliary
 * ("didnt", "couldn't") become the auxiliary and "not".
 */
function expand(raw: string, slang: Readonly<Record<string, string>>): string[] {
  const direct = slang[raw];
  if (direct !== undefined) return direct === '' ? [] : direct.split(' ');
  const nt = /^(do|does|did|is|are|was|were|has|have|had|could|would|should|must|might|need|dare)n'?t$/.exec(raw);
  if (nt) return [nt[1]!, 'not'];
  // "Margaret's" is Margaret: the possessive is not a word of its own here.
  if (/^[\p{L}]+'s$/u.test(raw)) return [raw.slice(0, -2)];
  return [raw.replace(/'/g, '')];
}

/** Reads a message into tokens. `lemmatise` gives dictionary forms; `slang` the word map. */
export function analyse(input: string, slang: Readonly<Record<string, string>>, lemmatise: Lemmatiser): Analysed {
  const text = clean(input).slice(0, 4000);
  const tokens: Token[] = [];
  let clause = 0;
  let breakPending = false;
  const raws = split(text);
  raws.forEach((r, k) => {
    if (r.kind === 'break') {
      breakPending = true;
      return;
    }
    const raw = r.text.toLowerCase();
    const words = r.kind === 'word' ? expand(raw, slang) : [raw];
    const next = raws[k + 1]?.text.toLowerCase() ?? '';
    for (const word of words) {
      const startsClause = r.kind === 'word' && (CLAUSE_WORDS.has(word) || (word === 'so' && (SUBJECTS.has(next) || /^(i'|im$|ive$|id$)/.test(next))));
      if ((breakPending || startsClause) && tokens.length > 0) clause++;
      breakPending = false;
      tokens.push({
        raw,
        word,
        lemma: r.kind === 'word' && /^[a-z]+$/.test(word) ? lemmatise(word) : word,
        kind: r.kind === 'emoji' || EMOJI.test(word) ? 'emoji' : r.kind === 'number' ? 'number' : 'word',
        negated: false,
        unable: false,
        lacking: false,
        clause,
        start: r.start,
        end: r.end,
      });
    }
  });
  markNegation(tokens);
  return { text, tokens, clauses: tokens.length === 0 ? 0 : clause + 1 };
}

function markNegation(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (!NEGATORS.has(tokens[i]!.word)) continue;
    if (tokens[i]!.word === 'no' && AFTER_ANSWER_NO.has(tokens[i + 1]?.word ?? '')) continue;
    const unable = tokens[i]!.word === 'not' && ['can', 'could'].includes(tokens[i - 1]?.word ?? '');
    const lacking = tokens[i]!.word === 'no' && ['have', 'got', 'has', 'had', 'with', 'left'].includes(tokens[i - 1]?.word ?? '');
    for (let j = i + 1; j < tokens.length && j <= i + NEGATION_REACH; j++) {
      const t = tokens[j]!;
      if (t.clause !== tokens[i]!.clause || NEGATION_STOPS.has(t.word) || (j > i + 1 && NEW_SUBJECT.has(t.word))) break;
      t.negated = true;
      if (unable) t.unable = true;
      if (lacking) t.lacking = true;
    }
  }
}

/** The person's own words for tokens `from` to `to` (inclusive), exactly as typed. */
export function ownWords(a: Analysed, from: number, to: number): string {
  const first = a.tokens[from];
  const last = a.tokens[to];
  if (!first || !last) return '';
  return a.text.slice(first.start, last.end).replace(/\s+/g, ' ').trim();
}
