import type { Runtime } from '../../app/create-runtime';
import type { ApiRouter } from '../openapi/api-router';
import { AuditPageSchema, AuditQuerySchema } from '../schemas/audit.schema';
import { problems } from '../schemas/common.schema';

/** The audit log of the caller's city, filtered and paged (administrator, supervisor, auditor). */
export function auditRoutes(api: ApiRouter, runtime: Runtime): void {
  api.add({
    method: 'get',
    path: '/api/audit',
    tag: 'audit',
    summary: "Events of the caller's city, newest first, filtered by order, actor, type (a prefix with *) and time [from, to) (administrator, supervisor, auditor of the city)",
    query: AuditQuerySchema,
    responses: { 200: { description: 'a page of events', schema: AuditPageSchema }, ...problems(400, 401, 403) },
    handler: ({ query, auth }) =>
      runtime.auditLog.search(auth!.actor, {
        ...query,
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
      }),
  });
}
