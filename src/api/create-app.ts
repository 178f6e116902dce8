import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import type { Runtime } from '../app/create-runtime';
import type { AuthService } from '../auth/auth.service';
import { NotFoundError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { DiagramSource, diagramViewerRoutes } from '../ui/diagram-viewer/diagram-viewer.routes';
import { pageRoutes } from '../ui/pages.routes';
import { modelerRoutes } from '../ui/modeler/modeler.routes';
import { bundleRoutes } from '../ui/bundles/ui-bundles';
import { errorHandler } from './error-handler';
import { authenticate } from './middleware/authenticate';
import { open311ErrorHandler } from './open311/open311-format';
import { ApiRouter } from './openapi/api-router';
import { openApiDocument } from './openapi/openapi-document';
import { docsRoutes } from './routes/docs.routes';
import { healthRoutes, ReadinessProbe } from './routes/health.routes';
import { registerApiRoutes } from './routes/register-api-routes';

export interface AppDeps {
  logger: Logger;
  readiness: ReadinessProbe;
  runtime: Runtime;
  auth: AuthService;
  /** Send cookies only over HTTPS (browsers treat http://localhost as secure too). */
  secureCookies: boolean;
  /** Express's `trust proxy` (MINHU_TRUST_PROXY): which proxies' X-Forwarded-For gives the client address. Default false. */
  trustProxy?: boolean | number | string;
  diagrams?: DiagramSource;
}

/** Largest JSON body accepted; BPMN and policy uploads are JSON strings within it. */
export const BODY_LIMIT = '2mb';

/** The HTTP application: security headers, authentication, thin routes over the services, one error handler. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(express.json({ limit: BODY_LIMIT }));
  // A JSON body the parser refuses (malformed, too large) reaches a GeoReport client as GeoReport errors.
  app.use('/open311', open311ErrorHandler(deps.logger));
  app.use(cookieParser());
  app.use(healthRoutes(deps.readiness));
  app.use(authenticate(deps.auth));
  const api = new ApiRouter();
  registerApiRoutes(api, deps);
  app.use(api.router);
  const document = openApiDocument([api], { version: '0.1.0' });
  app.locals.openapi = document;
  app.use(docsRoutes(() => document));
  const diagrams = deps.diagrams ?? ((key: string) => (deps.runtime.catalog.hasModel(key) ? deps.runtime.catalog.latestModel(key).model.xml : null));
  app.use(diagramViewerRoutes(diagrams));
  // An administrator opening the policy editor or the modeler will check uploads as they type:
  // a worker is started now, not at the first check.
  app.use(['/admin/policies', '/admin/processes'], (_req, _res, next) => {
    deps.runtime.uploadChecks.warm();
    next();
  });
  app.use(pageRoutes({ orderServices: deps.runtime.orderServices, catalog: deps.runtime.catalog, dashboard: deps.runtime.dashboard, duty: deps.runtime.duty, assessments: deps.runtime.assessments, reports: deps.runtime.reports, clock: deps.runtime.clock, people: deps.auth, attachments: deps.runtime.attachments }));
  app.use(modelerRoutes(deps.runtime.catalog));
  app.use(bundleRoutes());
  app.use((req) => {
    throw new NotFoundError('NOT_FOUND', `no such resource: ${req.method} ${req.path}`);
  });
  app.use(errorHandler(deps.logger));
  return app;
}
