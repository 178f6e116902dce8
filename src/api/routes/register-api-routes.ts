import type { AppDeps } from '../create-app';
import type { ApiRouter } from '../openapi/api-router';
import { attachmentRoutes } from './attachments.routes';
import { cityAdminRoutes } from './city-admin.routes';
import { inboxLiveRoutes } from './inbox-live.routes';
import { open311Routes } from './open311.routes';
import { orderExportRoutes } from './order-export.routes';
import { orderRoutes } from './orders.routes';
import { sessionRoutes } from './session.routes';

/** Every group of API operations, in one place. */
export function registerApiRoutes(api: ApiRouter, deps: AppDeps): void {
  sessionRoutes(api, deps.auth, { secureCookies: deps.secureCookies });
  orderExportRoutes(api, deps.runtime);
  orderRoutes(api, deps.runtime.orderServices);
  inboxLiveRoutes(api, deps.runtime.orderServices, deps.auth, deps.logger);
  attachmentRoutes(api, deps.runtime.attachments);
  open311Routes(api, deps);
  cityAdminRoutes(api, deps.runtime);
}
