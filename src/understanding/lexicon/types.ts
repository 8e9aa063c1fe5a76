/**
 * What a language gives the understanding step: its words, as data. Phrases use the
 * small pattern language of ../matchers.ts ("i can|could knit", "a?", "*", "#").
 * A lexicon holds no code, so a reviewer who is not a programmer can read and change
 * it, and every change is measured on the corpus (npm run eval:understanding).
 */
import type { CategoryId } from '../../domain/categories.js';

/** When someone is usually free. */
export const TIMES = ['mornings', 'afternoons', 'evenings', 'weekdays', 'weekends', 'any'] as const;
export type Time = (typeof TIMES)[number];

/** What a question to the bot is about, so it can be answered. */
export const QUESTION_TOPICS = ['cost', 'who', 'number', 'how', 'privacy', 'progress', 'change', 'give', 'why'] as const;
export type QuestionTopic = (typeof QUESTION_TOPICS)[number];

/** Who may be in danger and how: it decides which numbers to give. */
export type CrisisKind = 'self' | 'medical' | 'abuse';

export interface CategoryWords {
  /** Phrases that name this kind of help. */
  cues: readonly string[];
  /** Phrases that name it only when nothing stronger in the clause names something else ("bread"). */
  weak?: readonly string[];
}

export interface Lexicon {
  lang: string;
  /** One typed word to the words meant ("im" to "i am", "2moro" to "tomorrow"); "" drops it. */
  slang: Readonly<Record<string, string>>;
  /** Words that are real words of this language but not in the dictionary list (never "corrected"). */
  extraWords: readonly string[];

  categories: Readonly<Record<CategoryId, CategoryWords>>;
  /** Skills and subjects ("knitting", "welsh"), for matching a need with a gift of the same thing. */
  topics: Readonly<Record<string, readonly string[]>>;
  /** Skills that are taught when offered ("I can knit" offers teaching knitting, and knitting). */
  teachable: readonly string[];
  /** A kind named outright that makes another unlikely in the same clause ("welsh cakes recipe" is a recipe, not a meal). */
  suppresses: Partial<Readonly<Record<CategoryId, readonly CategoryId[]>>>;

  /** How a clause says it is a need or a gift. Need frames win when both start together. */
  frames: {
    /** "i need", "someone to", "would be lovely". */
    need: readonly string[];
    /** "help with": a need only when nothing before it said otherwise ("happy to... or help with forms"). */
    weakNeed: readonly string[];
    /** "i can't get to the shops": a need where we asked what would help. */
    inability: readonly string[];
    /** "could someone...?": a request, even with a question mark. */
    polite: readonly string[];
    /** "i can", "happy to", "i used to be a nurse". */
    gift: readonly string[];
    /** "can walk dogs": an offer only at the start of a clause (not "you can call me Geoff"). */
    giftAtStart: readonly string[];
    /** "can I offer prayers?": an offer asked as a question, kept even in words that fit no kind. */
    offerAsked: readonly string[];
    /** "i used to knit", "so i can get out", "i could murder a": not an offer now. */
    notGift: readonly string[];
  };
  /** Saying they doubt they have anything to give, or are worth anything. */
  doubt: readonly string[];
  /** Limits that read as doubt only when nothing is offered ("i'm housebound"). */
  weakDoubt: readonly string[];
  /** Modesty that doubts while it gives ("not much, suppose I could ring people"): doubt, and the gift kept. */
  modest: readonly string[];
  /** After an offer, taking it back ("but i can't hold a needle anymore", "so probably not"). */
  retract: readonly string[];
  /** Nothing needed or nothing to give, now (where we asked). */
  nothing: readonly string[];
  /** Turning down help in so many words ("i don't need anything"), wherever it is said. */
  declined: readonly string[];

  yes: {
    /** A yes to any question ("yes", "go on then"). */
    core: readonly string[];
    /** Accepting a request to help ("happy to", "can do", "no problem"). */
    accept: readonly string[];
    /** Agreeing with a summary ("that's right", "spot on"). */
    confirm: readonly string[];
    /** At a check-in, that the help came ("she did", "been and gone"). */
    checkin: readonly string[];
    /** To a request to help: "I can", "I could do it". */
    ask: readonly string[];
    /** To "are you safe right now?": safe ("I'm ok now"). */
    safe: readonly string[];
  };
  no: readonly string[];
  /** Later: a time to come ("try me friday", "not yet", "ask me again"). */
  later: readonly string[];
  /** Not now: later where we asked for a yes; nothing where we asked what they need or give. */
  notNow: readonly string[];
  /** Phrases that look like yes or no but are the other ("no problem" is yes). */
  yesDespiteNo: readonly string[];
  /** At a check-in: what went wrong. */
  problem: readonly string[];
  /** With no question open: a complaint about help (a subset of `problem` that is clear on its own). */
  idleProblem: readonly string[];
  /** At a check-in: a problem that is not one ("not a problem"). */
  notAProblem: readonly string[];
  /** Questions to the bot, by what they ask. */
  questions: Readonly<Record<QuestionTopic, readonly string[]>>;
  /** How questions start: a question word, or an auxiliary and a subject ("is it", "can I"). */
  questionStarts: {
    wh: readonly string[];
    aux: readonly string[];
    subjects: readonly string[];
    /** Auxiliaries that ask for or offer help when the clause names a kind of it. */
    asking: readonly string[];
    /** Exclamations, asides and answers that start like questions ("how lovely", "did I say shopping", "can I stop for a bit?"). */
    exclaim: readonly string[];
  };
  times: Readonly<Record<Time, readonly string[]>>;
  /** Words that say when they can, so a time said unasked counts ("free", "can do after"). */
  timeFrames: readonly string[];

  /** Name frames: "my name is X", "call me X"; X is the word after. */
  nameFrames: readonly string[];
  /** Words that are never a first name. */
  notNames: readonly string[];
  /** A yes to "are you safe?" that is still a worry: "but", "for now", "anyway". */
  safeBut: readonly string[];
  /** Would rather not say. */
  skip: readonly string[];

  crisis: {
    danger: Readonly<Record<CrisisKind, readonly string[]>>;
    possible: Readonly<Record<CrisisKind, readonly string[]>>;
    /** Signs that add up: each group counts once at its weight; 2 is possible, 4 danger. */
    signs: Readonly<Record<CrisisKind, Readonly<Record<string, { weight: number; phrases: readonly string[] }>>>>;
    /** Everyday idiom that contains crisis words ("dying for a cuppa"): removed before looking. */
    idioms: readonly string[];
    /** Said of the past ("last year", "years ago"): medical words with these are history. */
    history: readonly string[];
    /** Said of now ("today", "in the night"): history words do not make these history. */
    recent: readonly string[];
  };
}
