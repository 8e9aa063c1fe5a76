/**
 * `npm run coordinator`: adding an account prints a one-time link; link, list and
 * remove do what they say, and mistakes get a line saying what to type instead. Its
 * arguments are read strictly, like every valued command's: a mistyped flag is refused
 * (never taken as part of a name), and --help prints the usage and touches nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCoordinatorCommand } from '../../src/cli/coordinator.js';
import { loadConfig } from '../../src/platform/config.js';
import { peekSignInToken } from '../../src/store/coordinators.repository.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

describe('npm run coordinator', () => {
  let t: TestDb;
  const config = loadConfig({ PUBLIC_BASE_URL: 'https://valued.example.org/' });
  const now = Date.UTC(2026, 11, 1, 9);
  const run = (...args: string[]) => runCoordinatorCommand(t.store.db, config, args, now);
  const tokenOf = (out: string) => /https:\/\/valued\.example\.org\/console\/sign-in\/([\w-]{43})\n/.exec(out)?.[1];

  beforeAll(async () => {
    t = await createTestDb('sqlite');
  });
  afterAll(async () => t?.drop());

  it('--help prints the usage and does nothing else', async () => {
    expect(await run('--help')).toEqual({
      code: 0,
      out: expect.stringMatching(/^Usage:\n {2}npm run coordinator -- add "First Last" \[--phone \+447700900123\]\n/) as string,
    });
    expect(await run('add', 'Sian Evans', '--help')).toMatchObject({ code: 0 });
    // From the command line, before any setting is read or any database opened.
    const dir = mkdtempSync(join(tmpdir(), 'valued-coordinator-'));
    try {
      const file = join(dir, 'valued.db');
      const p = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/coordinator.ts', '--help'], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: `sqlite:${file}`, PORT: 'not a port' },
        encoding: 'utf8',
      });
      expect(p.status).toBe(0);
      expect(p.stdout).toMatch(/^Usage:/);
      expect(existsSync(file)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a flag it does not know rather than take it for part of a name', async () => {
    const typo = await run('add', 'Bob', 'Jones', '--phnoe', '+447700900123');
    expect(typo.code).toBe(2);
    expect(typo.out).toMatch(/^Unknown option '--phnoe'.*\n\nUsage:/s);
    expect(await run('list', '--phone', '+447700900123')).toMatchObject({ code: 2, out: expect.stringMatching(/^--phone is only for add\./) as string });
    expect(await run('add', 'Bob', '--phone')).toMatchObject({ code: 2 });
  });

  it('says the console is off while there are no accounts', async () => {
    expect(await run('list')).toEqual({ code: 0, out: 'No coordinator accounts yet, so the console is off. Add one: npm run coordinator -- add "First Last"' });
  });

  it('adds an account and prints its sign-in link', async () => {
    const added = await run('add', 'Sian', 'Evans', '--phone', '+447700900123');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^Added Sian Evans \(id \w+\)\.\nTheir sign-in link works once, for 24 hours\. Send it to them privately:\n\n {2}https:/);
    expect((await peekSignInToken(t.store.db, tokenOf(added.out)!, now))?.name).toBe('Sian Evans');
    expect(await run('add', 'sian evans')).toEqual({
      code: 1,
      out: 'Sian Evans already has an account. For a new sign-in link: npm run coordinator -- link "Sian Evans"',
    });
  });

  it.each([
    [['add'], /^Give their name\./],
    [['add', 'Bob', '--phone', '07700 900123x'], /^The phone number must be in \+44\.\.\. form/],
    [['link', 'Nobody'], /^No account for "Nobody"/],
    [['remove', 'Nobody'], /^No account for "Nobody"/],
    [['frobnicate'], /^Usage:/],
  ])('%j is refused with a line saying what to do', async (args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(message);
  });

  it('makes a new link, lists accounts with masked numbers, and removes one', async () => {
    const link = await run('link', 'SIAN EVANS');
    expect((await peekSignInToken(t.store.db, tokenOf(link.out)!, now))?.name).toBe('Sian Evans');
    expect((await run('list')).out).toMatch(/^Sian Evans {2}\| {2}\+44770\*{4}123 {2}\| {2}added 1 Dec 2026 {2}\| {2}never signed in {2}\| {2}\w+$/);
    expect(await run('remove', 'Sian Evans')).toEqual({ code: 0, out: 'Removed Sian Evans: signed out everywhere, and their links no longer work.' });
    expect(await peekSignInToken(t.store.db, tokenOf(link.out)!, now)).toBeUndefined();
    expect((await run('list')).out).toMatch(/REMOVED 1 Dec 2026/);
  });
});
