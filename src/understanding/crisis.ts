/**
 * Crisis, graded. Three outcomes: clear danger (the person gets the numbers to call
 * and a coordinator an urgent alert), possible distress (a gentle "are you safe right
 * now?"), and none. The kind (self, medical, abuse) decides which numbers are given.
 *
 * Signs add up: a danger phrase alone is danger, a possible phrase alone is possible,
 * and weaker signs (a means named, a goodbye, not eating since a loss) count by their
 * group, so that two of them together may be enough (see the lexicon's `signs`).
 *
 * Never fuzzy: phrases match exactly on words as meant and their dictionary forms.
 * Idiom is taken out before looking ("dying for a cuppa", "my hip is killing me"), a
 * phrase inside a negation does not count ("I'm not suicidal"), medical words said of
 * the past are history ("I had a stroke last year"), and a phrase may name words that
 * show it means something else ("don't want to be here ~ flat").
 */
import type { CrisisKind, Lexicon } from './lexicon/types.js';
import { compile, PhraseList, type Phrase } from './matchers.js';
import type { Analysed } from './text.js';

export type CrisisGrade = 'none' | 'possible' | 'danger';

export interface CrisisReading {
  grade: CrisisGrade;
  kind: CrisisKind | null;
  /** The words that gave it away, as typed (for the coordinator). */
  words: string | null;
}

export const NO_CRISIS: CrisisReading = { grade: 'none', kind: null, words: null };

interface Entry {
  /** Words (or phrases, when they have spaces) that show it means something else. */
  unlessWords: ReadonlySet<string>;
  unlessPhrases: readonly Phrase[];
  /** Counts even inside a negation ("not going to do anything silly"). */
  evenNegated: boolean;
  kind: CrisisKind;
  /** Signs of one group count once: "danger" and "possible" phrases, or a sign group. */
  group: string;
  weight: number;
}

/** Order of kinds when several weigh the same: danger to life from others and the body first. */
const KINDS: readonly CrisisKind[] = ['abuse', 'medical', 'self'];

/** A danger phrase alone is danger; a possible phrase alone, or signs adding up to it, possible. */
export const DANGER_WEIGHT = 4;
export const POSSIBLE_WEIGHT = 2;

export class CrisisReader {
  private readonly entries: Entry[] = [];
  /** Every phrase of every grade, kind and sign group in one list, in the order of `entries`. */
  private readonly phrases: PhraseList;
  private readonly idioms: PhraseList;
  private readonly history: PhraseList;
  private readonly recent: PhraseList;

  constructor(lexicon: Lexicon) {
    const sources: string[] = [];
    const add = (source: string, kind: CrisisKind, group: string, weight: number) => {
      const [body = '', unless = ''] = source.split('~');
      const alternatives = unless.trim().split('|').filter(Boolean);
      const evenNegated = body.trim().startsWith('!');
      sources.push(body.trim().replace(/^!/, ''));
      this.entries.push({
        unlessWords: new Set(alternatives.filter((w) => !w.includes(' '))),
        unlessPhrases: alternatives.filter((w) => w.includes(' ')).map(compile),
        evenNegated,
        kind,
        group,
        weight,
      });
    };
    for (const kind of KINDS) {
      for (const source of lexicon.crisis.danger[kind]) add(source, kind, 'danger', DANGER_WEIGHT);
      for (const source of lexicon.crisis.possible[kind]) add(source, kind, 'possible', POSSIBLE_WEIGHT);
      for (const [group, { weight, phrases }] of Object.entries(lexicon.crisis.signs[kind])) for (const source of phrases) add(source, kind, group, weight);
    }
    this.phrases = new PhraseList(sources);
    this.idioms = new PhraseList(lexicon.crisis.idioms);
    this.history = new PhraseList(lexicon.crisis.history);
    this.recent = new PhraseList(lexicon.crisis.recent);
  }

  /** Tokens inside idiom, which are not read for crisis. */
  idiomTokens(a: Analysed): Set<number> {
    const masked = new Set<number>();
    for (const f of this.idioms.findAll(a)) for (let i = f.start; i <= f.end; i++) masked.add(i);
    return masked;
  }

  /**
   * The grade is the weight of the signs of the kind that weighs most: each group
   * counts once, at its weight. The words given for the coordinator are those of the
   * heaviest signs, in the order they were written.
   */
  read(a: Analysed): CrisisReading & { tokens: Set<number> } {
    const masked = this.idiomTokens(a);
    const words = new Set(a.tokens.flatMap((t) => [t.word, t.lemma]));
    const historic = this.history.test(a) && !this.recent.test(a);
    const found = new Map<CrisisKind, Map<string, { weight: number; start: number; end: number }>>();
    for (const f of this.phrases.findAll(a)) {
      const e = this.entries[f.index]!;
      if (e.kind === 'medical' && historic) continue;
      if ([...e.unlessWords].some((w) => words.has(w)) || e.unlessPhrases.some((p) => p.test(a))) continue;
      let covered = false;
      for (let i = f.start; i <= f.end; i++) if (masked.has(i)) covered = true;
      if (covered) continue;
      if (!e.evenNegated && a.tokens[f.start]!.negated) continue;
      const groups = found.get(e.kind) ?? new Map<string, { weight: number; start: number; end: number }>();
      found.set(e.kind, groups);
      const before = groups.get(e.group);
      if (!before || before.weight < e.weight) groups.set(e.group, { weight: e.weight, start: f.start, end: f.end });
    }
    let best: { kind: CrisisKind; weight: number } | null = null;
    for (const kind of KINDS) {
      const groups = found.get(kind);
      if (!groups) continue;
      const weight = [...groups.values()].reduce((sum, g) => sum + g.weight, 0);
      if (!best || weight > best.weight) best = { kind, weight };
    }
    if (!best || best.weight < POSSIBLE_WEIGHT) return { ...NO_CRISIS, tokens: new Set() };
    // Every sign's words are set aside (not read as needs or questions), of every kind.
    const tokens = new Set<number>();
    for (const groups of found.values()) for (const g of groups.values()) for (let i = g.start; i <= g.end; i++) tokens.add(i);
    const shown = [...found.get(best.kind)!.values()]
      .sort((x, y) => y.weight - x.weight)
      .slice(0, 2)
      .sort((x, y) => x.start - y.start)
      .map((g) => a.text.slice(a.tokens[g.start]!.start, a.tokens[g.end]!.end));
    return { grade: best.weight >= DANGER_WEIGHT ? 'danger' : 'possible', kind: best.kind, words: shown.join(' … '), tokens };
  }
}
