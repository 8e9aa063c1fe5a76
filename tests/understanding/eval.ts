/**
 * npm run eval:understanding: how well messages are understood, on the labelled
 * corpus in tests/understanding/corpus. Prints per-intent precision and recall, crisis
 * recall and false alarms, gift capture, slots, and the confusions, for the corpus we
 * tune on and, apart, for the held-out set we never tune on.
 *
 *   npm run eval:understanding                 the figures
 *   npm run eval:understanding -- --misses     and every line read wrongly
 */
import { parseArgs } from 'node:util';
import { understanderFor } from '../../src/understanding/understand.js';
import { headline, INTENTS, loadCorpus, pct, score, type Report } from './score.js';

const { values } = parseArgs({ options: { misses: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } }, strict: true });
if (values.help) {
  process.stdout.write('npm run eval:understanding [-- --misses]\n  Prints how well valued reads the labelled corpus (tests/understanding/corpus).\n');
  process.exit(0);
}

function print(title: string, r: Report): void {
  const h = headline(r);
  const out: string[] = [];
  out.push(`\n${title}: ${r.lines} messages, ${r.microsPerMessage.toFixed(0)} µs a message`);
  out.push(`  intent accuracy (every intent right)  ${pct(r.exact, r.lines)}   target >= 95 %`);
  out.push(`  crisis recall (possible or danger)    ${pct(r.crisis.caught, r.crisis.labelled)}   target 100 %   (${r.crisis.caught}/${r.crisis.labelled})`);
  out.push(`  danger read as danger                 ${pct(r.crisis.dangerCaught, r.crisis.danger)}   (${r.crisis.dangerCaught}/${r.crisis.danger})`);
  out.push(
    `  crisis read, or put before a person   ${pct(r.crisis.reached, r.crisis.labelled)}   (${r.crisis.reached}/${r.crisis.labelled}: the rest unread by anyone)`,
  );
  out.push(`  other messages put before a person    ${pct(r.crisis.unplaced, r.crisis.none)}   (${r.crisis.unplaced}/${r.crisis.none}: coordinators' reading)`);
  out.push(`  crisis false alarms                   ${pct(r.crisis.falseAlarms, r.crisis.none)}   target < 2 %   (${r.crisis.falseAlarms}/${r.crisis.none})`);
  out.push(`  crisis grade exactly right            ${pct(r.crisis.gradeRight, r.lines)}`);
  out.push(`  gift capture                          ${pct(r.gifts.captured, r.gifts.labelled)}   target >= 95 %   (${r.gifts.captured}/${r.gifts.labelled})`);
  out.push(`  need kinds found                      ${pct(r.needs.right, r.needs.labelled)}   (${r.needs.right}/${r.needs.labelled})`);
  out.push(`  names / postcodes / codes             ${pct(...r.slots.name)} / ${pct(...r.slots.postcode)} / ${pct(...r.slots.code)}`);
  out.push('  per intent            precision   recall   (labelled)');
  for (const i of INTENTS) {
    const c = r.perIntent[i];
    out.push(`    ${i.padEnd(10)}          ${pct(c.tp, c.tp + c.fp).padStart(8)}  ${pct(c.tp, c.tp + c.fn).padStart(8)}   (${c.tp + c.fn})`);
  }
  const confusions = [...r.confusions].sort((a, b) => b[1] - a[1]).slice(0, 12);
  if (confusions.length) out.push(`  confusions (missing -> extra): ${confusions.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  if (values.misses) {
    for (const m of r.crisisMisses) out.push(`  CRISIS ${m.line.file}:${m.line.line} want ${m.expected} got ${m.got}: ${m.line.text}`);
    for (const m of r.giftMisses) out.push(`  GIFT ${m.line.file}:${m.line.line} want ${m.expected} got ${m.got || '-'}: ${m.line.text}`);
    for (const m of r.misses) out.push(`  ${m.line.file}:${m.line.line} [${m.line.asked}] want {${m.expected}} got {${m.got}}: ${m.line.text}`);
  }
  out.push(
    `  headline: intent ${(100 * h.intentAccuracy).toFixed(1)} %, crisis recall ${(100 * h.crisisRecall).toFixed(1)} %, false alarms ${(100 * h.falseAlarmRate).toFixed(1)} %, gift capture ${(100 * h.giftCapture).toFixed(1)} %`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

const understander = understanderFor('en');
const isHeldOut = (f: string) => f.startsWith('heldout');
print(
  'corpus (tuned on)',
  score(
    understander,
    loadCorpus((f) => !isHeldOut(f)),
  ),
);
const heldOut = loadCorpus(isHeldOut);
if (heldOut.length > 0) print('held-out (never tuned on)', score(understander, heldOut));
