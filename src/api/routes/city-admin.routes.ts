import type { Runtime } from '../../app/create-runtime';
import type { ApiRouter } from '../openapi/api-router';
import { assessmentRoutes } from './assessment.routes';
import { auditRoutes } from './audit.routes';
import { calendarRoutes } from './calendar.routes';
import { dutyRoutes } from './duty.routes';
import { knowledgeRoutes } from './knowledge.routes';
import { policiesRoutes } from './policies.routes';
import { processesRoutes } from './processes.routes';
import { reportsRoutes } from './reports.routes';
import { usersRoutes } from './users.routes';

/**
 * A city's own resources: its diagram and policy versions, working-day calendar, audit log,
 * knowledge base and users. Addressed by city (path or `?city=`), they answer 403 CITY_MISMATCH
 * to a user of another city; a knowledge entry of another city, addressed by id, answers 404.
 */
export function cityAdminRoutes(api: ApiRouter, runtime: Runtime): void {
  processesRoutes(api, runtime);
  policiesRoutes(api, runtime);
  calendarRoutes(api, runtime);
  dutyRoutes(api, runtime);
  auditRoutes(api, runtime);
  assessmentRoutes(api, runtime);
  reportsRoutes(api, runtime);
  knowledgeRoutes(api, runtime);
  usersRoutes(api, runtime);
}
