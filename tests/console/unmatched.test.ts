/**
 * "No one found" resolves itself: a need that found no one alerts the coordinators;
 * when someone who offers that help joins, is asked and says yes, the alert closes by
 * itself, with a note saying why, and leaves the Today page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATCHED_NOTE } from '../../src/store/alerts.repository.js';
import { startTestApp, waitFor, type TestApp } from '../helpers/app.js';
import { addAccount, signIn } from '../helpers/console.js';

const ANN = '+447700908101';
const SAM = '+447700908102';

describe('an unmatched alert', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ twilio: true, env: { MATCH_MAX_WAVES: '1', MATCH_WAVE_DELAY_SECONDS: '600' } });
  });
  afterAll(async () => app?.close());

  /** Texts valued by SMS as a member (real members: the console leaves out the simulator's sandbox). */
  async function say(from: string, text: string) {
    const before = app.twilio!.bodiesTo(from).length;
    expect((await app.sms(from, text)).status).toBe(200);
    return waitFor(() => app.twilio!.bodiesTo(from)[before], `a reply to "${text}"`);
  }

  it('resolves itself when the need is matched', async () => {
    for (const text of ['hi', 'yes', 'Ann', 'SA1 1AA', '1', 'not now', '1']) await say(ANN, text);
    const alert = await waitFor(
      () => app.valued.store.db.selectFrom('alerts').selectAll().where('kind', '=', 'unmatched').executeTakeFirst(),
      'the unmatched alert',
    );
    expect(alert.resolved_at).toBeNull();
    const { token } = await addAccount(app.valued.store.db, 'Sian Evans');
    const cookie = await signIn(app.url, token);
    expect(await (await fetch(`${app.url}/console`, { headers: { cookie } })).text()).toContain('No one found yet: Ann');

    for (const text of ['VOLUNTEER', 'yes', 'Sam', 'SA1 1AB', '1', '3', '4']) await say(SAM, text);
    await say(SAM, 'yes');
    const ask = await waitFor(() => app.twilio!.bodiesTo(SAM).find((t) => t.startsWith('Can you help?')), 'Sam to be asked');
    const code = /YES (\d{4})/.exec(ask)![1];
    await say(SAM, `YES ${code}`);
    const resolved = await waitFor(async () => {
      const row = await app.valued.store.db
        .selectFrom('alerts')
        .select(['resolved_at', 'resolved_by', 'note'])
        .where('id', '=', alert.id)
        .executeTakeFirstOrThrow();
      return row.resolved_at !== null ? row : undefined;
    }, 'the alert to resolve itself');
    expect(resolved).toMatchObject({ resolved_by: null, note: MATCHED_NOTE });
    expect(await (await fetch(`${app.url}/console`, { headers: { cookie } })).text()).not.toContain('No one found yet: Ann');
  }, 60_000);
});
