/**
 * The composition root: config → database → cities → services → scheduler → HTTP.
 * Start: `npm start`. Stops cleanly on SIGTERM/SIGINT: no new requests, running steps finish,
 * the scheduler stops, the database closes.
 */
import type { Server } from 'node:http';
import { createApp } from './api/create-app';
import { warmBundles } from './ui/bundles/ui-bundles';
import { createRuntime, Runtime } from './app/create-runtime';
import { readinessProbe } from './app/readiness';
import { loadConfig } from './config/load-config';
import { isLoopback, listenHost } from './config/listen-host';
import type { Config } from './config/config.schema';
import type { AgendaWorker } from './scheduler/agenda-worker';
import { startWorker } from './scheduler/start-worker';
import { SystemClock } from './shared/clock';
import { DomainError } from './shared/errors';
import { createLogger, Logger } from './shared/logger';

async function start(config: Config, logger: Logger): Promise<() => Promise<void>> {
  const runtime: Runtime = await createRuntime({
    clock: new SystemClock(),
    logger,
    databaseUrl: config.DATABASE_URL,
    dataDir: config.MINHU_DATA_DIR,
    policiesDir: config.MINHU_POLICIES_DIR,
    processesDir: config.MINHU_PROCESSES_DIR,
    engineCacheSize: config.MINHU_ENGINE_CACHE,
    stepLimits: { maxActivities: config.MINHU_STEP_MAX_ACTIVITIES, maxMs: config.MINHU_STEP_MAX_MS },
    uploadChecks: { workers: config.MINHU_UPLOAD_CHECK_WORKERS, timeoutMs: config.MINHU_UPLOAD_CHECK_MS },
  });
  logger.info({ cities: runtime.cities }, `cities: ${runtime.cities.join(', ')}`);
  const embedded = runtime.database.kind === 'pglite';
  const demoUsers = config.MINHU_DEMO_USERS ?? embedded;
  const host = listenHost(config, { embedded, demoUsers });
  if (demoUsers && !isLoopback(host)) logger.warn({ host }, 'demo users with the known demo password are reachable from other machines: set HOST=127.0.0.1 or MINHU_DEMO_USERS=false');
  if (demoUsers) {
    const added = await runtime.auth.seedDemoUsers(runtime.demoDirectory(), config.MINHU_DEMO_PASSWORD);
    logger.info({ added }, `demo users: <city>.<id> from each policy's users, password "${config.MINHU_DEMO_PASSWORD}" (see README)`);
  }
  let worker: AgendaWorker | null = null;
  let server: Server | null = null;
  try {
    if (config.MINHU_WORKER) {
      await runtime.scheduleMonthlyAssessment();
      worker = await startWorker({
        pool: runtime.database.pool,
        embedded: runtime.database.kind === 'pglite',
        handlers: runtime.jobHandlers,
        deadlines: runtime.deadlines,
        clock: runtime.clock,
        logger,
        processEveryMs: config.MINHU_JOB_POLL_MS,
        lockLifetimeMs: config.MINHU_JOB_LOCK_MS,
      });
    }
    if (config.MINHU_HTTP) {
      const app = createApp({
        logger,
        runtime,
        auth: runtime.auth,
        secureCookies: config.MINHU_SECURE_COOKIES,
        trustProxy: config.MINHU_TRUST_PROXY,
        readiness: readinessProbe({ db: runtime.database.db, scheduler: () => (worker === null ? !config.MINHU_WORKER : worker.running()) }),
      });
      server = await new Promise<Server>((resolve) => {
        const s = app.listen(config.PORT, host, () => resolve(s));
      });
      logger.info(`http: listening on http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`);
      // The modeler's and the code editor's bundles are built now, not on an administrator's first click.
      void warmBundles().catch((err: unknown) => logger.error({ err }, 'browser bundles could not be built'));
    }
  } catch (err) {
    await worker?.stop();
    await runtime.close();
    throw err;
  }
  return async () => {
    logger.info('shutting down: no new requests, waiting for running steps');
    const closed = server ? new Promise<void>((resolve) => server?.close(() => resolve())) : Promise.resolve();
    server?.closeIdleConnections();
    await worker?.stop();
    const left = await runtime.uow.idle(config.MINHU_SHUTDOWN_GRACE_MS);
    if (left > 0) logger.warn({ left }, 'steps still running after the grace period; they roll back');
    await Promise.race([closed, new Promise((r) => setTimeout(r, 1000))]);
    await runtime.close();
    logger.info('stopped');
  };
}

function main(): void {
  let config: Config;
  const bootLogger = createLogger(process.env.LOG_LEVEL && /^(fatal|error|warn|info|debug|trace|silent)$/.test(process.env.LOG_LEVEL) ? process.env.LOG_LEVEL : 'info');
  try {
    config = loadConfig();
  } catch (err) {
    bootLogger.fatal(err instanceof Error ? err.message : String(err));
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL);
  start(config, logger).then(
    (stop) => {
      let stopping = false;
      const onSignal = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'signal received');
        stop().then(
          () => process.exit(0),
          (err: unknown) => {
            logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => onSignal('SIGTERM'));
      process.on('SIGINT', () => onSignal('SIGINT'));
    },
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      logger.fatal({ code: err instanceof DomainError ? err.code : undefined }, message);
      process.stderr.write(`minhu did not start:\n${message}\n`);
      process.exit(1);
    },
  );
}

main();
