/**
 * A fresh PostgreSQL database, made through an administrative URL, and its drop: for
 * tests (through helpers/db.ts) and benchmark runs alike. No vitest here, so the
 * benchmark can use it too.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Makes `<prefix>_<random hex>` and returns its URL, and a drop that ends any connection left on it. */
export async function scratchPostgres(admin: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
