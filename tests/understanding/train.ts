/**
 * npm run train:understanding: trains the crisis second opinion
 * (src/understanding/second-opinion.ts) from the corpus we tune on (never the
 * held-out set), and writes src/understanding/models/crisis-en.json.
 */
import { writeFileSync } from 'node:fs';
import { trainModel } from '../../src/understanding/second-opinion.js';
import { understanderFor } from '../../src/understanding/understand.js';
import { loadCorpus } from './score.js';

export function trainedModel(): unknown {
  const u = understanderFor('en');
  const lines = loadCorpus((f) => !f.startsWith('heldout'));
  return trainModel(lines.map((l) => ({ a: u.analyse(l.text), crisis: (l.crisis ?? 'none') !== 'none' })));
}

export const MODEL_PATH = new URL('../../src/understanding/models/crisis-en.json', import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const json = JSON.stringify(trainedModel());
  writeFileSync(MODEL_PATH, `${json}\n`);
  process.stdout.write(
    `Wrote ${MODEL_PATH.pathname}: ${(json.length / 1024).toFixed(0)} KB, trained in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
