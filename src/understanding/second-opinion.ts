/**
 * A second opinion on crisis, learned from the labelled corpus: a small single-layer
 * network (NLP.js's @nlpjs/neural, MIT) over the message's dictionary forms and pairs
 * of them. The phrase lists are precise and explain themselves, but miss much of what
 * people in trouble say in their own way; this catches more of it, less precisely.
 *
 * So it never speaks to the person and never raises an alarm: when it thinks a message
 * may be a crisis that the phrase lists did not see, a coordinator is given the message
 * to read (see Understanding.concern). docs/conversation.md has the figures on the held-out set.
 *
 * The model is trained from the corpus we tune on (never the held-out set) by
 * `npm run train:understanding`, and shipped as JSON; training is deterministic, and a
 * test checks the shipped model is the one the corpus gives.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Analysed } from './text.js';

const require = createRequire(import.meta.url);

interface Network {
  train(corpus: { input: Record<string, number>; output: Record<string, number> }[]): unknown;
  run(input: Record<string, number>): Record<string, number> | undefined;
  toJSON(): unknown;
  fromJSON(json: unknown): void;
}
const { NeuralNetwork } = require('@nlpjs/neural') as { NeuralNetwork: new (settings?: object) => Network };

/** Above this share of the network's output, a message is a concern. */
export const CONCERN_AT = 0.5;

/**
 * What the network sees: each word's dictionary form, marked when it is negated ("not
 * safe"). Chosen by five-fold cross-validation on the tuned corpus over forms, forms
 * with negation, pairs of forms and words with forms: forms with negation caught 60.6 %
 * of crises the held-back fold had, with 4.0 % of other messages flagged.
 */
export function features(a: Analysed): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of a.tokens) if (t.kind === 'word') out[t.negated ? `not ${t.lemma}` : t.lemma] = 1;
  return out;
}

/** Trains the model from examples (analysed text, and whether it is a crisis); returns it as JSON. */
export function trainModel(examples: readonly { a: Analysed; crisis: boolean }[]): unknown {
  const net = new NeuralNetwork({ log: false });
  net.train(
    examples.map((e): { input: Record<string, number>; output: Record<string, number> } => ({
      input: features(e.a),
      output: e.crisis ? { crisis: 1 } : { none: 1 },
    })),
  );
  return net.toJSON();
}

export class SecondOpinion {
  private readonly net: Network;

  constructor(model: unknown) {
    this.net = new NeuralNetwork({ log: false });
    this.net.fromJSON(model);
  }

  /** How much the message looks like a crisis, 0 to 1. */
  crisis(a: Analysed): number {
    const out = this.net.run(features(a));
    if (!out) return 0;
    const crisis = out.crisis ?? 0;
    const total = crisis + (out.none ?? 0);
    return total > 0 ? crisis / total : 0;
  }
}

/** The shipped model for a language, or null when there is none. */
export function shippedModel(lang: string): unknown {
  try {
    return JSON.parse(readFileSync(new URL(`./models/crisis-${lang}.json`, import.meta.url), 'utf8')) as unknown;
  } catch {
    return null;
  }
}
