/**
 * Importing postcode centroids and neighbours, on both dialects, and what it changes:
 * members get coordinates, and matching uses real distance.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFields, importNeighbours, importPostcodes } from '../../src/cli/import-postcodes.js';
import { transact } from '../../src/store/database.js';
import { findOrCreateIdentity, replaceItems, updateMember } from '../../src/store/members.repository.js';
import { refreshCandidates } from '../../src/store/candidates.repository.js';
import { FakeClock, sequentialIds } from '../helpers/clock.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/db.js';

const ONSPD_LIKE = [
  '"pcd","pcd2","pcds","dointr","doterm","lat","long"',
  '"SA1 1AA","SA1  1AA","SA1 1AA","198001","","51.618410","-3.939840"',
  '"SA1 1AB","SA1  1AB","SA1 1AB","198001","","51.620000","-3.941000"',
  '"SA1 1ZZ","SA1  1ZZ","SA1 1ZZ","198001","200012","99.999999","0.000000"',
  '"NOT A PC","","NOT A PC","","","51.0","-3.0"',
];

describe('csvFields', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['"a, b",c', ['a, b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    [' a , b ', ['a', 'b']],
  ])('%j', (line, fields) => {
    expect(csvFields(line)).toEqual(fields);
  });
});

describe.each(DIALECTS)('importing postcodes on $label', ({ dialect, available }) => {
  let t: TestDb;
  const clock = new FakeClock();
  const ids = sequentialIds(`${dialect}-pc`);
  beforeAll(async () => {
    if (available) t = await createTestDb(dialect);
  });
  afterAll(async () => t?.drop());

  it.skipIf(!available)('imports centroids, skips terminated and broken rows, and places members who had only a postcode', async () => {
    const identity = await transact(t.store, (trx) => findOrCreateIdentity(trx, 'sms', '+447700908001', clock.now(), ids));
    await updateMember(t.store.db, identity.member_id, { postcode: 'SA1 1AB', outcode: 'SA1', sector: 'SA1 1' }, clock.now());
    await replaceItems(t.store.db, identity.member_id, 'offers', [{ category: 'shopping' }], clock.now(), ids);
    await refreshCandidates(t.store.db, identity.member_id);

    expect(await importPostcodes(t.store, ONSPD_LIKE)).toEqual({ imported: 2, skipped: 2, membersLocated: 1 });
    expect(await t.store.db.selectFrom('postcodes').selectAll().orderBy('postcode').execute()).toEqual([
      { postcode: 'SA1 1AA', latitude: 51.61841, longitude: -3.93984 },
      { postcode: 'SA1 1AB', latitude: 51.62, longitude: -3.941 },
    ]);
    const candidate = await t.store.db
      .selectFrom('candidates')
      .select(['latitude', 'longitude', 'cell'])
      .where('member_id', '=', identity.member_id)
      .executeTakeFirstOrThrow();
    expect(candidate).toEqual({ latitude: 51.62, longitude: -3.941, cell: '2581:-198' });
    // Importing again updates in place.
    expect((await importPostcodes(t.store, ['SA1 1AA,51.7,-3.9'])).imported).toBe(1);
    expect(await t.store.db.selectFrom('postcodes').select('latitude').where('postcode', '=', 'SA1 1AA').executeTakeFirstOrThrow()).toEqual({ latitude: 51.7 });
  });

  it.skipIf(!available)('imports neighbouring outcodes both ways', async () => {
    expect(await importNeighbours(t.store, ['outcode,neighbour', 'SA1,SA2', 'sa2,sa3', 'SA1,SA1'])).toMatchObject({ imported: 2, skipped: 2 });
    const rows = await t.store.db.selectFrom('outcode_neighbours').selectAll().orderBy('outcode').orderBy('neighbour').execute();
    expect(rows.map((r) => `${r.outcode}>${r.neighbour}`)).toEqual(['SA1>SA2', 'SA2>SA1', 'SA2>SA3', 'SA3>SA2']);
  });
});

describe('npm run import:postcodes', () => {
  it('imports a file and says what it did', () => {
    const dir = mkdtempSync(join(tmpdir(), 'valued-import-'));
    const file = join(dir, 'postcodes.csv');
    writeFileSync(file, ONSPD_LIKE.join('\n'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/import-postcodes.ts', file], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${join(dir, 'v.db')}` },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`Reading ${file}...\nPlacing members at their postcodes...\nImported 2 postcodes (2 lines skipped); 0 members placed.\n`);
    expect(run.status).toBe(0);
  });

  it('--help prints the usage and touches no database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'valued-import-'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/import-postcodes.ts', '--help'], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${join(dir, 'v.db')}` },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run import:postcodes -- FILE\.csv/);
    expect(existsSync(join(dir, 'v.db'))).toBe(false);
  });
});

describe('import progress', () => {
  it('is reported every so many lines, then while members are placed', async () => {
    const t = await createTestDb('sqlite');
    try {
      const events: unknown[] = [];
      const lines = ['postcode,lat,long', ...Array.from({ length: 5 }, (_, i) => `SA1 ${i + 1}AA,51.6,-3.9`)];
      await importPostcodes(t.store, lines, { every: 2, progress: (e) => events.push(e) });
      expect(events).toEqual([
        { phase: 'reading', lines: 2, imported: 1 },
        { phase: 'reading', lines: 4, imported: 3 },
        { phase: 'reading', lines: 6, imported: 5 },
        { phase: 'placing' },
      ]);
    } finally {
      await t.drop();
    }
  });
});
