import { Router } from 'express';

export interface Readiness {
  database: boolean;
  /** The database's schema is this code's latest: nothing pending, nothing unknown. */
  migrations: boolean;
  /** What `migrations` was read from (null when the database did not answer). */
  schema: { applied: number | null; latest: number; pending: number[]; unknown: number[] } | null;
  scheduler: boolean;
}

export type ReadinessProbe = () => Promise<Readiness>;

/** `/healthz`: the process answers. `/readyz`: database reachable, migrations done, scheduler running. */
export function healthRoutes(probe: ReadinessProbe): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const { schema, ...checks } = await probe();
    const ready = checks.database && checks.migrations && checks.scheduler;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks, schema });
  });
  return router;
}
