/**
 * Dictionary forms of words ("knitting" to "knit", "prescriptions" to "prescription",
 * "went" to "go"), from wink-nlp and its English model, which ships inside the npm
 * package (nothing is downloaded). Why wink-nlp, and how it compared with compromise
 * and NLP.js on our corpus, is in docs/conversation.md ("How valued reads messages").
 *
 * A word is looked up alone, without its sentence, and remembered: people use few
 * distinct words, so after the first messages almost every lookup is a map hit.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** Gives a word's dictionary form; the word itself when it has none. */
export type Lemmatiser = (word: string) => string;

/** Words remembered at most; beyond this the memory starts again. */
const CACHE_SIZE = 20_000;

/** The lemmatiser valued uses: wink-nlp's, remembered per word. */
export function winkLemmatiser(): Lemmatiser {
  const nlp = winkNLP(model, ['pos']);
  const its = nlp.its;
  const cache = new Map<string, string>();
  return (word) => {
    let lemma = cache.get(word);
    if (lemma === undefined) {
      if (cache.size >= CACHE_SIZE) cache.clear();
      // wink's its.* helpers are plain functions, made to be passed.
      // eslint-disable-next-line @typescript-eslint/unbound-method
      const lemmaOf = its.lemma as Parameters<ReturnType<ReturnType<typeof nlp.readDoc>['tokens']>['out']>[0];
      const found: unknown[] = nlp.readDoc(word).tokens().out(lemmaOf);
      lemma = found.length === 1 && typeof found[0] === 'string' && /^[a-z]+$/.test(found[0]) ? found[0] : word;
      cache.set(word, lemma);
    }
    return lemma;
  };
}

/** No dictionary forms at all: for measuring what the library adds. */
export const noLemmas: Lemmatiser = (word) => word;
