/** `/readyz` reads the schema's state from the database at each call: applied against the code's latest. */
import { sql } from 'kysely';
import request from 'supertest';
import { migrations } from '../../src/db/migrations/migrations';
import { ApiHarness, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

const latest = Math.max(...migrations.map((m) => m.version));
let h: ApiHarness;
beforeAll(async () => {
  h = await openApiHarness();
});
afterAll(async () => {
  await h.close();
});

it('is ready with the applied version equal to the latest one the code knows', async () => {
  const res = await request(h.app).get('/readyz');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'ready', checks: { database: true, migrations: true, scheduler: true }, schema: { applied: latest, latest, pending: [], unknown: [] } });
});

it('is not ready, naming the version, when the database lacks a migration or has one the code does not know', async () => {
  const db = h.runtime.database.db;
  const row = await sql<{ name: string }>`SELECT name FROM schema_migrations WHERE version = ${latest}`.execute(db);
  await sql`DELETE FROM schema_migrations WHERE version = ${latest}`.execute(db);
  try {
    const lacking = await request(h.app).get('/readyz');
    expect(lacking.status).toBe(503);
    expect(lacking.body).toMatchObject({ status: 'not ready', checks: { migrations: false }, schema: { applied: latest - 1, latest, pending: [latest], unknown: [] } });
  } finally {
    await sql`INSERT INTO schema_migrations (version, name) VALUES (${latest}, ${row.rows[0]!.name})`.execute(db);
  }
  await sql`INSERT INTO schema_migrations (version, name) VALUES (${latest + 1000}, 'from-a-newer-minhu')`.execute(db);
  try {
    const newer = await request(h.app).get('/readyz');
    expect(newer.status).toBe(503);
    expect(newer.body.schema).toEqual({ applied: latest + 1000, latest, pending: [], unknown: [latest + 1000] });
  } finally {
    await sql`DELETE FROM schema_migrations WHERE version = ${latest + 1000}`.execute(db);
  }
  expect((await request(h.app).get('/readyz')).status).toBe(200);
});
