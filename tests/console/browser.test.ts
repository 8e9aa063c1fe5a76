/**
 * The console in a real browser (Chromium), against the whole service: members sign
 * up by SMS through signed webhooks, replies go to a fake Twilio. A coordinator made
 * with `npm run coordinator` signs in with the link it printed, sees a crisis alert
 * first and resolves it, finds a person and reads their conversation (a failed send
 * marked, and why), sends them a message, matches a need by hand and sees the
 * volunteer's SMS arrive at the fake Twilio, exports needs as CSV and reads it back.
 * axe-core runs on every page: no serious or critical violation.
 *
 * CONSOLE_SCREENSHOTS=1 also saves the main pages to docs/console/*.png.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_URL, startTestApp, waitFor, type TestApp } from '../helpers/app.js';
import { focused, launchBrowser, pageErrors, seriousViolations } from '../helpers/browser.js';

const SAM = '+447700909001';
const TOM = '+447700909002';
const ANN = '+447700909003';
const BRYN = '+447700909004';
const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS === '1';

describe('the console in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let asked = '';
  const checked: string[] = [];

  /** Sends an SMS as a member and waits for the bot's answer. */
  async function sms(from: string, text: string): Promise<string> {
    const before = app.twilio!.bodiesTo(from).length;
    expect((await app.sms(from, text)).status).toBe(200);
    return waitFor(() => app.twilio!.bodiesTo(from)[before], `an answer to "${text}" from ${from}`, 20_000);
  }

  /** `npm run coordinator -- ...`, as whoever runs valued would type it. */
  function coordinatorCli(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/coordinator.ts', ...args], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          DATABASE_URL: app.valued.config.database.url,
          PUBLIC_BASE_URL: PUBLIC_URL,
          LOG_LEVEL: 'silent',
        },
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`coordinator ${args.join(' ')} exited ${code}: ${out}`))));
    });
  }

  /** axe on the page as it stands; the name is for the failure message. */
  async function accessible(name: string): Promise<void> {
    checked.push(name);
    expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  }

  async function screenshot(name: string): Promise<void> {
    if (!SCREENSHOTS) return;
    mkdirSync('docs/console', { recursive: true });
    await page.screenshot({ path: `docs/console/${name}.png`, fullPage: true });
  }

  async function go(menu: string): Promise<void> {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: menu, exact: true }).click();
    await page.waitForLoadState();
  }

  beforeAll(async () => {
    app = await startTestApp({ twilio: true, env: { MATCH_WAVE_SIZE: '1', MATCH_WAVE_DELAY_SECONDS: '600' } });
    // Two volunteers nearby; the first wave asks one of them (waves of one).
    for (const [number, name, postcode] of [
      [SAM, 'Sam', 'SA1 1AB'],
      [TOM, 'Tom', 'SA1 1AD'],
    ] as const) {
      for (const text of ['VOLUNTEER', 'yes', name, postcode, '1', '3', '4']) await sms(number, text);
      expect(await sms(number, 'yes')).toMatch(/^You're on the list/);
    }
    for (const text of ['hi', 'yes', 'Ann', 'SA1 1AA', 'shopping', 'I can teach knitting']) await sms(ANN, text);
    expect(await sms(ANN, 'yes')).toMatch(/^Thank you, Ann!/);
    const ask = await waitFor(
      () => [SAM, TOM].find((n) => app.twilio!.bodiesTo(n).some((b) => b.startsWith('Can you help?'))),
      'the first wave to ask someone',
      20_000,
    );
    asked = ask;
    for (const text of ['hi', 'yes', 'Bryn', 'SA1 2BB', '2', '6']) await sms(BRYN, text); // medicines; gives nothing yet
    await sms(BRYN, 'yes');
    await sms(BRYN, 'I have fallen and cant get up');
    await waitFor(() => app.valued.store.db.selectFrom('alerts').select('id').where('kind', '=', 'crisis').executeTakeFirst(), 'the crisis alert');
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    errors = pageErrors(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('signs in with the link `npm run coordinator -- add` printed', async () => {
    expect((await fetch(`${app.url}/console`)).status).toBe(404); // no account yet: no console
    const printed = await coordinatorCli(['add', 'Sian Evans', '--phone', '+447700900999']);
    const link = /https:\/\/valued\.example\.org(\/console\/sign-in\/\S+)/.exec(printed)?.[1];
    expect(link, printed).toBeDefined();
    await page.goto(`${app.url}${link}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sign in as Sian Evans');
    await accessible('sign in with a link');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${app.url}/console`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Today');
    expect(await coordinatorCli(['list'])).toMatch(/^Sian Evans {2}\| {2}\+44770\*{4}999 {2}\| {2}added .* {2}\| {2}last signed in /);
  }, 60_000);

  it('shows the crisis first; a keyboard user can skip to it', async () => {
    const first = page.locator('.card').first();
    await expect(first.getByRole('heading').textContent()).resolves.toMatch(/Urgent\s+May be in danger: Bryn/);
    await expect(first.textContent()).resolves.toContain('They wrote: “I have fallen and cant get up”');
    await accessible('Today');
    await screenshot('today');
    await page.keyboard.press('Tab');
    expect((await focused(page))?.text).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect((await focused(page))?.id).toBe('main-content');
  });

  it('resolves the crisis alert with a note; an empty note gets the error summary, focused', async () => {
    await page.getByRole('link', { name: 'Resolve the alert about Bryn' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('May be in danger: Bryn');
    await accessible('an alert');
    await screenshot('alert');
    await page.getByRole('button', { name: 'Resolve alert' }).click();
    await page.locator('.error-summary').waitFor();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    expect((await focused(page))?.className).toBe('error-summary');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Enter what you did, so others know');
    await accessible('an alert, with an error');
    await page.getByLabel('What did you do?').fill('Called Bryn. Her neighbour is with her; no ambulance needed.');
    await page.getByRole('button', { name: 'Resolve alert' }).click();
    await page.waitForURL(`${app.url}/console`);
    await expect(page.locator('.banner').textContent()).resolves.toContain('Alert resolved: May be in danger, Bryn');
    expect(await page.locator('.card').allTextContents()).not.toContainEqual(expect.stringContaining('May be in danger: Bryn'));
    const alert = await app.valued.store.db.selectFrom('alerts').select(['resolved_by', 'note']).where('kind', '=', 'crisis').executeTakeFirstOrThrow();
    expect(alert.note).toBe('Called Bryn. Her neighbour is with her; no ambulance needed.');
    expect(alert.resolved_by).not.toBeNull();
  });

  it('finds a person and reads their conversation; a message sent from the console goes by SMS, a failed one is marked', async () => {
    await go('People');
    await accessible('People');
    await page.getByLabel('Find someone').fill('ann');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=ann/);
    await expect(page.getByRole('heading', { name: /found for first name/ }).textContent()).resolves.toBe('1 person found for first name “ann”');
    await accessible('People, results');
    await page.getByRole('link', { name: 'Ann', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Ann');
    const chat = page.locator('.chat');
    await expect(chat.locator('.chat__message--in').allTextContents()).resolves.toContainEqual(expect.stringContaining('I can teach knitting'));
    await expect(chat.locator('.chat__message--out').allTextContents()).resolves.toContainEqual(expect.stringContaining('Thank you, Ann!'));
    expect(await page.textContent('main')).toContain('+44770****003');
    expect(await page.textContent('main')).not.toContain(ANN);

    await page.getByLabel('Send Ann a message').fill('Hello Ann, it is Sian. Is tomorrow morning good for your shopping?');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.locator('.banner', { hasText: 'Message sent through the bot' }).waitFor();
    await waitFor(
      () => app.twilio!.bodiesTo(ANN).find((b) => b === 'Sian at valued: Hello Ann, it is Sian. Is tomorrow morning good for your shopping?'),
      "Sian's message at the fake Twilio",
    );

    app.twilio!.failNext({ status: 400, code: 30007, message: 'Message filtered by the carrier' });
    await page.getByLabel('Send Ann a message').fill('A second note');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.locator('.banner', { hasText: 'Message sent through the bot' }).waitFor();
    await waitFor(
      async () => (await app.outbound('sms', ANN)).find((m) => m.body.endsWith('A second note') && m.status === 'failed'),
      'the refused message to be marked failed',
    );
    await page.reload();
    const failed = page.locator('.chat__message--failed');
    await expect(failed.textContent()).resolves.toMatch(/A second note[\s\S]*Failed\. Not sent: .*Message filtered by the carrier/);
    await accessible('a person');
    await screenshot('person');

    await page.getByRole('button', { name: 'Show number' }).click();
    await page.locator('.banner', { hasText: 'Numbers are shown for 5 minutes' }).waitFor();
    expect(await page.textContent('main')).toContain(ANN);
  });

  it('matches a need by hand from the ranked candidates: the volunteer gets the request by SMS and says yes', async () => {
    const other = asked === SAM ? TOM : SAM;
    const otherName = other === SAM ? 'Sam' : 'Tom';
    await go('Needs');
    await accessible('Needs');
    await page.getByLabel('Area').fill('sa1');
    await page.getByLabel('State').selectOption({ label: 'Waiting' });
    await page.getByLabel('Kind of help').selectOption({ label: 'shopping' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/area=sa1&category=shopping/);
    await expect(page.locator('caption').textContent()).resolves.toBe('Needs 1 to 1 of 1');
    await accessible('Needs, filtered');
    await screenshot('needs');
    await page.getByRole('link', { name: 'shopping (shopping)' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Ann: shopping');
    await accessible('a need');
    await screenshot('need');
    await page.getByRole('button', { name: `Ask ${otherName}` }).click();
    await expect(page.locator('.banner').textContent()).resolves.toContain(`We have asked ${otherName}`);
    const request = await waitFor(
      () => app.twilio!.bodiesTo(other).find((b) => b.startsWith('Can you help?')),
      `the request to ${otherName} at the fake Twilio`,
    );
    const code = /^Can you help\? Shopping for someone near SA1\. Reply YES (\d{4}) or NO \1$/.exec(request)?.[1];
    expect(code, request).toBeDefined();
    expect(await sms(other, `YES ${code}`)).toMatch(/^Thank you! You're helping Ann with shopping\./);
    await waitFor(() => app.twilio!.bodiesTo(ANN).find((b) => b.startsWith(`Good news! ${otherName} can help with shopping.`)), 'Ann to hear');
    await page.reload();
    await expect(page.locator('.caption').textContent()).resolves.toBe('Need · Matched');
  }, 60_000);

  it('shows gifts in the giver’s own words with the measure, and the weekly report', async () => {
    await go('Gifts');
    await expect(page.getByRole('cell', { name: 'teach knitting (teach a skill)' }).count()).resolves.toBe(1);
    await expect(page.locator('.measure').textContent()).resolves.toMatch(/1 of 2\s+members who asked for help also offered something \(50%\)/);
    await accessible('Gifts');
    await screenshot('gifts');
    await go('Reports');
    await expect(page.getByRole('img', { name: 'Needs raised and met each week' }).count()).resolves.toBe(1);
    await accessible('Reports');
    await screenshot('reports');
  });

  it('exports needs as a CSV that parses, with numbers masked', async () => {
    await page.getByLabel('Needs', { exact: true }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^valued-needs-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse<Record<string, string>>(readFileSync(await download.path()), { bom: true, columns: true });
    const ann = rows.filter((r) => r['First name'] === 'Ann');
    expect(ann).toEqual([expect.objectContaining({ Area: 'SA1', Kind: 'shopping', 'What they said': 'shopping', State: 'Matched', Number: "'+44770****003" })]);
    expect(rows.find((r) => r['First name'] === 'Bryn')).toMatchObject({ 'What they said': '' });
    expect(JSON.stringify(rows)).not.toContain('447700909');
  });

  it('lists every action in the activity log, and shows the queues', async () => {
    await go('Activity');
    const log = await page.textContent('main');
    for (const action of ['signed in', 'resolved an alert', 'sent a message', 'showed a number', 'asked a volunteer', 'exported'])
      expect(log).toContain(action);
    await accessible('Activity');
    await screenshot('activity');
    await go('Queues');
    await page.waitForSelector('text=inbound-0');
    await expect(page.title()).resolves.toBe('valued queues');
  });

  it('signs out; the used link no longer works', async () => {
    await page.goto(`${app.url}/console`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${app.url}/console/sign-in?signed-out`);
    await expect(page.locator('.lead').textContent()).resolves.toBe('You have signed out.');
    await accessible('Sign in');
    await page.goto(`${app.url}/console/people`);
    await page.waitForURL(`${app.url}/console/sign-in`);
    expect(errors, 'errors the pages logged (a CSP refusal would show here)').toEqual([]);
    expect(checked).toHaveLength(14);
  });
});
