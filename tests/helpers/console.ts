/**
 * Signing in to the console over plain HTTP, as a browser would: open the link, take
 * the form's CSRF token and the session cookie, press Sign in. No test-runner imports,
 * so the benchmark uses it too.
 */
import { addCoordinator, createSignInToken } from '../../src/store/coordinators.repository.js';
import type { Db } from '../../src/store/database.js';

export interface Account {
  id: string;
  name: string;
  token: string;
}

let made = 0;

/** A coordinator account and a fresh sign-in token for it. */
export async function addAccount(db: Db, name: string, now = Date.now()): Promise<Account> {
  const id = `coordinator-${++made}-${Math.random().toString(36).slice(2, 8)}`;
  await addCoordinator(db, { id, name, phone: null, now });
  return { id, name, token: await createSignInToken(db, id, now) };
}

/** The cookies a response sets, as a Cookie header (name=value; ...), merged over `jar`. */
export function cookies(response: Response, jar = ''): string {
  const all = new Map(
    jar
      .split('; ')
      .filter(Boolean)
      .map((c) => c.split('=') as [string, string])
      .map(([k, ...v]) => [k, v.join('=')]),
  );
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    all.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return [...all].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** The CSRF token in a page's first form. */
export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/** Signs in with a token; returns the session cookie. */
export async function signIn(url: string, token: string): Promise<string> {
  const page = await fetch(`${url}/console/sign-in/${token}`);
  if (page.status !== 200) throw new Error(`sign-in page answered ${page.status}`);
  const jar = cookies(page);
  const done = await fetch(`${url}/console/sign-in/${token}`, {
    method: 'POST',
    headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfOf(await page.text()) }),
    redirect: 'manual',
  });
  if (done.status !== 303) throw new Error(`signing in answered ${done.status}`);
  return cookies(done, jar);
}

/** Posts a console form with this session's cookie and (unless told otherwise) a CSRF token from `from`. */
export async function postForm(url: string, path: string, cookie: string, fields: Record<string, string>, csrf?: string | null): Promise<Response> {
  const body = new URLSearchParams(fields);
  if (csrf !== null) body.set('_csrf', csrf ?? csrfOf(await (await fetch(`${url}/console`, { headers: { cookie } })).text()));
  return fetch(`${url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
}
