/**
 * Importing postcode centroids (and, optionally, which outcodes border each other), so
 * matching can use real distances. Nothing is downloaded: a deployer brings the file.
 *
 *   npm run import:postcodes -- ONSPD.csv
 *   npm run import:postcodes -- --neighbours neighbours.csv
 *
 * Centroid files: a header naming a postcode column (postcode, pcds, pcd, pcd2) and
 * latitude and longitude columns (lat/latitude, long/lng/longitude), as in the ONS
 * Postcode Directory or Code-Point Open converted to WGS84; or no header and the
 * columns postcode,latitude,longitude. Terminated postcodes (ONS gives them
 * 99.999999) and rows that do not parse are skipped and counted.
 * Neighbour files: outcode,neighbour per line; both directions are stored.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { isValid, toNormalised, validOutcode } from 'postcode';
import { argsOrExit } from '../platform/args.js';
import { loadConfig } from '../platform/config.js';
import { migrateToLatest, openDatabase, transact, type Store } from '../store/database.js';
import { addOutcodeNeighbour, placeMemberAt, unplacedMembersWithCentroid, upsertCentroids, type Centroid } from '../store/postcodes.repository.js';

/** Splits one CSV line, honouring double quotes. */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

export interface ImportResult {
  imported: number;
  skipped: number;
  membersLocated: number;
}

const BATCH = 500;

async function* lines(source: AsyncIterable<string> | Iterable<string>): AsyncIterable<string> {
  for await (const line of source) if (line.trim() !== '') yield line;
}

/** Lines between two progress reports. */
export const PROGRESS_EVERY = 50_000;

/** What a long import says as it goes: lines read so far and postcodes kept; then that members are being placed. */
export type Progress = (event: { phase: 'reading'; lines: number; imported: number } | { phase: 'placing' }) => void;

/** Imports centroids from CSV lines, then gives members, candidates and open needs their coordinates. */
export async function importPostcodes(
  store: Store,
  source: AsyncIterable<string> | Iterable<string>,
  options: { progress?: Progress; every?: number } = {},
): Promise<ImportResult> {
  const every = options.every ?? PROGRESS_EVERY;
  let read = 0;
  let columns: { postcode: number; lat: number; lon: number } | null = null;
  let batch: Centroid[] = [];
  let imported = 0;
  let skipped = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await upsertCentroids(store.db, rows);
    imported += rows.length;
  };
  const take = async (line: string) => {
    const fields = csvFields(line);
    if (!columns) {
      const names = fields.map((f) => f.toLowerCase());
      const find = (...options: string[]) => options.map((o) => names.indexOf(o)).find((i) => i >= 0) ?? -1;
      const postcode = find('pcds', 'postcode', 'pcd', 'pcd2');
      const lat = find('lat', 'latitude');
      const lon = find('long', 'lng', 'lon', 'longitude');
      if (postcode >= 0 && lat >= 0 && lon >= 0) {
        columns = { postcode, lat, lon };
        return; // a header
      }
      columns = { postcode: 0, lat: 1, lon: 2 };
    }
    const raw = fields[columns.postcode] ?? '';
    const latitude = Number(fields[columns.lat]);
    const longitude = Number(fields[columns.lon]);
    const ok = isValid(raw) && Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude) < 90 && Math.abs(longitude) <= 180;
    if (!ok) {
      skipped++;
      return;
    }
    batch.push({ postcode: toNormalised(raw)!, latitude, longitude });
    if (batch.length >= BATCH) await flush();
  };
  for await (const line of lines(source)) {
    await take(line);
    if (++read % every === 0) options.progress?.({ phase: 'reading', lines: read, imported: imported + batch.length });
  }
  await flush();
  options.progress?.({ phase: 'placing' });
  return { imported, skipped, membersLocated: await locateMembers(store) };
}

/** Members with a postcode we now hold but no coordinates get the centroid, and their index rows and open needs follow. */
async function locateMembers(store: Store): Promise<number> {
  let located = 0;
  for (;;) {
    const members = await unplacedMembersWithCentroid(store.db, BATCH);
    if (members.length === 0) return located;
    await transact(store, async (trx) => {
      for (const m of members) await placeMemberAt(trx, m.id, m.latitude, m.longitude);
    });
    located += members.length;
  }
}

/** Imports outcode neighbours (outcode,neighbour per line), both directions. */
export async function importNeighbours(store: Store, source: AsyncIterable<string> | Iterable<string>): Promise<ImportResult> {
  let imported = 0;
  let skipped = 0;
  for await (const line of lines(source)) {
    const [a, b] = csvFields(line).map((f) => f.toUpperCase());
    if (!a || !b || !validOutcode(a) || !validOutcode(b) || a === b) {
      skipped++;
      continue;
    }
    for (const [outcode, neighbour] of [
      [a, b],
      [b, a],
    ] as const) {
      await addOutcodeNeighbour(store.db, outcode, neighbour);
    }
    imported++;
  }
  return { imported, skipped, membersLocated: 0 };
}

const CLI = {
  usage: `Usage: npm run import:postcodes -- FILE.csv
       npm run import:postcodes -- --neighbours FILE.csv

Imports postcode centroids (a header naming postcode, latitude and longitude
columns, as in the ONS Postcode Directory) into the database named by DATABASE_URL,
then places members at their postcodes. With --neighbours, FILE.csv holds
outcode,neighbour lines instead. Progress is printed as it goes.
  --neighbours   the file lists neighbouring outcodes
  --help         print this and exit`,
  options: { neighbours: { type: 'boolean' } },
  positionals: true,
} as const;

async function main(): Promise<void> {
  const args = argsOrExit(CLI);
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) {
    process.stderr.write(`${file ? `Unexpected argument '${extra[0]}'` : 'Which file?'}\n\n${CLI.usage}\n`);
    process.exit(2);
  }
  const neighbours = args.values.neighbours === true;
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const config = loadConfig();
  const store = openDatabase(config.database.url, { preparedStatements: config.database.preparedStatements });
  try {
    await migrateToLatest(store.db);
    say(`Reading ${file}...`);
    const source = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    const progress: Progress = (p) =>
      say(p.phase === 'reading' ? `  ${p.lines} lines read, ${p.imported} postcodes so far` : 'Placing members at their postcodes...');
    const result = neighbours ? await importNeighbours(store, source) : await importPostcodes(store, source, { progress });
    say(
      neighbours
        ? `Imported ${result.imported} neighbouring outcode pairs (${result.skipped} lines skipped).`
        : `Imported ${result.imported} postcodes (${result.skipped} lines skipped); ${result.membersLocated} members placed.`,
    );
  } finally {
    await store.close();
  }
}

if (process.argv[1]?.endsWith('import-postcodes.ts') || process.argv[1]?.endsWith('import-postcodes.js')) {
  main().catch((error: unknown) => {
    process.stderr.write(`Import failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
