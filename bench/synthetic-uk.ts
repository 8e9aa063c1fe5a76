/**
 * A synthetic United Kingdom for the matching benchmark: towns and cities where people
 * really cluster (London is a seventh of everyone), outcodes and sectors around them,
 * villages thinly spread between, and people placed around their outcode. Seeded, so
 * SQLite and PostgreSQL get the same country.
 */

/** Deterministic random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller). */
export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** [name, population in thousands, latitude, longitude, postcode areas] */
const TOWNS: [string, number, number, number, string[]][] = [
  ['London', 9000, 51.507, -0.128, ['E', 'N', 'NW', 'SE', 'SW', 'W', 'EC', 'WC', 'BR', 'CR', 'HA', 'IG', 'KT', 'RM', 'SM', 'TW', 'UB', 'EN']],
  ['Birmingham', 2500, 52.486, -1.89, ['B', 'WS', 'DY']],
  ['Manchester', 2800, 53.48, -2.242, ['M', 'OL', 'SK', 'BL', 'WN']],
  ['Leeds', 1800, 53.8, -1.549, ['LS', 'WF']],
  ['Glasgow', 1000, 55.864, -4.252, ['G', 'PA', 'ML']],
  ['Sheffield', 700, 53.381, -1.47, ['S']],
  ['Bradford', 540, 53.795, -1.759, ['BD', 'HX', 'HD']],
  ['Liverpool', 900, 53.408, -2.991, ['L', 'CH', 'WA']],
  ['Edinburgh', 530, 55.953, -3.189, ['EH']],
  ['Bristol', 700, 51.455, -2.588, ['BS', 'BA']],
  ['Cardiff', 480, 51.481, -3.179, ['CF', 'NP']],
  ['Leicester', 500, 52.637, -1.139, ['LE']],
  ['Coventry', 370, 52.406, -1.512, ['CV']],
  ['Nottingham', 730, 52.954, -1.158, ['NG']],
  ['Newcastle', 800, 54.978, -1.618, ['NE', 'SR', 'DH']],
  ['Belfast', 600, 54.597, -5.93, ['BT']],
  ['Swansea', 300, 51.621, -3.944, ['SA']],
  ['Southampton', 400, 50.91, -1.404, ['SO']],
  ['Portsmouth', 450, 50.819, -1.088, ['PO']],
  ['Plymouth', 260, 50.375, -4.143, ['PL']],
  ['Norwich', 210, 52.63, 1.297, ['NR']],
  ['Aberdeen', 220, 57.15, -2.094, ['AB']],
  ['Hull', 310, 53.745, -0.336, ['HU']],
  ['Stoke', 370, 53.003, -2.179, ['ST']],
  ['Derby', 270, 52.923, -1.476, ['DE']],
  ['Wolverhampton', 260, 52.587, -2.129, ['WV']],
  ['Brighton', 290, 50.823, -0.137, ['BN']],
  ['Reading', 320, 51.454, -0.978, ['RG', 'SL']],
  ['Oxford', 160, 51.752, -1.258, ['OX']],
  ['Cambridge', 145, 52.205, 0.122, ['CB']],
  ['Exeter', 130, 50.726, -3.527, ['EX']],
  ['York', 210, 53.96, -1.087, ['YO']],
  ['Dundee', 150, 56.462, -2.971, ['DD']],
  ['Middlesbrough', 330, 54.574, -1.235, ['TS']],
  ['Preston', 320, 53.763, -2.703, ['PR', 'BB', 'FY']],
  ['Luton', 260, 51.879, -0.417, ['LU', 'AL', 'SG']],
  ['Milton Keynes', 250, 52.04, -0.759, ['MK']],
  ['Northampton', 225, 52.24, -0.902, ['NN']],
  ['Ipswich', 140, 52.059, 1.155, ['IP', 'CO']],
  ['Peterborough', 200, 52.573, -0.249, ['PE']],
  ['Chelmsford', 180, 51.736, 0.469, ['CM', 'SS']],
  ['Maidstone', 170, 51.272, 0.529, ['ME', 'TN', 'CT']],
  ['Guildford', 150, 51.236, -0.57, ['GU', 'RH']],
  ['Bournemouth', 400, 50.72, -1.88, ['BH', 'DT', 'SP']],
  ['Gloucester', 250, 51.864, -2.238, ['GL', 'HR', 'WR']],
  ['Lincoln', 100, 53.23, -0.54, ['LN', 'DN']],
  ['Carlisle', 75, 54.892, -2.932, ['CA', 'LA']],
  ['Shrewsbury', 75, 52.707, -2.754, ['SY', 'TF']],
  ['Bangor', 20, 53.228, -4.129, ['LL']],
  ['Llandrindod', 10, 52.242, -3.379, ['LD']],
  ['Truro', 20, 50.263, -5.051, ['TR']],
  ['Taunton', 60, 51.015, -3.106, ['TA']],
  ['Inverness', 50, 57.478, -4.225, ['IV', 'KW', 'PH']],
  ['Stirling', 90, 56.117, -3.936, ['FK', 'KY']],
  ['Dumfries', 35, 55.07, -3.605, ['DG', 'TD', 'KA']],
];

export interface Outcode {
  outcode: string;
  area: string;
  latitude: number;
  longitude: number;
  /** How widely people spread around it, in degrees. */
  spread: number;
  weight: number;
}

export interface Place {
  outcode: string;
  sector: string;
  area: string;
  latitude: number;
  longitude: number;
}

export interface Country {
  outcodes: Outcode[];
  /** Each outcode's six nearest, as a deployer's neighbours file would say. */
  neighbours: [string, string][];
  /** A place for a person, drawn with the population's spread. */
  place(random: () => number): Place;
}

/** About one outcode per 9,000 people, as in the real country (about 2,900 in all). */
export function makeCountry(seed = 1): Country {
  const random = rng(seed);
  const outcodes: Outcode[] = [];
  const total = TOWNS.reduce((n, t) => n + t[1], 0);
  for (const [, thousands, lat, lon, areas] of TOWNS) {
    const count = Math.max(3, Math.round(thousands / 9));
    // The town's radius grows with the square root of its people.
    const spread = 0.018 * Math.sqrt(thousands / 100);
    const perArea = new Map<string, number>();
    for (let i = 0; i < count; i++) {
      const area = areas[i % areas.length]!;
      const n = (perArea.get(area) ?? 0) + 1;
      perArea.set(area, n);
      outcodes.push({
        outcode: `${area}${n}`,
        area,
        latitude: lat + gaussian(random) * spread,
        longitude: lon + (gaussian(random) * spread) / 0.62,
        spread: spread / Math.sqrt(count) + 0.004,
        weight: thousands / total / count,
      });
    }
  }
  // Villages: a sixth of the outcodes are rural, spread thinly across each region.
  const rural = Math.round(outcodes.length / 5);
  for (let i = 0; i < rural; i++) {
    const [, , lat, lon, areas] = TOWNS[Math.floor(random() * TOWNS.length)]!;
    const area = areas[0]!;
    outcodes.push({
      outcode: `${area}${100 + i}`,
      area,
      latitude: lat + gaussian(random) * 0.35,
      longitude: lon + (gaussian(random) * 0.35) / 0.62,
      spread: 0.02,
      weight: 0.15 / rural,
    });
  }
  const sum = outcodes.reduce((n, o) => n + o.weight, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const o of outcodes) cumulative.push((running += o.weight / sum));

  const neighbours: [string, string][] = [];
  for (const o of outcodes) {
    const nearest = outcodes
      .filter((p) => p !== o)
      .map((p) => ({ p, d: (p.latitude - o.latitude) ** 2 + ((p.longitude - o.longitude) * 0.62) ** 2 }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 6);
    for (const { p } of nearest) neighbours.push([o.outcode, p.outcode]);
  }

  return {
    outcodes,
    neighbours,
    place(r) {
      const x = r();
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      const o = outcodes[lo]!;
      const sector = `${o.outcode} ${Math.floor(r() * 10)}`;
      return {
        outcode: o.outcode,
        sector,
        area: o.area,
        latitude: o.latitude + gaussian(r) * o.spread,
        longitude: o.longitude + (gaussian(r) * o.spread) / 0.62,
      };
    },
  };
}
