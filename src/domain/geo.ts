/**
 * Where people are, as far as matching needs to know. Pure.
 *
 * With coordinates (a shared Telegram location, or an imported postcode centroid) we
 * know the distance. Without, a postcode still tells roughly how near: the same
 * sector is a few streets, the same outcode a district, a neighbouring outcode next
 * door, the same area a town or more. Each tier stands for a distance so the two
 * kinds of knowledge can be compared with a volunteer's range.
 */

export interface LatLon {
  latitude: number;
  longitude: number;
}

export interface PostcodePlace {
  postcode: string | null;
  sector: string | null;
  outcode: string | null;
  area: string | null;
}

const EARTH_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km (haversine): good to a few metres at these scales. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Grid cells of a fiftieth of a degree (about 2.2 km north-south, 1.4 km east-west in
 * the UK): small enough that a search in a city reads a few streets' worth of
 * volunteers, not the whole city. Stored in candidates.cell; changing it needs a
 * migration that recomputes that column (see 2026-11-26T0600_search_rings).
 */
export const CELL_DEGREES = 0.02;

export function cellOf(p: LatLon): string {
  return `${Math.floor(p.latitude / CELL_DEGREES)}:${Math.floor(p.longitude / CELL_DEGREES)}`;
}

/** Every cell that holds a point within `km` of `p`: the nearby search asks for these. */
export function cellsWithin(p: LatLon, km: number): string[] {
  const dLat = km / 111.2;
  const dLon = km / (111.2 * Math.max(0.05, Math.cos(rad(p.latitude))));
  const cells: string[] = [];
  for (let y = Math.floor((p.latitude - dLat) / CELL_DEGREES); y <= Math.floor((p.latitude + dLat) / CELL_DEGREES); y++) {
    for (let x = Math.floor((p.longitude - dLon) / CELL_DEGREES); x <= Math.floor((p.longitude + dLon) / CELL_DEGREES); x++) {
      cells.push(`${y}:${x}`);
    }
  }
  return cells;
}

/** "SA1" gives "SA", "SW1A" gives "SW", "M1" gives "M". */
export function areaOf(outcode: string | null): string | null {
  if (!outcode) return null;
  return /^[A-Z]{1,2}/.exec(outcode.toUpperCase())?.[0] ?? null;
}

/** The distance each postcode tier stands for, in km. */
export const TIER_KM = { postcode: 0.2, sector: 1, outcode: 3, neighbour: 6, area: 12 } as const;

/**
 * How far apart two people probably are: exact when both have coordinates, else the
 * closest postcode tier they share. Null when nothing says they are near at all.
 */
export function estimateKm(
  a: { location: LatLon | null; place: PostcodePlace | null },
  b: { location: LatLon | null; place: PostcodePlace | null },
  neighbours: readonly string[] = [],
): number | null {
  if (a.location && b.location) return distanceKm(a.location, b.location);
  const p = a.place;
  const q = b.place;
  if (!p || !q) return null;
  if (p.postcode && p.postcode === q.postcode) return TIER_KM.postcode;
  if (p.sector && p.sector === q.sector) return TIER_KM.sector;
  if (p.outcode && p.outcode === q.outcode) return TIER_KM.outcode;
  if (q.outcode && neighbours.includes(q.outcode)) return TIER_KM.neighbour;
  if (p.area && p.area === q.area) return TIER_KM.area;
  return null;
}

/** The farthest anyone is asked to go: the top of the "how far" choices (10 miles). */
export const MAX_TRAVEL_KM = 16;
