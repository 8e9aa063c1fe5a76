/**
 * The Reports page's chart: needs raised and needs met each week, as bars, drawn on
 * the server as SVG. No script, nothing to load; it has a title and a description for
 * screen readers, and the table beside it carries the same figures. Pure.
 */
import type { WeekFigures } from '../store/reports.repository.js';
import { date } from './format.js';

const WIDTH = 720;
const HEIGHT = 260;
const PAD = { top: 20, right: 16, bottom: 48, left: 44 };

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A round number at or above `max` to end the scale on, with its ticks. */
function scale(max: number): { top: number; ticks: number[] } {
  if (max <= 0) return { top: 4, ticks: [0, 1, 2, 3, 4] };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  const top = Math.ceil(max / step) * step;
  return { top, ticks: Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step) };
}

/** The SVG markup, ready to place in the page. */
export function weeklyChart(weeks: readonly WeekFigures[]): string {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const { top, ticks } = scale(Math.max(0, ...weeks.map((w) => Math.max(w.needsRaised, w.needsMet))));
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const slot = plotW / Math.max(1, weeks.length);
  const bar = Math.max(2, slot * 0.36);
  const parts: string[] = [];
  for (const tick of ticks) {
    parts.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end">${tick}</text>`);
  }
  weeks.forEach((w, i) => {
    const x = PAD.left + i * slot + (slot - 2 * bar) / 2;
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${y(w.needsRaised).toFixed(1)}" width="${bar.toFixed(1)}" height="${(PAD.top + plotH - y(w.needsRaised)).toFixed(1)}" class="raised"/>`,
    );
    parts.push(
      `<rect x="${(x + bar).toFixed(1)}" y="${y(w.needsMet).toFixed(1)}" width="${bar.toFixed(1)}" height="${(PAD.top + plotH - y(w.needsMet)).toFixed(1)}" class="met"/>`,
    );
    if ((weeks.length - 1 - i) % 2 === 0 || weeks.length <= 8) {
      parts.push(
        `<text x="${(x + bar).toFixed(1)}" y="${HEIGHT - PAD.bottom + 18}" text-anchor="middle">${escapeXml(date(w.start).replace(/ \d{4}$/, ''))}</text>`,
      );
    }
  });
  const total = (k: 'needsRaised' | 'needsMet') => weeks.reduce((n, w) => n + w[k], 0);
  const description = `Over ${weeks.length} weeks, ${total('needsRaised')} needs were raised and ${total('needsMet')} were met. The table below gives each week.`;
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="chart-title">Needs raised and met each week</title>`,
    `<desc id="chart-desc">${escapeXml(description)}</desc>`,
    ...parts,
    `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" class="axis"/>`,
    `<rect x="${PAD.left}" y="${HEIGHT - 18}" width="12" height="12" class="raised"/><text x="${PAD.left + 18}" y="${HEIGHT - 8}">Needs raised</text>`,
    `<rect x="${PAD.left + 140}" y="${HEIGHT - 18}" width="12" height="12" class="met"/><text x="${PAD.left + 158}" y="${HEIGHT - 8}">Needs met</text>`,
    '</svg>',
  ].join('');
}
