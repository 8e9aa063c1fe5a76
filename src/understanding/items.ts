/**
 * Needs and gifts in a person's own words. A message is read clause by clause ("I need
 * a lift to the hospital | but I can do phone chats"): each clause is a need, a gift,
 * or neither, from how it is framed ("I need", "could someone" / "I can", "happy to");
 * a clause with no frame of its own follows the one before, or the question asked.
 * The kinds of help are found from the lexicon's words, forgiving a typo only in a word
 * that is not itself a real word ("shoping" is shopping; "lovely" is never "lonely").
 * Doubt ("I'm not much use to anyone") is never a gift. The words are kept as typed.
 */
import { CATEGORY_IDS, type CategoryId, type Item } from '../domain/categories.js';
import type { Lexicon } from './lexicon/types.js';
import { isSlipOf, PhraseList, type Found } from './matchers.js';
import { ownWords, type Analysed } from './text.js';

export type Polarity = 'need' | 'gift';

/** Clauses read together as one need or gift, with the kinds they name. */
interface Group {
  polarity: Polarity;
  categories: CategoryId[];
  from: number;
  to: number;
}

export interface ItemsReading {
  needs: Item[];
  gifts: Item[];
  doubt: boolean;
  /** Nothing needed or nothing to give ("not now", "I don't need anything"). */
  nothing: boolean;
  /** The "nothing" was a need turned down ("I don't need anything myself but..."). */
  needDeclined: boolean;
  /** A gift mentioned only in the past ("I used to knit"). */
  pastOnly: boolean;
  /** Skills named ("knitting", "welsh"), for matching like with like. */
  topics: string[];
  /** Clauses that say doubt ("what could I give?"): not questions. */
  doubting: Set<number>;
  /** Clauses that ask for help politely ("could someone walk my dog?"): requests, not questions. */
  requests: Set<number>;
}

/** How each clause asks: with a question word, with "is it" or "can I", or only with "?". */
export type QuestionKind = 'wh' | 'aux' | 'mark';

export interface ReadOptions {
  /** Where reading begins (after choice numbers). */
  start: number;
  /** What a clause without a frame is when nothing before it decided (the question asked). */
  fallback: Polarity | null;
  /** Only framed clauses count (after choice numbers). */
  explicitOnly: boolean;
  /** Tokens that are crisis words: not read as needs or gifts. */
  skip: ReadonlySet<number>;
  /** We asked what they could give (a bare kind of help is a gift). */
  gifts: boolean;
  /** Needs and gifts in words that fit no kind may be kept (for a coordinator to read). */
  other: boolean;
  /** "I can't get to the shops" is a need (where we asked what would help). */
  inability: boolean;
  /** "Not now" is nothing (where we asked what would help or what they could give). */
  nothingPhrases: boolean;
  /** We had just sent the welcome: "no thanks" is a no, not "nothing". */
  welcome: boolean;
  /** The clauses that are questions. */
  questions: ReadonlyMap<number, QuestionKind>;
}

interface Clause {
  id: number;
  from: number;
  to: number;
}

/** Words a clause may open with before its frame ("and can walk dogs", "yes, can do"). */
const OPENERS = new Set(['and', 'but', 'also', 'yes', 'ok', 'oh', 'well', 'so', 'then', 'plus', 'n', 'or', 'i']);

/** Words that carry no content of their own, for deciding whether a clause says something. */
const EMPTY = new Set([
  'i',
  'a',
  'an',
  'the',
  'and',
  'but',
  'also',
  'so',
  'or',
  'to',
  'for',
  'of',
  'with',
  'my',
  'me',
  'it',
  'is',
  'am',
  'are',
  'be',
  'do',
  'can',
  'could',
  'would',
  'will',
  'please',
  'thanks',
  'thank',
  'you',
  'yes',
  'no',
  'ok',
  'oh',
  'well',
  'just',
  'really',
  'love',
  'dear',
  'x',
  'need',
  'help',
  'some',
  'someone',
  'somebody',
  'anyone',
  'like',
  'want',
  'that',
  'this',
  'there',
  'here',
  'in',
  'on',
  'at',
  'if',
  'any',
  'bit',
  'too',
  'as',
  'now',
  'when',
  'what',
  'who',
  'how',
  'why',
  'where',
  'not',
  'have',
  'has',
  'got',
  'get',
  'did',
  'does',
  'was',
  'were',
  'something',
  'anything',
  'add',
]);

export class ItemReader {
  /** Every category's words in one list each (strong and weak), with the category of each phrase. */
  private readonly cues: PhraseList;
  private readonly cueCategory: CategoryId[] = [];
  private readonly weakCues: PhraseList;
  private readonly weakCategory: CategoryId[] = [];
  /** Single words among the cues, for forgiving typos: word to category. */
  private readonly single = new Map<string, CategoryId>();
  private readonly needFrames: PhraseList;
  private readonly weakNeedFrames: PhraseList;
  private readonly inabilityFrames: PhraseList;
  private readonly politeFrames: PhraseList;
  private readonly giftFrames: PhraseList;
  private readonly giftAtStart: PhraseList;
  private readonly offerAsked: PhraseList;
  private readonly notGiftFrames: PhraseList;
  private readonly doubt: PhraseList;
  private readonly weakDoubt: PhraseList;
  private readonly modest: PhraseList;
  private readonly retract: PhraseList;
  private readonly nothing: PhraseList;
  private readonly declined: PhraseList;
  private readonly teachable: ReadonlySet<string>;
  private readonly suppresses: Lexicon['suppresses'];
  private readonly topics: [string, PhraseList][];
  private readonly forOthers: PhraseList;
  /** Every word the lexicon knows, for deciding what is a real word. */
  readonly words: ReadonlySet<string>;

  constructor(
    lexicon: Lexicon,
    private readonly known: (word: string) => boolean,
  ) {
    const words = new Set<string>();
    const cues: string[] = [];
    const weak: string[] = [];
    for (const id of CATEGORY_IDS) {
      const c = lexicon.categories[id];
      for (const phrase of [...c.cues, ...(c.weak ?? [])]) for (const w of phrase.split(/[\s|]+/)) words.add(w.replace(/^=/, ''));
      for (const p of c.cues) {
        cues.push(p);
        this.cueCategory.push(id);
        if (/^[a-z]+$/.test(p) && p.length >= 5 && !this.single.has(p)) this.single.set(p, id);
      }
      for (const p of c.weak ?? []) {
        weak.push(p);
        this.weakCategory.push(id);
      }
    }
    this.cues = new PhraseList(cues);
    this.weakCues = new PhraseList(weak);
    this.words = words;
    this.needFrames = new PhraseList(lexicon.frames.need);
    this.weakNeedFrames = new PhraseList(lexicon.frames.weakNeed);
    this.inabilityFrames = new PhraseList(lexicon.frames.inability);
    this.politeFrames = new PhraseList(lexicon.frames.polite);
    this.giftFrames = new PhraseList(lexicon.frames.gift);
    this.giftAtStart = new PhraseList(lexicon.frames.giftAtStart);
    this.offerAsked = new PhraseList(lexicon.frames.offerAsked);
    this.notGiftFrames = new PhraseList(lexicon.frames.notGift);
    this.doubt = new PhraseList(lexicon.doubt);
    this.weakDoubt = new PhraseList(lexicon.weakDoubt);
    this.modest = new PhraseList(lexicon.modest);
    this.retract = new PhraseList(lexicon.retract);
    this.nothing = new PhraseList(lexicon.nothing);
    this.declined = new PhraseList(lexicon.declined);
    this.teachable = new Set(lexicon.teachable);
    this.suppresses = lexicon.suppresses;
    this.topics = Object.entries(lexicon.topics).map(([topic, list]) => [topic, new PhraseList(list)]);
    this.forOthers = new PhraseList(['for someone|somebody|anyone|people|others|the street|neighbours|folk']);
  }

  /**
   * The kinds of help named in tokens `from`..`to`, leaving out `skip` (crisis words).
   * A kind said with "not" is left out ("medicines not shopping"), except, in a need,
   * what someone cannot do ("I can't drive" needs a lift) or is without ("got no food in").
   */
  categoriesIn(a: Analysed, from: number, to: number, skip: ReadonlySet<number>, polarity: Polarity | null = null, framed = true): CategoryId[] {
    const usable = (f: Found) => {
      for (let i = f.start; i <= f.end; i++) if (skip.has(i)) return false;
      const t = a.tokens[f.start]!;
      return !t.negated || (polarity === 'need' && (t.unable || t.lacking));
    };
    const strongSet = new Set<CategoryId>(
      this.cues
        .findAll(a, from, to)
        .filter(usable)
        .map((f) => this.cueCategory[f.index]!),
    );
    // A typo of a single cue word, in a word that is not itself a real word.
    for (let i = from; i <= to; i++) {
      const t = a.tokens[i]!;
      if (t.kind !== 'word' || t.word.length < 5 || this.known(t.word) || !usable({ start: i, end: i })) continue;
      for (const [w, id] of this.single) if (!strongSet.has(id) && isSlipOf(t.word, w, this.known)) strongSet.add(id);
    }
    const weakSet = new Set<CategoryId>(
      this.weakCues
        .findAll(a, from, to)
        .filter(usable)
        .map((f) => this.weakCategory[f.index]!),
    );
    for (const id of [...strongSet]) for (const other of this.suppresses[id] ?? []) strongSet.delete(other);
    // In catalogue order, as people see them listed.
    const strong = CATEGORY_IDS.filter((id) => strongSet.has(id));
    const weak = CATEGORY_IDS.filter((id) => weakSet.has(id));
    // Weak words ("phone", "hospital") name a kind only when the clause says it is a need
    // or a gift: "my phone died" is not a need for tech help.
    return strong.length > 0 ? strong : framed ? weak : [];
  }

  topicsIn(a: Analysed, from = 0, to = a.tokens.length - 1): string[] {
    return this.topics.filter(([, list]) => list.test(a, from, to)).map(([topic]) => topic);
  }

  /** Whether tokens `from`..`to` name a kind of help ("can I add dog walking", "maybe just a chat?"). */
  names(a: Analysed, from: number, to: number, skip: ReadonlySet<number>): boolean {
    return this.categoriesIn(a, from, to, skip).length > 0;
  }

  /** Whether tokens `from`..`to` say a need or an offer ("I could ring her for a chat instead?"). */
  framed(a: Analysed, from: number, to: number): boolean {
    return this.giftFrames.test(a, from, to) || this.needFrames.test(a, from, to) || this.politeFrames.test(a, from, to);
  }

  /** Whether the message holds weak doubt ("I'm housebound"): doubt only when nothing is offered. */
  weakDoubtIn(a: Analysed): boolean {
    return this.weakDoubt.test(a);
  }

  /** Whether the message is modest about what it offers ("if that's any use"). */
  modestIn(a: Analysed): boolean {
    return this.modest.test(a);
  }

  /** The first frame in a clause that counts: not in crisis words, not negated, not "if you need". */
  private frame(list: PhraseList, a: Analysed, c: Clause, skip: ReadonlySet<number>): Found | undefined {
    return list
      .findAll(a, c.from, c.to)
      .sort((x, y) => x.start - y.start)
      .find((f) => {
        if (skip.has(f.start) || a.tokens[f.start]!.negated || negatedJustBefore(a, f.start)) return false;
        const before = a.tokens.slice(c.from, f.start).map((t) => t.word);
        // "if they need", "to need someone": not the person saying what they need.
        return !before.includes('if') && !['to', 'for'].includes(a.tokens[f.start - 1]?.word ?? '');
      });
  }

  read(a: Analysed, options: ReadOptions): ItemsReading {
    const out: ItemsReading = {
      needs: [],
      gifts: [],
      doubt: false,
      nothing: false,
      needDeclined: false,
      pastOnly: false,
      topics: [],
      doubting: new Set(),
      requests: new Set(),
    };
    if (a.tokens.length === 0) return out;
    const clauses = clausesOf(a, options.start);
    let previous: Polarity | null = null;
    let group: Group | null = null;
    const currentGroup = (): Group | null => group;
    let unframedSince: number | null = null;
    const flush = () => {
      if (!group) return;
      const words = trimWords(ownWords(a, group.from, group.to));
      const list = group.polarity === 'need' ? out.needs : out.gifts;
      for (const category of group.categories) list.push({ category, words });
      group = null;
    };

    for (const c of clauses) {
      const { from, to } = c;
      const skip = options.skip;
      const question = options.questions.get(c.id);
      const polite = this.frame(this.politeFrames, a, c, skip);
      if (polite) out.requests.add(c.id);
      let need = polite ?? this.frame(this.needFrames, a, c, skip) ?? (options.inability ? this.frame(this.inabilityFrames, a, c, skip) : undefined);
      const weakNeed = this.frame(this.weakNeedFrames, a, c, skip);
      let start = from;
      while (start < to && OPENERS.has(a.tokens[start]!.word)) start++;
      // "I would like to start": a gift frame inside words that are not an offer does not count.
      const notGifts = this.notGiftFrames.findAll(a, from, to);
      const offerAsked = this.offerAsked.findAll(a, start, to).filter((f) => f.start === start);
      const gift = [...this.giftFrames.findAll(a, from, to), ...this.giftAtStart.findAll(a, start, start + 1).filter((f) => f.start === start), ...offerAsked]
        .sort((x, y) => x.start - y.start)
        .find((f) => !skip.has(f.start) && !a.tokens[f.start]!.negated && !frameHasNot(a, f) && !notGifts.some((n) => overlaps(n, f)));
      const notGift = notGifts.length > 0 && !gift;
      const doubt = this.doubt.test(a, from, to);
      if (doubt) {
        out.doubt = true;
        out.doubting.add(c.id);
      }
      const declined = this.declined.findAll(a, from, to).some((f) => !skip.has(f.start));
      if (declined) out.needDeclined = true;
      // At the welcome, "no thanks" and "not now" answer the yes or no; "I'm fine really" is nothing.
      const nothing = this.nothing.findAll(a, from, to).filter((f) => !options.welcome || !['no', 'not'].includes(a.tokens[f.start]!.word));
      if (declined || (options.nothingPhrases && nothing.length > 0)) out.nothing = true;
      if (this.retract.test(a, from, to) && currentGroup()?.polarity === 'gift' && !gift) {
        // "I used to be a seamstress, but I can't hold a needle anymore": not a gift after all.
        group = null;
        out.doubt = true;
        previous = null;
        continue;
      }
      if (!need && weakNeed && previous === null) need = weakNeed;

      let polarity: Polarity | null;
      // The longer of two frames that overlap is the one meant: "anyone who'd like to learn"
      // is an offer, though "anyone who" alone would ask for someone.
      const giftWider =
        gift !== undefined &&
        need !== undefined &&
        overlaps(need, gift) &&
        gift.start <= need.start &&
        gift.end >= need.end &&
        gift.end - gift.start > need.end - need.start;
      if (need && !giftWider && (!gift || need.start <= gift.start || overlaps(need, gift))) polarity = 'need';
      else if (gift && !notGift) polarity = 'gift';
      else if (gift && notGift) polarity = null;
      // "I used to cook for the whole street": the past says neither what they need nor give.
      else polarity = options.explicitOnly || notGift ? null : (previous ?? options.fallback);
      const framed = Boolean(need ?? gift);
      if (!gift && this.notGiftFrames.test(a, from, to) && /used/.test(a.text.slice(a.tokens[from]!.start, a.tokens[to]!.end).toLowerCase()))
        out.pastOnly = true;
      // A question asks; it does not say what they need ("has anyone been found for my
      // shopping?"), unless it asks for help ("does anyone know a plumber?").
      let categories = polarity ? this.categoriesIn(a, from, to, skip, polarity, framed) : [];
      // A question asks; it does not say what they need or give ("has anyone been found
      // for my shopping?", "can I give him this number?"), unless it asks politely for a
      // kind of help ("could someone walk my dog?", "does anyone know a plumber?").
      // An offer may be asked ("anyone need a lift to Frimley?"): it stays an offer.
      if (question && !polite && !(need && categories.length > 0) && !(polarity === 'gift' && gift && (categories.length > 0 || offerAsked.length > 0))) {
        polarity = null;
        categories = [];
      }
      if (polarity === 'gift' && (doubt || notGift)) polarity = null;
      if (polarity === 'gift' && categories.length === 0 && !framed && !options.gifts) polarity = null;
      if (polarity === null) {
        flush();
        previous = framed ? previous : null;
        unframedSince ??= from;
        continue;
      }
      // A frame without a kind may be about what the clauses before it said ("the tree
      // came down in the storm... could someone help clear it").
      if (categories.length === 0 && framed && unframedSince !== null) {
        categories = this.categoriesIn(a, unframedSince, to, skip, polarity);
        if (categories.length > 0) c.from = unframedSince;
      }
      unframedSince = null;
      if (polarity === 'gift' && this.teachesItself(a, from, to, categories))
        categories = CATEGORY_IDS.filter((id) => id === 'teaching' || categories.includes(id));

      // Read through a function: TypeScript cannot see that flush() changes `group`.
      const current = currentGroup();
      if (categories.length === 0) {
        // A framed need or gift in words that fit no kind: kept as their words ("someone to
        // read my letters"), for a coordinator to read.
        const content = a.tokens.slice(from, to + 1).filter((t) => t.kind === 'word' && !EMPTY.has(t.word) && t.word.length > 2);
        if (current && current.polarity === polarity && !framed) current.to = to;
        else if (framed && options.other && (!question || offerAsked.length > 0) && content.length >= 2 && !doubt && !out.doubt) {
          flush();
          group = { polarity, categories: ['other' as CategoryId], from: c.from, to };
        }
        previous = polarity;
        continue;
      }
      if (current && current.polarity === polarity && !framed && categories.every((k) => current.categories.includes(k))) current.to = to;
      else {
        flush();
        group = { polarity, categories, from: c.from, to };
      }
      previous = polarity;
    }
    flush();
    // Doubt said across two thoughts ("I can't do much, but I can listen").
    if (this.doubt.test(a, options.start)) out.doubt = true;
    // "other" is a kind of its own only when nothing else was found alongside it.
    for (const list of [out.needs, out.gifts]) {
      if (list.some((i) => i.category !== 'other')) {
        const kept = list.filter((i) => i.category !== 'other');
        list.length = 0;
        list.push(...kept);
      }
    }
    if (out.doubt) out.gifts = out.gifts.filter((g) => g.category !== 'other');
    out.topics = this.topicsIn(a, options.start);
    return out;
  }

  /** "I can knit" offers to teach it too, unless it is made for someone ("knit for someone"). */
  private teachesItself(a: Analysed, from: number, to: number, categories: CategoryId[]): boolean {
    if (!categories.includes('crafts') || categories.includes('teaching')) return false;
    if (this.forOthers.test(a, from, to)) return false;
    for (let i = from; i <= to; i++) if (this.teachable.has(a.tokens[i]!.word) || this.teachable.has(a.tokens[i]!.lemma)) return true;
    return false;
  }
}

/** The clauses of a message from token `start` on. */
function clausesOf(a: Analysed, start: number): Clause[] {
  const out: Clause[] = [];
  for (let i = start; i < a.tokens.length; i++) {
    const t = a.tokens[i]!;
    const last = out[out.length - 1];
    if (last && last.id === t.clause) last.to = i;
    else out.push({ id: t.clause, from: i, to: i });
  }
  return out;
}

function overlaps(x: Found, y: Found): boolean {
  return x.start <= y.end && y.start <= x.end;
}

/** "I do not need": a "not" or "never" just before. */
function negatedJustBefore(a: Analysed, start: number): boolean {
  return ['not', 'never', 'no'].includes(a.tokens[start - 1]?.word ?? '') || ['not', 'never'].includes(a.tokens[start - 2]?.word ?? '');
}

/** "I can not knit": a gift frame with a "not" inside it or just after. */
function frameHasNot(a: Analysed, f: Found): boolean {
  for (let i = f.start; i <= Math.min(f.end + 1, a.tokens.length - 1); i++) if (['not', 'never', 'barely', 'hardly'].includes(a.tokens[i]!.word)) return true;
  return false;
}

/**
 * A person's words, without the joining words and signs at either end, and without
 * the "I can" or "I need" that begins them: the summary says "What you could give:
 * "teach knitting"", not ""I can teach knitting"".
 */
function trimWords(words: string): string {
  const joined = words
    .replace(/^(?:(?:and|but|also|plus|or|oh|well|so|then|n|&|no|nope|yes|yeah|ok|nearly|not quite|i said|i meant|actually)\b[\s,.-]*)+/i, '')
    .replace(/^(?:(?:i suppose|i guess|maybe|perhaps|probably|well)\b[\s,]*)+/i, '');
  // Not before a "not" ("I can't drive any more" keeps its "can't"), nor when one word
  // would be left ("I can knit", not "knit").
  const unframed = joined
    .replace(
      /^(?:i|we)\b(?:\s*['\u2019]?\s*(?:really|just|also|still|do|would|d|am|m|will|ll|are|re)\b)*\s*(?!(?:can|could)\s*(?:not|n['\u2019]?t)\b|cant\b|couldnt\b)(?:can|could|need|needs|want|like|love|be happy|happy|be glad|glad)(?:\s+to)?\s+(?=\S)/i,
      '',
    )
    .replace(/^(?:some |a bit of |a little )?(?:help|a hand) with\s+(?=\S)/i, '');
  return (unframed.trim().split(/\s+/).length >= 2 ? unframed : joined)
    .replace(/(?:[\s,]+(?:please|pls|plz|thanks|thank you|ta|love|dear|x+))+[\s,;:.!-]*$/iu, '')
    .replace(/[\s,;:.!-]+$/u, '')
    .slice(0, 500)
    .trim();
}
