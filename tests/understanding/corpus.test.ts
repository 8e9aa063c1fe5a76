/**
 * The labelled corpus (tests/understanding/corpus/*.jsonl): how well people's own
 * words are understood, held to the figures the README promises. The held-out file is
 * reported, not held to them: it was written by someone who never saw the code, and
 * is never tuned on (a line that fails there becomes a corpus line and a fix).
 */
import { describe, expect, it } from 'vitest';
import { understanderFor } from '../../src/understanding/understand.js';
import { headline, INTENTS, loadCorpus, score } from './score.js';

const isHeldOut = (f: string) => f.startsWith('heldout');

describe('the corpus', () => {
  const lines = loadCorpus((f) => !isHeldOut(f));
  const report = score(understanderFor('en'), lines);
  const h = headline(report);

  it('has at least 600 labelled messages, each well formed', () => {
    expect(lines.length).toBeGreaterThanOrEqual(600);
    for (const l of lines) {
      expect(typeof l.text).toBe('string');
      for (const i of l.intents) expect(INTENTS).toContain(i);
      expect(['none', 'possible', 'danger', undefined]).toContain(l.crisis);
    }
  });

  it('finds every crisis (possible or danger)', () => {
    expect(report.crisisMisses.filter((m) => m.expected !== 'none').map((m) => m.line.text)).toEqual([]);
    expect(h.crisisRecall).toBe(1);
  });

  it('raises false alarms on under 2 % of messages without one', () => {
    expect(h.falseAlarmRate).toBeLessThan(0.02);
  });

  it('gets every intent of a message right at least 95 % of the time', () => {
    expect(h.intentAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('captures at least 95 % of gifts, with the kinds and the words', () => {
    expect(h.giftCapture).toBeGreaterThanOrEqual(0.95);
  });
});

describe('the held-out set', () => {
  const lines = loadCorpus(isHeldOut);
  it.runIf(lines.length > 0)('is read without a single missed crisis', () => {
    const report = score(understanderFor('en'), lines);
    expect(report.crisisMisses.filter((m) => m.expected !== 'none').map((m) => m.line.text)).toEqual([]);
  });
});
