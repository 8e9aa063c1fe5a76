import { understanderFor } from './src/understanding/understand.js';
const u = understanderFor('en');
const [text, expecting] = [process.argv[2]!, process.argv[3] ?? 'idle'];
const a = u.analyse(text);
process.stdout.on("error", () => {}); console.log(a.tokens.map((t) => `${t.word}${t.lemma !== t.word ? '/' + t.lemma : ''}${t.negated ? '!' : ''}@${t.clause}`).join(' '));
console.log(JSON.stringify(u.understand(text, { lang: 'en', expecting: expecting as never }), null, 0));
