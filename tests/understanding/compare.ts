/**
 * npm run compare:understanding: the NLP libraries the issue named, measured on our
 * corpus, so the choice in docs/conversation.md rests on figures from this machine.
 *
 * 1. As the normaliser under our reader: wink-nlp lemmas (what valued uses), compromise
 *    lemmas, and none. Same phrase lists; only the dictionary forms differ.
 * 2. As the reader itself: NLP.js, trained from the tuned corpus's examples (one
 *    classifier per intent, and one for crisis), tested on the held-out set.
 * Each prints intent accuracy, crisis recall, false alarms and microseconds a message.
 */
import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp } from '@nlpjs/nlp';
import nlpCompromise from 'compromise';
import { en } from '../../src/understanding/lexicon/en.js';
import { noLemmas, winkLemmatiser, type Lemmatiser } from '../../src/understanding/lemma.js';
import { englishWords, Understander } from '../../src/understanding/understand.js';
import { headline, INTENTS, loadCorpus, pct, score, type CorpusLine } from './score.js';

const isHeldOut = (f: string) => f.startsWith('heldout');
const tuned = loadCorpus((f) => !isHeldOut(f));
const heldOut = loadCorpus(isHeldOut);
const dictionary = englishWords();

function compromiseLemmatiser(): Lemmatiser {
  const cache = new Map<string, string>();
  return (word) => {
    let lemma = cache.get(word);
    if (lemma === undefined) {
      const doc = nlpCompromise(word);
      doc.compute('root');
      const root = (doc.json()[0]?.terms?.[0] as { root?: string } | undefined)?.root;
      lemma = root && /^[a-z]+$/.test(root) ? root : word;
      cache.set(word, lemma);
    }
    return lemma;
  };
}

const out: string[] = [];
out.push(`Corpus: ${tuned.length} tuned-on messages, ${heldOut.length} held out.\n`);
out.push('1. Normaliser under our reader (tuned / held-out)');
out.push('   lemmas       intent          crisis recall   false alarms    µs a message (cold first pass)');
for (const [name, make] of [
  ['wink-nlp', winkLemmatiser],
  ['compromise', compromiseLemmatiser],
  ['none', () => noLemmas],
] as const) {
  const started = performance.now();
  const u = new Understander(en, make(), dictionary);
  const cold = score(u, [...tuned, ...heldOut]);
  const coldMs = performance.now() - started;
  const t = headline(score(u, tuned));
  const h = heldOut.length ? headline(score(u, heldOut)) : null;
  const f = (x: number) => `${(100 * x).toFixed(1)}`;
  out.push(
    `   ${name.padEnd(12)} ${f(t.intentAccuracy)} / ${h ? f(h.intentAccuracy) : '-'}`.padEnd(30) +
      `${f(t.crisisRecall)} / ${h ? f(h.crisisRecall) : '-'}`.padEnd(16) +
      `${f(t.falseAlarmRate)} / ${h ? f(h.falseAlarmRate) : '-'}`.padEnd(16) +
      `${((1000 * coldMs) / (tuned.length + heldOut.length)).toFixed(0)} (${cold.microsPerMessage.toFixed(0)} warm)`,
  );
}

/** NLP.js: a yes/no classifier per intent and one for crisis, trained on the tuned corpus. */
async function nlpjs(): Promise<void> {
  const train = async (label: (l: CorpusLine) => boolean) => {
    const container = await containerBootstrap();
    container.use(Nlp);
    container.use(LangEn);
    const nlp = container.get('nlp');
    nlp.settings.autoSave = false;
    nlp.addLanguage('en');
    for (const l of tuned) nlp.addDocument('en', `${l.asked} ${l.text}`, label(l) ? 'yes' : 'no');
    // NLP.js prints every training epoch; the figures below are what matter.
    const log = console.log;
    console.log = () => {};
    await nlp.train().finally(() => (console.log = log));
    return async (l: CorpusLine) => ((await nlp.process('en', `${l.asked} ${l.text}`)) as { intent: string }).intent === 'yes';
  };
  const started = performance.now();
  const classifiers = await Promise.all(INTENTS.map((i) => train((l) => l.intents.includes(i))));
  const crisis = await train((l) => (l.crisis ?? 'none') !== 'none');
  const trainMs = performance.now() - started;
  const test = heldOut.length ? heldOut : tuned;
  let exact = 0;
  let caught = 0;
  let labelled = 0;
  let alarms = 0;
  let none = 0;
  const t0 = performance.now();
  for (const l of test) {
    const got = new Set<string>();
    for (const [n, c] of classifiers.entries()) if (await c(l)) got.add(INTENTS[n]!);
    const want = new Set(l.intents);
    if (got.size === want.size && [...want].every((i) => got.has(i))) exact++;
    const alarm = await crisis(l);
    if ((l.crisis ?? 'none') === 'none') {
      none++;
      if (alarm) alarms++;
    } else {
      labelled++;
      if (alarm) caught++;
    }
  }
  const us = (1000 * (performance.now() - t0)) / test.length;
  out.push(
    `\n2. NLP.js classifiers trained on the tuned corpus (${(trainMs / 1000).toFixed(1)} s to train 14 models), tested on ${heldOut.length ? 'the held-out set' : 'the tuned corpus'}`,
  );
  out.push(
    `   intent ${pct(exact, test.length)}, crisis recall ${pct(caught, labelled)} (${caught}/${labelled}), false alarms ${pct(alarms, none)}, ${us.toFixed(0)} µs a message`,
  );
}

await nlpjs();
process.stdout.write(`${out.join('\n')}\n`);
