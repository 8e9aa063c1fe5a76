/**
 * The small labelled Welsh corpus (tests/understanding/corpus/cy): yes and no as Welsh
 * says them, numbers, the main needs and gifts, times, names, and words of danger.
 * Held to floors, like the English corpus; it awaits a first-language speaker's
 * review and more lines from real Welsh messages.
 */
import { describe, expect, it } from 'vitest';
import { understand, understanderFor } from '../../src/understanding/understand.js';
import { headline, INTENTS, loadCorpus, score } from './score.js';

describe('the Welsh corpus', () => {
  const lines = loadCorpus(() => true, 'cy');
  const report = score(understanderFor('cy'), lines);
  const h = headline(report);

  it('has at least 60 labelled messages, each well formed', () => {
    expect(lines.length).toBeGreaterThanOrEqual(60);
    for (const l of lines) for (const i of l.intents) expect(INTENTS).toContain(i);
  });

  it('finds every crisis, with no false alarm', () => {
    expect(report.crisisMisses.filter((m) => m.expected !== 'none').map((m) => m.line.text)).toEqual([]);
    expect(h.crisisRecall).toBe(1);
    expect(h.falseAlarmRate).toBe(0);
  });

  it('gets every intent of a message right at least 90 % of the time', () => {
    expect(h.intentAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('captures at least 90 % of gifts, with the kinds', () => {
    expect(h.giftCapture).toBeGreaterThanOrEqual(0.9);
  });

  it('still reads English in a Welsh conversation (people mix the two)', () => {
    expect(understand('yes please', { lang: 'cy', expecting: 'welcome' }).answers).toEqual(['yes']);
    expect(understand('I need help with shopping', { lang: 'cy', expecting: 'welcome' }).needs.map((i) => i.category)).toEqual(['shopping']);
  });

  it('does not take "chi" (you) or "diolch i chi" for a dog or a need', () => {
    expect(understand('diolch i chi', { lang: 'cy', expecting: 'idle' }).needs).toEqual([]);
  });
});
