/**
 * Yes, no and later in people's words ("go on then", "happy to", "sorry cant
 * tonight", "not this week, maybe next", "no problem" which is a yes), request codes
 * anywhere in a sentence ("Actually I can do tomorrow morning. YES 2474"), problems
 * at a check-in, questions to the bot and what they are about, and times people are
 * free.
 */
import { QUESTION_TOPICS, TIMES, type Lexicon, type QuestionTopic, type Time } from './lexicon/types.js';
import { PhraseList, type Found } from './matchers.js';
import type { QuestionKind } from './items.js';
import type { Analysed } from './text.js';

export type YesNo = 'yes' | 'no' | 'later';

/** Words a question may start with before its question word ("duw duw whats all this"). */
const LEADING = new Set([
  'but',
  'and',
  'so',
  'oh',
  'well',
  'duw',
  'hi',
  'hello',
  'sorry',
  'ok',
  'yes',
  'no',
  'um',
  'erm',
  'hmm',
  'anyway',
  'also',
  'then',
  'or',
  'wait',
]);

/** What may follow a "no" that answers ("no thanks", "no, I said"), unlike "no one" or "no money". */
const NO_THEN = new Set([
  'thanks',
  'thank',
  'ta',
  'sorry',
  'soz',
  'i',
  'he',
  'she',
  'they',
  'we',
  'you',
  'it',
  'that',
  'not',
  'can',
  'way',
  'love',
  'dear',
  'pet',
  'my',
  'diolch',
  'sir',
  'mate',
  'hun',
  'cariad',
  'bach',
  'nope',
  'no',
]);

/** Words that carry no question of their own ("hello?"). */
const GREETINGS = new Set(['hello', 'hi', 'hiya', 'hey', 'anyone', 'there', 'you', 'ok', 'yes', 'no', 'sorry']);

/** Words that make a "no" mean "not at this moment": with a later time offered, it is a later. */
const MOMENT = new Set(['today', 'tonight', 'now', 'week', 'moment', 'weekend', 'morning', 'afternoon', 'evening']);

function unless(source: string): { body: string; unless: ReadonlySet<string> } {
  const [body = '', words = ''] = source.split('~');
  return { body: body.trim(), unless: new Set(words.trim().split('|').filter(Boolean)) };
}

/** Phrases that may name words that show they mean something else ("she came ~ rude"). */
class GuardedList {
  private readonly list: PhraseList;
  private readonly unless: ReadonlySet<string>[];
  constructor(sources: readonly string[]) {
    const parsed = sources.map(unless);
    this.list = new PhraseList(parsed.map((p) => p.body));
    this.unless = parsed.map((p) => p.unless);
  }

  findAll(a: Analysed, words: ReadonlySet<string>): Found[] {
    return this.list.findAll(a).filter((f) => ![...this.unless[f.index]!].some((w) => words.has(w)));
  }
}

export class AnswerReader {
  private readonly yesCore: GuardedList;
  private readonly yesAccept: GuardedList;
  private readonly yesConfirm: GuardedList;
  private readonly yesCheckin: GuardedList;
  private readonly yesSafe: GuardedList;
  private readonly yesAsk: GuardedList;
  private readonly notNow: PhraseList;
  private readonly idleProblem: PhraseList;
  private readonly no: GuardedList;
  private readonly later: GuardedList;
  /** With no question open, only words that put help off count as "later". */
  private readonly idleLater: GuardedList;
  private readonly yesDespiteNo: PhraseList;
  private readonly problem: PhraseList;
  private readonly notAProblem: PhraseList;
  private readonly questions: [QuestionTopic, PhraseList][];
  private readonly wh: ReadonlySet<string>;
  private readonly aux: ReadonlySet<string>;
  private readonly subjects: ReadonlySet<string>;
  private readonly asking: ReadonlySet<string>;
  private readonly exclaim: PhraseList;
  private readonly timeLists: [Time, PhraseList][];
  private readonly freeFrames: PhraseList;

  constructor(lexicon: Lexicon) {
    this.yesCore = new GuardedList(lexicon.yes.core);
    this.yesAccept = new GuardedList(lexicon.yes.accept);
    this.yesConfirm = new GuardedList(lexicon.yes.confirm);
    this.yesCheckin = new GuardedList(lexicon.yes.checkin);
    this.yesSafe = new GuardedList(lexicon.yes.safe);
    this.yesAsk = new GuardedList(lexicon.yes.ask);
    this.notNow = new PhraseList(lexicon.notNow);
    this.idleProblem = new PhraseList(lexicon.idleProblem);
    this.no = new GuardedList(lexicon.no);
    this.later = new GuardedList(lexicon.later);
    this.idleLater = new GuardedList([
      'do not send',
      'cancel',
      'back next week',
      'will text when',
      'can we do',
      'can not do my',
      'poorly this week',
      'away for',
    ]);
    this.yesDespiteNo = new PhraseList(lexicon.yesDespiteNo);
    this.problem = new PhraseList(lexicon.problem);
    this.notAProblem = new PhraseList(lexicon.notAProblem);
    this.questions = QUESTION_TOPICS.map((topic) => [topic, new PhraseList(lexicon.questions[topic])]);
    this.wh = new Set(lexicon.questionStarts.wh);
    this.aux = new Set(lexicon.questionStarts.aux);
    this.subjects = new Set(lexicon.questionStarts.subjects);
    this.asking = new Set(lexicon.questionStarts.asking);
    this.exclaim = new PhraseList(lexicon.questionStarts.exclaim);
    this.timeLists = TIMES.map((time) => [time, new PhraseList(lexicon.times[time])]);
    this.freeFrames = new PhraseList(lexicon.timeFrames);
  }

  /**
   * Yes, no, later, or several: "Sorry no. Next time though" is no and later;
   * "not tonight, try me friday" is later; "no problem" is yes. What counts depends on
   * what was asked: with no question open ("idle") a plain "ok" answers nothing.
   */
  yesNo(a: Analysed, expecting: string): { answers: YesNo[]; tokens: Set<number> } {
    const words = new Set(a.tokens.flatMap((t) => [t.word, t.lemma]));
    const masked = new Set<number>();
    for (const f of this.yesDespiteNo.findAll(a)) for (let i = f.start; i <= f.end; i++) masked.add(i);
    const free = (f: Found) => {
      for (let i = f.start; i <= f.end; i++) if (masked.has(i)) return false;
      return true;
    };
    const ask = expecting === 'ask' || expecting === 'safety';
    const idle = expecting === 'idle';
    const asking = expecting === 'needs' || expecting === 'gifts';
    const no0 = this.no.findAll(a, words);
    // "Not now" is later where we asked for a yes; nothing where we asked what would help.
    const notNow = asking || idle ? [] : this.notNow.findAll(a).filter((f) => !no0.some((n) => n.start <= f.end && f.start <= n.end && n.start < f.start));
    const later = [...(idle ? this.idleLater.findAll(a, words) : this.later.findAll(a, words)), ...notNow].filter(free);
    const laterTokens = new Set<number>();
    for (const f of later) for (let i = f.start; i <= f.end; i++) laterTokens.add(i);
    for (const i of laterTokens) masked.add(i);
    const lists =
      idle || expecting === 'when' || expecting === 'name' || expecting === 'postcode'
        ? []
        : [
            this.yesCore,
            ...(ask || expecting === 'checkin' || expecting === 'confirm' ? [this.yesAccept] : []),
            ...(expecting === 'confirm' || expecting === 'checkin' || expecting === 'welcome' ? [this.yesConfirm] : []),
            ...(expecting === 'checkin' ? [this.yesCheckin] : []),
            ...(expecting === 'safety' ? [this.yesSafe] : []),
            ...(expecting === 'ask' ? [this.yesAsk] : []),
          ];
    const yes = lists
      .flatMap((l) => l.findAll(a, words).map((f) => ({ ...f, modal: l === this.yesAsk })))
      .filter((f) => {
        const next = a.tokens[f.end + 1];
        // "I can not" is not a yes; "Yes. Not an emergency" is.
        return !a.tokens[f.start]!.negated && !laterTokens.has(f.start) && !(next?.word === 'not' && next.clause === a.tokens[f.end]!.clause);
      })
      // One word ("alright", "fine") is a yes only near the start of a clause, not "I am managing alright".
      .filter((f) => f.start < f.end || a.tokens[f.start]!.word === 'yes' || startOfClause(a, f.start))
      .sort((x, y) => x.start - y.start);
    const no = no0.filter(free).filter((f) => {
      const w = a.tokens[f.start]!.word;
      const previous = a.tokens[f.start - 1];
      // A bare "no" answers only at the start of a clause ("no, sorry") or beside a
      // request code ("2474 NO"), not inside one ("I have no money").
      if (f.start === f.end && (w === 'no' || w === 'stop')) {
        const next = a.tokens[f.start + 1];
        // "no 1 and no 3" is "number 1 and number 3"; "NO 2474" answers a request.
        const answers = !next || next.clause !== a.tokens[f.start]!.clause || (next.kind === 'number' && next.word.length === 4) || NO_THEN.has(next.word);
        return (
          answers &&
          (!previous ||
            previous.clause !== a.tokens[f.start]!.clause ||
            previous.kind === 'number' ||
            ['sorry', 'oh', 'um', 'well', 'n'].includes(previous.word))
        );
      }
      if (idle) return w === 'stop';
      // "I can not walk far" is a no only as an answer to a request.
      const phrase = phraseAt(a, f);
      if (w === 'can' || w === 'unable' || phrase === 'not able') return ask;
      if (phrase === 'not really') return ask || (!asking && startOfClause(a, f.start));
      // Where we asked what would help, only a plain no is a no ("I knit... we nearly lost him").
      if (asking) return ['no', 'nope', 'not'].includes(w);
      if (expecting === 'checkin' && ['wrong', 'nearly', 'i said'].includes(phraseAt(a, f))) return false;
      return true;
    });
    // "N 6650", "Y 4408": a letter and a request code.
    const first = a.tokens[0];
    if (first && a.tokens[1]?.kind === 'number' && a.tokens[1].word.length === 4) {
      if (first.word === 'n') no.push({ start: 0, end: 0 });
      if (first.word === 'y') yes.push({ start: 0, end: 0, modal: false });
    }
    const out: YesNo[] = [];
    // "wish I could, NO 2474": the word beside a request's code is the answer.
    const byCode = a.tokens.findIndex((t, i) => {
      if (!['yes', 'y', 'no', 'n'].includes(t.word)) return false;
      const near = [a.tokens[i - 1], a.tokens[i + 1]];
      return near.some((o) => o?.kind === 'number' && o.word.length === 4);
    });
    if (byCode >= 0 && ask) {
      const word = a.tokens[byCode]!.word;
      const said = new Set<number>([byCode]);
      for (const f of [...yes, ...no, ...later]) for (let i = f.start; i <= f.end; i++) said.add(i);
      // "NO 7702 soz... next time tho": a no that leaves the door open is later too.
      const answer: YesNo = word === 'yes' || word === 'y' ? 'yes' : 'no';
      return { answers: answer === 'no' && later.length > 0 ? ['no', 'later'] : [answer], tokens: said };
    }
    // "I'd love to but I can't": a no after "but" takes back the yes before it.
    const but = a.tokens.findIndex((t) => ['but', 'though', 'although', 'except'].includes(t.word));
    if ((ask || expecting === 'confirm') && but >= 0 && yes.length > 0 && no.length > 0 && yes[0]!.start < but && no.some((f) => f.start > but)) yes.length = 0;
    // At the summary, "not shopping, a lift" begins with its correction.
    if (expecting === 'confirm' && a.tokens[0]?.word === 'not' && no.length === 0) no.push({ start: 0, end: 0 });
    // "Next week I could, not this week": an "I could" that comes with a later time is later.
    if (later.length > 0 && yes.length > 0 && yes.every((f) => f.modal)) yes.length = 0;
    // "no, I need medicines as well": a no before a yes word later on is still a no.
    if (yes.length > 0 && !(no.length > 0 && no[0]!.start < yes[0]!.start)) out.push('yes');
    if (no.length > 0 && !(yes.length > 0 && yes[0]!.start < no[0]!.start && expecting !== 'checkin')) {
      const onlyNow = no.every((f) => a.tokens.slice(f.start, f.end + 3).some((t) => MOMENT.has(t.word)));
      const stillComing = expecting === 'checkin' && later.length > 0;
      if (!(onlyNow && later.length > 0) && !stillComing) out.push('no');
    }
    if (later.length > 0 && !out.includes('yes') && expecting !== 'safety') out.push('later');
    const tokens = new Set<number>();
    for (const f of [...yes, ...no, ...later]) for (let i = f.start; i <= f.end; i++) tokens.add(i);
    return { answers: out, tokens };
  }

  /**
   * Something went wrong with the help. At a check-in, any of the problem words; with no
   * question open, only complaints clear on their own. Crisis words (`skip`) and
   * questions are not read.
   */
  isProblem(a: Analysed, skip: ReadonlySet<number>, checkin: boolean): boolean {
    const fine = this.notAProblem.findAll(a);
    const list = checkin ? this.problem : this.idleProblem;
    return list.findAll(a).some((f) => !fine.some((g) => g.start <= f.start && g.end >= f.end) && !skip.has(f.start));
  }

  /**
   * Which clauses are questions: one that starts with a question word ("what", "who"),
   * or with "is it", "can I" and the like, or ends in "?". Not a clause that says
   * something else (`skip`: doubt, crisis, an answer: "what could I give", "whats the
   * point", "I think so?"), an exclamation ("how lovely"), a greeting ("hello?"), nor a
   * request or offer that names a kind of help (`names`: "can I add dog walking",
   * "could I help out with listening?", "maybe just a chat?").
   */
  questionClauses(
    a: Analysed,
    skip: ReadonlySet<number>,
    names: (from: number, to: number) => boolean,
    framed: (from: number, to: number) => boolean,
  ): Map<number, QuestionKind> {
    const out = new Map<number, QuestionKind>();
    const clauses = new Set(a.tokens.map((t) => t.clause));
    for (const clause of clauses) {
      let from = a.tokens.findIndex((t) => t.clause === clause);
      const to = a.tokens.findLastIndex((t) => t.clause === clause);
      let said = 0;
      for (let i = from; i <= to; i++) if (skip.has(i)) said++;
      if (said * 2 >= to - from + 1) continue;
      const content = a.tokens.slice(from, to + 1).filter((t) => t.kind === 'word' && !GREETINGS.has(t.word));
      if (content.length === 0) continue;
      while (from < to && LEADING.has(a.tokens[from]!.word)) from++;
      const mark = a.text.slice(a.tokens[to]!.end, a.tokens[to + 1]?.start ?? a.text.length).includes('?');
      const first = a.tokens[from]!.word;
      const second = a.tokens[from + 1];
      // A question word asks at the start of a sentence or before a "?", not as a joining word
      // after a comma ("weekday mornings, except Tuesdays, when I go to the library").
      const gap = a.text.slice(a.tokens[from - 1]?.end ?? 0, a.tokens[from]!.start);
      const before = a.tokens[from - 1];
      const shortBefore = before !== undefined && a.tokens.filter((t) => t.clause === before.clause).length <= 1;
      const sentenceStart = from === 0 || /[.!?\n]/.test(gap) || LEADING.has(before?.word ?? '') || shortBefore;
      if (this.wh.has(first) && (to > from || mark) && (sentenceStart || mark) && !this.exclaim.test(a, from, Math.min(to, from + 3))) out.set(clause, 'wh');
      else if (this.aux.has(first) && second && second.clause === clause && this.subjects.has(second.word)) {
        if (!(this.asking.has(first) && names(from, to)) && !this.exclaim.test(a, from, Math.min(to, from + 3))) out.set(clause, 'aux');
      } else if (mark && content.length >= 2 && !names(from, to) && !framed(from, to)) out.set(clause, 'mark');
    }
    return out;
  }

  /**
   * A question to the bot, and what it is about ('how' when it is not clear). A polite
   * request ("could someone walk my dog?", `request`) is not a question to answer.
   */
  question(a: Analysed, questions: ReadonlyMap<number, QuestionKind>, request: (clause: number) => boolean): QuestionTopic | null {
    const asked = [...questions].some(([clause, kind]) => kind === 'wh' || !request(clause));
    if (!asked) return null;
    for (const [topic, list] of this.questions) if (list.test(a)) return topic;
    return 'how';
  }

  /**
   * When someone is usually free. `asked`: we asked; else only with words that say when
   * they can ("free", "can do after", "after 4"). Clock times count by the part of the
   * day they fall in: "after 2" is the afternoon, "9am" the morning.
   */
  times(a: Analysed, asked: boolean): Time[] {
    if (!asked && !this.freeFrames.test(a)) return [];
    const found = new Set(this.timeLists.filter(([, list]) => list.test(a)).map(([time]) => time));
    a.tokens.forEach((t, i) => {
      const clock = /^(\d{1,2})(?::(\d\d))?(am|pm)?$/.exec(t.word);
      if (!clock) return;
      const before = a.tokens[i - 1]?.word ?? '';
      if (!clock[2] && !clock[3] && !['after', 'from', 'at', 'about', 'before', 'by', 'till', 'til', 'until', 'around'].includes(before)) return;
      let hour = Number(clock[1]);
      if (hour > 23) return;
      if (clock[3] === 'pm' && hour < 12) hour += 12;
      // A bare hour is read as people mean it: 9 is the morning, 2 the afternoon, 6 the evening.
      else if (!clock[3] && hour >= 1 && hour <= 6) hour += 12;
      found.add(hour < 12 ? 'mornings' : hour < 17 ? 'afternoons' : 'evenings');
    });
    return TIMES.filter((time) => found.has(time));
  }
}

function startOfClause(a: Analysed, i: number): boolean {
  const clause = a.tokens[i]!.clause;
  let j = i - 1;
  while (j >= 0 && a.tokens[j]!.clause === clause && LEADING.has(a.tokens[j]!.word)) j--;
  return j < 0 || a.tokens[j]!.clause !== clause;
}

function phraseAt(a: Analysed, f: Found): string {
  return a.tokens
    .slice(f.start, f.end + 1)
    .map((t) => t.word)
    .join(' ');
}

/**
 * Four-digit request codes anywhere in a message: "YES 2474", "2474 yes", "Y2474",
 * "yes2474". Years ("in 2019") and times ("at 1430") are not codes.
 */
export function findCodes(text: string): string[] {
  const codes: string[] = [];
  for (const m of text.matchAll(/(?<![\d£$])(\d{4})(?![\d:]|\s*(?:am|pm|hrs|hours)\b)/gi)) {
    const before = text.slice(0, m.index).toLowerCase();
    if (/\b(?:at|in|since|from|year|born|until|til|till|of|by|£)\s*$/.test(before)) continue;
    codes.push(m[1]!);
  }
  return codes;
}
