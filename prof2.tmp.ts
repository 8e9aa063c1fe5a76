import { understanderFor } from './src/understanding/understand.js';
import { loadCorpus, CHOICES } from './tests/understanding/score.js';
const u = understanderFor('en') as any;
const lines = loadCorpus();
const times = new Map<string, number>();
function wrap(obj: any, name: string, label: string) {
  const orig = obj[name].bind(obj);
  obj[name] = (...args: unknown[]) => { const t = performance.now(); const r = orig(...args); times.set(label, (times.get(label) ?? 0) + performance.now() - t); return r; };
}
for (const l of lines) u.understand(l.text, { lang: 'en', expecting: l.asked, choices: CHOICES[l.asked] });
wrap(u, 'analyse', 'analyse'); wrap(u.crisis, 'read', 'crisis'); wrap(u.answers, 'yesNo', 'yesNo'); wrap(u.answers, 'questionClauses', 'questions'); wrap(u.items, 'read', 'items'); wrap(u.names, 'find', 'names'); wrap(u.answers, 'isProblem', 'problem'); wrap(u.answers, 'times', 'times'); wrap(u.items, 'weakDoubtIn','weak'); wrap(u.items,'names','itemnames');
const t = performance.now();
for (let k = 0; k < 5; k++) for (const l of lines) u.understand(l.text, { lang: 'en', expecting: l.asked, choices: CHOICES[l.asked] });
const total = performance.now() - t;
console.log('per msg', (total * 1000 / lines.length / 5).toFixed(0), 'µs');
for (const [k, v] of [...times].sort((a, b) => b[1] - a[1])) console.log(k, (v * 1000 / lines.length / 5).toFixed(0), 'µs');
