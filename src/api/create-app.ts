import express from 'express';
import type { Logger } from '../shared/logger';
import { errorHandler } from './error-handler';
import { healthRoutes, ReadinessProbe } from './routes/health.routes';
import { DiagramSource, diagramViewerRoutes } from '../ui/diagram-viewer/diagram-viewer.routes';

export interface AppDeps {
  logger: Logger;
  readiness: ReadinessProbe;
  diagrams: DiagramSource;
}

/** The HTTP application: thin routes over the engine's services. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRoutes(deps.readiness));
  app.use(diagramViewerRoutes(deps.diagrams));
  app.use(errorHandler(deps.logger));
  return app;
}
