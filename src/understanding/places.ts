/**
 * UK postcodes as people type them, anywhere in a message: "sa1 1aa", "SA11AA",
 * "its SA2 0DZ", "S A 2 9 P Q", "SA1 lAA" (a letter l for a one), or just the first
 * half ("SA2", "CF10"), which some people would rather give and which is enough to
 * find help nearby. The `postcode` library does the checking.
 */
import { isValid, parse as parsePostcode, validOutcode } from 'postcode';
import type { Analysed } from './text.js';

/** The postcode areas of the UK, Channel Islands and Isle of Man ("SA", "M"), so "gr8" is not a place. */
const AREAS = new Set(
  (
    'AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU ' +
    'HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP ' +
    'SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE'
  ).split(' '),
);

/** A place as precise as the member chose to give: a full postcode or just its outcode. */
export interface Place {
  postcode: string | null;
  outcode: string;
  sector: string | null;
}

/**
 * A full postcode, or null. The outward code must hold a digit as typed ("point" is
 * never P0 1NT); the inward code starts with a digit, so a typed l, i or o there is
 * read as the 1 or 0 it stands for.
 */
function full(candidate: string, slips = false): Place | null {
  const squashed = candidate.toUpperCase().replace(/\s+/g, '');
  if (squashed.length < 5 || squashed.length > 7) return null;
  const outward = squashed.slice(0, -3);
  if (!/^[A-Z]{1,2}\d/.test(outward) || !AREAS.has(/^[A-Z]+/.exec(outward)![0])) return null;
  const typed = squashed.slice(-3);
  if (!/^\d/.test(typed) && !slips) return null;
  const inward = typed.replace(/^[LI]/, '1').replace(/^O/, '0');
  const code = `${outward} ${inward}`;
  if (!isValid(code)) return null;
  const p = parsePostcode(code);
  return p.valid ? { postcode: p.postcode, outcode: p.outcode, sector: p.sector } : null;
}

/** Words before a lone outcode that say it is where they are ("I'm in SA2", "near CF10"). */
const PLACE_CUES = new Set(['in', 'near', 'postcode', 'at', 'from', 'live', 'round', 'around', 'area', 'is', 'its', 'nr', 'by', 'to']);

/**
 * The postcode in a message, or null. When more than one is given ("SW1A 1AA jk its
 * sa1 2ef") the last one is taken: people correct themselves. A lone outcode counts
 * when it has an area of two letters ("SA2"), or, when `asked`, any valid outcode ("M1").
 * Unasked, a lone outcode counts only said as a place ("I'm in SA2") or on its own: a
 * vitamin B12, the M62 or a Ford KA2 is not where someone lives.
 */
export function findPlace(a: Analysed, asked: boolean): Place | null {
  const words = a.tokens.map((t) => t.raw.replace(/'/g, ''));
  let found: Place | null = null;
  // Outward and inward code as two words, or as one ("SA11AA").
  for (let i = 0; i < words.length; i++) {
    const next = words[i + 1];
    // Two words: an outward code and a three-character inward code ("sa1 1aa", "SA1 lAA").
    const pair = next !== undefined && next.length === 3 && words[i]!.length <= 4 ? full(`${words[i]} ${next}`, true) : null;
    const one = full(words[i]!);
    const hit = pair ?? one;
    if (hit) {
      found = hit;
      if (pair) i++;
    }
  }
  if (found) return found;
  // Spelt out a letter at a time: "S A 2 9 P Q".
  const squashed = a.text.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (squashed.length >= 5 && squashed.length <= 7) {
    const whole = full(squashed);
    if (whole) return whole;
  }
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (!/\d/.test(w) || !/^[a-z]/.test(w) || !validOutcode(w) || !AREAS.has(/^[a-z]+/.exec(w)![0].toUpperCase())) continue;
    // Two letters ("SA2"), or one letter and two digits ("G31", "M14"); "b4" only when asked.
    // Said as a place: after "in", "near" and the like, on its own, as a thought of its own
    // ("Im Mary, CH41"), or after the town's name ("Ashington NE63").
    const before = a.tokens[i - 1];
    const saidAsPlace =
      asked ||
      words.length <= 2 ||
      PLACE_CUES.has(words[i - 1]?.toLowerCase() ?? '') ||
      PLACE_CUES.has(words[i - 2]?.toLowerCase() ?? '') ||
      before === undefined ||
      before.clause !== a.tokens[i]!.clause ||
      (before.kind === 'word' && /^\p{Lu}\p{Ll}+$/u.test(a.text.slice(before.start, before.end)) && i - 1 > 0);
    if (saidAsPlace && (/^[a-z]{2}\d/.test(w) || /^[a-z]\d\d$/.test(w) || asked)) return { postcode: null, outcode: w.toUpperCase(), sector: null };
  }
  return null;
}
