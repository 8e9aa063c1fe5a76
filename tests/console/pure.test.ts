/**
 * The console's pure parts: how a search is read, how times and weeks are told, what
 * the chart draws and how CSV cells that look like formulas are made safe.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { weeklyChart } from '../../src/console/chart.js';
import { csvRows } from '../../src/console/csv.js';
import { alertStory, dateTime, duration, failure, needLabel, weekStart } from '../../src/console/format.js';
import { readPeopleQuery } from '../../src/console/query.js';
import { lastFourDigits } from '../../src/store/search-index.repository.js';
import { median, WEEK_MS } from '../../src/store/reports.repository.js';

describe('reading the People search box', () => {
  it.each([
    ['Sian', { query: { kind: 'name', name: 'Sian' } }],
    ['  mary   jane ', { query: { kind: 'name', name: 'mary jane' } }],
    ["Siân O'Neill", { query: { kind: 'name', name: "Siân O'Neill" } }],
    ['sa1 1aa', { query: { kind: 'postcode', postcode: 'SA1 1AA' } }],
    ['SA11AA', { query: { kind: 'postcode', postcode: 'SA1 1AA' } }],
    ['sa1', { query: { kind: 'outcode', outcode: 'SA1' } }],
    ['1234', { query: { kind: 'tail', digits: '1234' } }],
    ['12 34', { query: { kind: 'tail', digits: '1234' } }],
    ['07700 900123', { query: { kind: 'number', addresses: ['07700900123', '+447700900123'] } }],
    ['+447700900123', { query: { kind: 'number', addresses: ['+447700900123', '447700900123'] } }],
    ['123', { error: 'Enter the last 4 digits of their number, or the whole number' }],
    ['', { error: 'Enter a first name, a postcode or the last 4 digits of their number' }],
    ['<script>', { error: 'Enter a first name using letters only, a postcode or the last 4 digits of their number' }],
  ])('%j', (typed, expected) => {
    expect(readPeopleQuery(typed)).toEqual(expected);
  });
});

describe('times and weeks', () => {
  it.each([
    [30_000, 'less than a minute'],
    [60_000, '1 minute'],
    [59 * 60_000, '59 minutes'],
    [2 * 3600_000, '2 hours'],
    [26 * 3600_000, '1 day'],
    [13 * 86400_000, '13 days'],
    [15 * 86400_000, '2 weeks'],
  ])('%i ms is %s', (ms, words) => {
    expect(duration(ms)).toBe(words);
  });

  it('says a time in UK time, winter and summer', () => {
    expect(dateTime(Date.UTC(2026, 11, 1, 21, 5))).toBe('Tue 1 Dec, 9:05pm');
    expect(dateTime(Date.UTC(2026, 6, 1, 20, 5))).toBe('Wed 1 Jul, 9:05pm');
  });

  it('starts weeks at midnight on Monday, UK time, across the clocks changing', () => {
    expect(weekStart(Date.UTC(2026, 11, 3, 12))).toBe(Date.UTC(2026, 10, 30)); // winter: UTC
    expect(weekStart(Date.UTC(2026, 6, 1, 12))).toBe(Date.UTC(2026, 5, 28, 23)); // summer: BST
    expect(weekStart(Date.UTC(2026, 5, 28, 23, 30))).toBe(Date.UTC(2026, 5, 28, 23)); // Monday 00:30 BST
    expect(weekStart(Date.UTC(2026, 2, 31, 9)) - weekStart(Date.UTC(2026, 2, 24, 9))).toBe(WEEK_MS - 3600_000); // the week the clocks went forward
  });

  it('takes a median', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('words for what happened', () => {
  it.each([
    ['crisis', 'I have fallen', 'They wrote: “I have fallen”'],
    ['unmatched', 'need 01ABC: no one said yes in 3 waves', 'No one said yes in 3 waves'],
    ['problem', 'problem reported with match 01XYZ', 'They said there was a problem with the help they had.'],
    ['requested', 'asked to talk to a person from the menu', 'Asked to talk to a person from the menu'],
  ])('%s', (kind, detail, story) => {
    expect(alertStory(kind, detail)).toBe(story);
  });

  it('tells two needs from one sentence apart', () => {
    expect(needLabel({ category: 'shopping', words: 'shopping and a chat' })).toBe('shopping and a chat (shopping)');
    expect(needLabel({ category: 'chat', words: null })).toBe('a phone chat');
    expect(needLabel({ category: 'other', words: 'someone to read to me' })).toBe('someone to read to me');
  });

  it.each([
    [{ direction: 'out', status: 'sent', delivery_status: 'delivered', error: null }, null],
    [{ direction: 'out', status: 'failed', delivery_status: null, error: 'Carrier filtered' }, 'Not sent: Carrier filtered'],
    [{ direction: 'out', status: 'sent', delivery_status: 'undelivered', error: '30005' }, 'Not delivered: 30005'],
    [{ direction: 'out', status: 'cancelled', delivery_status: null, error: 'recipient opted out' }, 'Not sent: recipient opted out'],
    [{ direction: 'in', status: 'failed', delivery_status: null, error: 'boom' }, 'Could not be handled: boom'],
  ] as const)('marks failed sends: %j', (message, why) => {
    expect(failure(message)).toBe(why);
  });

  it('keeps four digits of a number for the sealed search', () => {
    expect(lastFourDigits('+447700900123')).toBe('0123');
    expect(lastFourDigits('810000001')).toBe('0001');
    expect(lastFourDigits('ann')).toBeNull();
  });
});

describe('the chart and CSV', () => {
  const weeks = [0, 1, 2].map((i) => ({
    start: Date.UTC(2026, 10, 16) + i * WEEK_MS,
    needsRaised: i * 3,
    needsMet: i,
    medianMinutesToMatch: null,
    giftsGiven: 0,
    firstTimeGivers: 0,
    problems: 0,
  }));

  it('draws a bar for each week and figure, with a title and description for screen readers', () => {
    const svg = weeklyChart(weeks);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="chart-title chart-desc"/);
    expect(svg).toContain('<desc id="chart-desc">Over 3 weeks, 9 needs were raised and 3 were met. The table below gives each week.</desc>');
    expect(svg.match(/class="raised"/g)).toHaveLength(4); // three bars and the key
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(weeklyChart(weeks.map((w) => ({ ...w, needsRaised: 0, needsMet: 0 })))).not.toMatch(/NaN|Infinity/);
  });

  it('writes CSV a spreadsheet reads, and runs no formula someone typed', () => {
    const text = csvRows([
      ['Name', 'Words', 'Count'],
      ['Ann', '=HYPERLINK("http://evil")', 3],
      ['Bea, "B"', 'line\nbreak', null],
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parse(text)).toEqual([
      ['Name', 'Words', 'Count'],
      ['Ann', `'=HYPERLINK("http://evil")`, '3'],
      ['Bea, "B"', 'line\nbreak', ''],
    ]);
  });
});
