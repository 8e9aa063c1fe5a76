/**
 * Crisis, graded. Three outcomes: clear danger (the person gets the numbers to call
 * and a coordinator an urgent alert), possible distress (a gentle "are you safe right
 * now?"), and none. The kind (self, medical, abuse) decides which numbers are given.
 *
 * Never fuzzy: phrases match exactly on words as meant and their dictionary forms.
 * Idiom is taken out before looking ("dying for a cuppa", "my hip is killing me"), a
 * phrase inside a negation does not count ("I'm not suicidal"), medical words said of
 * the past are history ("I had a stroke last year"), and a phrase may name words that
 * show it means something else ("don't want to be here ~ flat").
 */
import type { CrisisKind, Lexicon } from './lexicon/types.js';
import { PhraseList } from './matchers.js';
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
  unless: ReadonlySet<string>;
  /** Counts even inside a negation ("not going to do anything silly"). */
  evenNegated: boolean;
  grade: Exclude<CrisisGrade, 'none'>;
  kind: CrisisKind;
}

/** Order of kinds when several match: danger to life from others and the body first. */
const KINDS: readonly CrisisKind[] = ['abuse', 'medical', 'self'];

export class CrisisReader {
  private readonly entries: Entry[] = [];
  /** Every phrase of every grade and kind in one list, in the order of `entries`. */
  private readonly phrases: PhraseList;
  private readonly idioms: PhraseList;
  private readonly history: PhraseList;
  private readonly recent: PhraseList;

  constructor(lexicon: Lexicon) {
    const sources: string[] = [];
    for (const grade of ['danger', 'possible'] as const) {
      for (const kind of KINDS) {
        for (const source of lexicon.crisis[grade][kind]) {
          const [body = '', unless = ''] = source.split('~');
          const evenNegated = body.trim().startsWith('!');
          sources.push(body.trim().replace(/^!/, ''));
          this.entries.push({ unless: new Set(unless.trim().split('|').filter(Boolean)), evenNegated, grade, kind });
        }
      }
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

  read(a: Analysed): CrisisReading & { tokens: Set<number> } {
    const masked = this.idiomTokens(a);
    const words = new Set(a.tokens.flatMap((t) => [t.word, t.lemma]));
    const historic = this.history.test(a) && !this.recent.test(a);
    let first: CrisisReading | null = null;
    // Every crisis phrase's words are set aside (not read as needs or questions); the
    // reading is the first found, danger before possible.
    const tokens = new Set<number>();
    for (const f of this.phrases.findAll(a)) {
      const e = this.entries[f.index]!;
      if (e.kind === 'medical' && historic) continue;
      if ([...e.unless].some((w) => words.has(w))) continue;
      {
        let covered = false;
        for (let i = f.start; i <= f.end; i++) if (masked.has(i)) covered = true;
        if (covered) continue;
        if (!e.evenNegated && a.tokens[f.start]!.negated) continue;
        for (let i = f.start; i <= f.end; i++) tokens.add(i);
        first ??= { grade: e.grade, kind: e.kind, words: a.text.slice(a.tokens[f.start]!.start, a.tokens[f.end]!.end) };
      }
    }
    return { ...(first ?? NO_CRISIS), tokens };
  }
}
