/**
 * First names as people give them: "I'm Ann", "its margaret love", "Dave here",
 * "Mrs Jones but call me Betty", "Mohammed, but Mo is fine", a sign-off ("Thanks,
 * Harold", "From Joan"). When asked for their name, the first word that can be a
 * name is taken; otherwise only a name said as one.
 */
import type { Lexicon } from './lexicon/types.js';
import { compile, type Phrase } from './matchers.js';
import type { Analysed, Token } from './text.js';

const TITLES = new Set(['mrs', 'mr', 'miss', 'ms', 'dr', 'mx', 'sir', 'dame', 'rev', 'nurse', 'sister', 'sr', 'brother', 'father', 'fr']);
/** Titles that go before a first name ("Sister Agnes"), not a surname ("Mrs Jones"). */
const FIRST_NAME_TITLES = new Set(['sister', 'sr', 'brother', 'father', 'fr', 'sir', 'dame']);

/** Words before "from" that make what follows a place, not a sign-off. */
const PLACE_BEFORE_FROM = new Set([
  'down',
  'up',
  'over',
  'back',
  'away',
  'moved',
  'came',
  'come',
  'originally',
  'am',
  'is',
  'are',
  'was',
  'were',
  'live',
  'lived',
  'born',
  'bred',
  'here',
  'far',
  'miles',
  'mile',
  'walk',
]);

export class NameReader {
  private readonly notNames: ReadonlySet<string>;
  /** "call me Betty", "Mo is fine", "first name Irene": the name they want used. */
  private readonly preferred: Phrase[];
  /** "my name is", "I'm", "its", "this is", "from": a name follows. */
  private readonly before: Phrase[];

  private readonly lexiconNotNames: ReadonlySet<string>;

  constructor(
    lexicon: Lexicon,
    private readonly categoryWords: ReadonlySet<string>,
  ) {
    this.notNames = new Set([...lexicon.notNames, ...categoryWords]);
    this.lexiconNotNames = new Set(lexicon.notNames);
    this.preferred = ['call me', 'calls me', 'first name', 'first name is', 'she is', 'he is', 'known as'].map(compile);
    this.before = lexicon.nameFrames.map(compile);
  }

  private usable(t: Token | undefined, capitalised = false): boolean {
    if (!t || t.kind !== 'word') return false;
    // A word the slang map changed ("im", "u") is not a name someone typed; but asked
    // their name, "Yas" with a capital is Yas, not "yes".
    const typed = t.raw.replace(/'/g, '').toLowerCase();
    if (typed !== t.word && !/^[\p{L}]+'s$/u.test(t.raw)) {
      return capitalised && /^[\p{L}]{3,19}$/u.test(typed) && !this.notNames.has(typed) && !TITLES.has(typed);
    }
    // "Bill" typed with a capital, when asked for a name, is a name, not a bill.
    const never = this.notNames.has(t.word) && !(capitalised && this.categoryWords.has(t.word) && !this.lexiconNotNames.has(t.word));
    return /^[\p{L}][\p{L}\p{M}'-]{1,19}$/u.test(t.word) && !never && !TITLES.has(t.word);
  }

  /**
   * Past a title: "Sister Agnes" is Agnes; "Mrs Doreen Kelly" is Doreen; "Mrs Jones"
   * is a surname, so the name is the word after it ("Mr Hart. Dennis").
   */
  private afterTitle(a: Analysed, i: number): number {
    const title = a.tokens[i]?.word ?? '';
    if (!TITLES.has(title)) return i;
    if (FIRST_NAME_TITLES.has(title)) return i + 1;
    const next = a.tokens[i + 1];
    const after = a.tokens[i + 2];
    const capital = (t: Token | undefined) => t !== undefined && /^\p{Lu}/u.test(a.text.slice(t.start, t.end));
    if (next && after && next.clause === after.clause && next.clause === a.tokens[i]!.clause && capital(next) && capital(after)) return i + 1;
    return i + 2;
  }

  /**
   * The name in a message, as the person typed it, or null. `asked`: we asked for it.
   * Words in `skip` (crisis words: "nobody would miss me") are never a name.
   */
  find(a: Analysed, asked: boolean, skip: ReadonlySet<number> = new Set()): string | null {
    const tokens = a.tokens.map((t, i) => (skip.has(i) ? { ...t, kind: 'break' as const } : t));
    // Unasked, a name is one typed with a capital (people capitalise names; "i am
    // ringing" is not a name).
    const usable = (t: Token | undefined) => this.usable(t) && (asked || /^\p{Lu}/u.test(a.text.slice(t!.start, t!.end)));
    a = { ...a, tokens };
    for (const p of this.preferred) {
      if (!asked && (p.source === 'she is' || p.source === 'he is')) continue;
      for (const f of p.findAll(a)) {
        const t = tokens[f.end + 1];
        if (usable(t)) return display(a, t!);
      }
    }
    // "Mohammed, but Mo is fine"
    for (let i = 1; i + 2 < tokens.length; i++) {
      if (tokens[i + 1]!.word === 'is' && ['fine', 'ok', 'good'].includes(tokens[i + 2]!.word) && usable(tokens[i])) return display(a, tokens[i]!);
    }
    for (const p of this.before) {
      for (const f of p.findAll(a)) {
        const i = this.afterTitle(a, f.end + 1);
        const t = tokens[i];
        if (!usable(t)) continue;
        // Unasked, "i am" is a name only when the next word ends the thought ("I am 82 and").
        const next = tokens[i + 1];
        if (!asked && p.source === 'i am' && next && next.clause === t!.clause && !['here', 'x'].includes(next.word)) continue;
        return display(a, t!);
      }
    }
    // "Dave here"
    const here = this.afterTitle(a, 0);
    if (tokens[here + 1]?.word === 'here' && usable(tokens[here])) return display(a, tokens[here]!);
    if (asked) {
      // "Mrs Jones" and nothing else: that is what to call her.
      const first = tokens[0];
      if (first && TITLES.has(first.word) && !FIRST_NAME_TITLES.has(first.word) && tokens.length === 2 && this.usable(tokens[1], true)) {
        return `${a.text.slice(first.start, first.end).replace(/^./, (c) => c.toUpperCase())} ${display(a, tokens[1]!)}`;
      }
      // "Mr Hart. Dennis": a title and surname, then the name.
      let i = this.afterTitle(a, 0);
      if (i > 0 && tokens[i] && tokens[i]!.clause === tokens[0]!.clause) i = tokens.findIndex((t, j) => j >= i && t.clause !== tokens[0]!.clause);
      const t = i >= 0 ? tokens[i] : undefined;
      // A name comes in a short first thought ("Margaret x sorry took a while"); a long run of words is not one.
      const short = t !== undefined && tokens.filter((o) => o.clause === t.clause && o.kind === 'word').length <= 10;
      // A typed word the slang map made into several ("Dont") is never the name.
      const single = t !== undefined && tokens.filter((o) => o.start === t.start).length === 1;
      if (t && short && this.usable(t, single && /^\p{Lu}/u.test(a.text.slice(t.start, t.end)))) return display(a, t);
    }
    // A sign-off: a name on its own at the end, after thanks ("Thank you. Harold"), or
    // after "regards" or "from" ("Regards, Dorothy Evans (Mrs)").
    const lastClause = tokens[tokens.length - 1]?.clause;
    const signOff = tokens.findIndex((t) => t.clause === lastClause);
    const first = tokens[signOff];
    const before = tokens[signOff - 1];
    const capital = (t: Token) => /^\p{Lu}/u.test(a.text.slice(t.start, t.end));
    if (first && before && capital(first) && this.usable(first) && tokens.length - signOff <= 3) {
      if (['thanks', 'thank', 'you', 'regards', 'love', 'from', 'bless', 'her', 'him', 'cheers', 'x'].includes(before.word)) return display(a, first);
    }
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (!['regards', 'from', 'love', 'sincerely', 'faithfully'].includes(tokens[i]!.word) || tokens.length - i > 5) continue;
      // "From Agnes x" signs off; "moved down from Glasgow", "I'm from Leeds" say where.
      if (tokens[i]!.word === 'from' && PLACE_BEFORE_FROM.has(tokens[i - 1]?.word ?? '')) continue;
      const n = this.afterTitle(a, i + 1);
      if (tokens[n] && capital(tokens[n]) && this.usable(tokens[n])) return display(a, tokens[n]);
    }
    // "God bless you all. Sister Philomena, Anfield.", "Mrs Doreen Kelly, L4 2SE": a titled name.
    for (let i = 0; i + 1 < tokens.length; i++) {
      if (!TITLES.has(tokens[i]!.word) || !capital(tokens[i]!)) continue;
      const n = this.afterTitle(a, i);
      if (n === i + 1 && tokens[n] && capital(tokens[n]) && this.usable(tokens[n])) return display(a, tokens[n]);
    }
    return null;
  }
}

/** The name as typed, joined names whole ("Mary-Jane"); all lower or all capitals are tidied ("margaret", "JEAN" to "Margaret", "Jean"). */
function display(a: Analysed, t: Token): string {
  const joined = /^-[\p{L}]+/u.exec(a.text.slice(t.end))?.[0] ?? '';
  const typed = a.text.slice(t.start, t.end + joined.length).replace(/'s$/, '');
  if (joined)
    return typed
      .split('-')
      .map((part) => (part === part.toLowerCase() || part === part.toUpperCase() ? part.charAt(0).toUpperCase() + part.slice(1).toLowerCase() : part))
      .join('-');
  if (typed === typed.toLowerCase() || typed === typed.toUpperCase()) return typed.charAt(0).toUpperCase() + typed.slice(1).toLowerCase();
  return typed;
}
