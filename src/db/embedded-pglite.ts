import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { OperationalError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { PGLITE_WORKER_SOURCE } from './pglite-worker.source';

/**
 * Embedded PostgreSQL: PGlite (PostgreSQL compiled to WASM), in a worker thread, served over
 * the wire protocol by @electric-sql/pglite-socket, so the rest of minhu (kysely, Agenda)
 * talks to it through `pg` exactly as to a real server.
 *
 * PGlite has ONE session: every socket connection shares it, and two concurrent `pg`
 * connections get each other's rows and transactions. Hence exactly one connection for the
 * whole process (`pg.Pool({ max: 1 })`, never closed when idle), a socket server that
 * accepts one connection, and a lock file on the data directory.
 */
export interface EmbeddedOptions {
  /** Absolute path of minhu's data directory; PGlite keeps its files in `<dataDir>/pgdata`. */
  dataDir?: string;
  /** A fresh database in memory; `dataDir` is ignored. */
  inMemory?: boolean;
  /** In memory only: start from this gzipped data-directory dump (see dumpDataDir). */
  loadDataDir?: Uint8Array;
  logger: Logger;
}

export interface EmbeddedPglite {
  /** The only pool: max one connection. */
  pool: pg.Pool;
  describe: string;
  /** A gzipped tar of the data directory (PGlite `dumpDataDir`), for test templates. */
  dumpDataDir(): Promise<Uint8Array>;
  /** Stops the socket server, closes PGlite and releases the lock. End the pool first. */
  close(): Promise<void>;
}

/** Linux caps a unix socket path at 108 bytes; longer data-dir paths use TCP on 127.0.0.1. */
const MAX_SOCKET_PATH = 100;
const SOCKET_PORT = 5432;

export async function startEmbeddedPglite(opts: EmbeddedOptions): Promise<EmbeddedPglite> {
  const dataDir = opts.inMemory === true ? undefined : opts.dataDir;
  if (dataDir === undefined) return start(undefined, opts);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = acquireDataDirLock(dataDir, opts.logger);
  try {
    return await start({ dataDir, lock }, opts);
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function start(
  disk: { dataDir: string; lock: DataDirLock } | undefined,
  opts: EmbeddedOptions,
): Promise<EmbeddedPglite> {
  const socketPath = disk ? path.join(disk.dataDir, `.s.PGSQL.${SOCKET_PORT}`) : undefined;
  const useUnix = socketPath !== undefined && socketPath.length <= MAX_SOCKET_PATH;
  const worker = new PgliteWorker(
    {
      pglite: require.resolve('@electric-sql/pglite'),
      pgliteSocket: require.resolve('@electric-sql/pglite-socket'),
      dataDir: disk ? path.join(disk.dataDir, 'pgdata') : undefined,
      socketPath: useUnix ? socketPath : undefined,
      loadDataDir: disk ? undefined : opts.loadDataDir,
    },
    opts.logger,
  );
  const conn = await worker.ready;
  const target =
    useUnix && disk
      ? { host: disk.dataDir, port: SOCKET_PORT }
      : { host: '127.0.0.1', port: Number(conn.slice(conn.lastIndexOf(':') + 1)) };
  const pool = new pg.Pool({ ...target, user: 'postgres', database: 'postgres', max: 1, idleTimeoutMillis: 0 });
  return {
    pool,
    describe: disk ? `embedded PGlite at ${disk.dataDir}` : 'embedded PGlite in memory',
    dumpDataDir: () => worker.call<Uint8Array>('dump'),
    async close(): Promise<void> {
      try {
        await worker.stop();
      } finally {
        disk?.lock.release();
      }
    },
  };
}

interface Reply {
  id?: number;
  type?: string;
  ok?: boolean;
  value?: unknown;
  message?: string;
  conn?: string;
}

/** The worker thread and a small request/reply protocol over its message port. */
class PgliteWorker {
  readonly ready: Promise<string>;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  private nextId = 1;

  constructor(
    workerData: Record<string, unknown>,
    private readonly logger: Logger,
  ) {
    this.worker = new Worker(PGLITE_WORKER_SOURCE, { eval: true, workerData });
    this.ready = new Promise<string>((resolve, reject) => {
      this.worker.on('message', (msg: Reply) => {
        if (msg.type === 'ready') resolve(String(msg.conn));
        else if (msg.type === 'failed') reject(this.failure(msg.message));
        else if (msg.type === 'log') logger.error({ detail: msg.message }, 'PGlite socket server error');
        else this.settle(msg);
      });
      this.worker.on('error', (err) => reject(this.failure(err.stack ?? err.message)));
      this.worker.on('exit', (code) => {
        reject(this.failure(`worker exited with code ${code}`));
        for (const p of this.pending.values()) p.reject(this.failure(`worker exited with code ${code}`));
        this.pending.clear();
      });
    });
    this.ready.catch(() => this.worker.terminate());
  }

  call<T>(type: string): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as T), reject });
      this.worker.postMessage({ id, type });
    });
  }

  async stop(): Promise<void> {
    try {
      await this.call('stop');
    } finally {
      await this.worker.terminate();
    }
  }

  private settle(msg: Reply): void {
    const p = msg.id === undefined ? undefined : this.pending.get(msg.id);
    if (!p || msg.id === undefined) return;
    this.pending.delete(msg.id);
    if (msg.ok === true) p.resolve(msg.value);
    else p.reject(this.failure(msg.message));
  }

  private failure(message: string | undefined): OperationalError {
    this.logger.debug({ detail: message }, 'embedded PGlite failure');
    return new OperationalError(
      'EMBEDDED_DATABASE_FAILED',
      `the embedded PGlite database failed: ${message ?? 'unknown error'}`,
    );
  }
}
