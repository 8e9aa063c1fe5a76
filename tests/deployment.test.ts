/**
 * What the deployment files promise (issue 11): compose runs production whatever
 * .env says, with an init, a grace period for the workers, and a healthcheck that is
 * the image's own (so it suits the worker role too); .env.example sets no NODE_ENV.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const compose = readFileSync('docker-compose.yml', 'utf8');
const service = compose.slice(compose.indexOf('  valued:'), compose.indexOf('\n  redis:'));

describe('docker-compose.yml, the valued service', () => {
  it('sets NODE_ENV=production under environment (after env_file, so .env cannot undo it)', () => {
    expect(service).toMatch(/\n {4}environment:\n(?: {6}.*\n)* {6}NODE_ENV: production\n/);
  });

  it('runs with an init and a 20 s grace period to stop', () => {
    expect(service).toMatch(/\n {4}init: true\n/);
    expect(service).toMatch(/\n {4}stop_grace_period: 20s\n/);
  });

  it("checks health the way the image's HEALTHCHECK does, on PORT", () => {
    const image = /^HEALTHCHECK[^\n]*\\\n\s*CMD node -e "(.+)"$/m.exec(readFileSync('Dockerfile', 'utf8'))?.[1];
    expect(image).toBeDefined();
    expect(service).toContain(`test: ["CMD", "node", "-e", "${image!}"]`);
  });
});

describe('.env.example', () => {
  it('sets no NODE_ENV (a copy of it must not decide production)', () => {
    expect(readFileSync('.env.example', 'utf8')).not.toMatch(/^\s*NODE_ENV=/m);
  });
});
