/**
 * The labelled corpus (tests/understanding/corpus/*.jsonl): how well people's own
 * words are understood, held to the figures docs/conversation.md promises. The held-out file was
 * written by someone who never saw the code and is never tuned on: it is held only to
 * what it measured when it arrived (docs/conversation.md), so that no change makes it worse.
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

describe('the held-out set, never tuned on', () => {
  const lines = loadCorpus(isHeldOut);
  const report = score(understanderFor('en'), lines);
  const h = headline(report);

  it('is there: 300 messages, 110 of them a crisis', () => {
    expect(lines).toHaveLength(300);
    expect(report.crisis.labelled).toBe(110);
  });

  it('does no worse than when it arrived: crisis read 51.8 %, false alarms 1.6 %, intent 83.7 %, gifts 84 %', () => {
    expect(h.crisisRecall).toBeGreaterThanOrEqual(57 / 110);
    expect(h.falseAlarmRate).toBeLessThan(0.02);
    expect(h.intentAccuracy).toBeGreaterThanOrEqual(251 / 300);
    expect(h.giftCapture).toBeGreaterThanOrEqual(21 / 25);
  });

  it('puts at least 90 % of crises before someone: read as one, or given to a coordinator to read', () => {
    expect(report.crisis.reached / report.crisis.labelled).toBeGreaterThanOrEqual(0.9);
    // What that costs the coordinators: other messages they are given to read.
    expect(report.crisis.unplaced / report.crisis.none).toBeLessThan(0.15);
  });
});

describe('the second opinion on crisis', () => {
  it('ships the model the corpus trains (run npm run train:understanding after changing the corpus)', async () => {
    const { trainedModel, MODEL_PATH } = await import('./train.js');
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(MODEL_PATH, 'utf8'))).toEqual(JSON.parse(JSON.stringify(trainedModel())));
  });
});
