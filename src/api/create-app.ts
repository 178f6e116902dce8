import express from 'express';
import type { Logger } from '../shared/logger';
import { errorHandler } from './error-handler';
import { healthRoutes, ReadinessProbe } from './routes/health.routes';

export interface AppDeps {
  logger: Logger;
  readiness: ReadinessProbe;
}

/** The HTTP application: thin routes over the engine's services. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRoutes(deps.readiness));
  app.use(errorHandler(deps.logger));
  return app;
}
