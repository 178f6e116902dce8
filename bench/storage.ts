/**
 * The storage ceiling: the database's own single-row insert rate with a plain `pg` loop on the
 * same pool the engine uses (PostgreSQL: a pg.Pool over TCP; PGlite: its one connection over
 * pglite-socket), one client, one row of an order-sized JSON document per INSERT:
 *
 * - autocommit: one INSERT per round trip;
 * - a transaction per row: BEGIN, INSERT, COMMIT (three round trips, as every step commits).
 *
 * Beside the engine's intake rate it shows how much of a command is the database's floor.
 */
import { createLogger } from '../src/shared/logger';
import { openBenchRuntime } from './persisted';
import { emptySample, Sample } from './stats';

export interface StorageCeiling {
  autocommit: Sample;
  transactionPerRow: Sample;
}

const ROW = JSON.stringify({ city: 'sample', category: 'help', content: '路灯坏了（压测）', requester: { name: '张三', phone: '13800000000' } });

export async function measureStorage(databaseUrl: string | undefined, rows: number): Promise<StorageCeiling> {
  const bench = await openBenchRuntime(databaseUrl, createLogger('error'));
  try {
    const pool = bench.runtime.database.pool;
    await pool.query('CREATE TABLE bench_rows (id bigserial PRIMARY KEY, doc jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())');
    const client = await pool.connect();
    try {
      const loop = async (perRow: () => Promise<unknown>): Promise<Sample> => {
        for (let i = 0; i < Math.min(200, rows); i++) await perRow(); // warm-up
        const s = emptySample();
        const t0 = performance.now();
        for (let i = 0; i < rows; i++) {
          const t = performance.now();
          await perRow();
          s.latencies.push(performance.now() - t);
          s.count++;
        }
        s.wallMs = performance.now() - t0;
        return s;
      };
      const insert = () => client.query('INSERT INTO bench_rows (doc) VALUES ($1)', [ROW]);
      const autocommit = await loop(insert);
      const transactionPerRow = await loop(async () => {
        await client.query('BEGIN');
        await insert();
        await client.query('COMMIT');
      });
      return { autocommit, transactionPerRow };
    } finally {
      client.release();
    }
  } finally {
    await bench.close();
  }
}
