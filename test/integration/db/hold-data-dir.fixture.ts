/**
 * Child process for database.test.ts: opens the embedded database in the data directory
 * given as argv[2], writes a row, prints "ready" and waits to be killed with SIGKILL.
 * Run with `node --import tsx`.
 */
import { openDatabase } from '../../../src/db/database';
import { silentLogger } from '../../../src/shared/logger';

async function main(): Promise<void> {
  const database = await openDatabase({ dataDir: process.argv[2], logger: silentLogger() });
  await database.pool.query('CREATE TABLE survivor (note text)');
  await database.pool.query(`INSERT INTO survivor VALUES ('written before kill -9')`);
  process.stdout.write('ready\n');
  setInterval(() => undefined, 60_000);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
