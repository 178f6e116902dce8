import express from 'express';
import { z } from 'zod';
import { NotFoundError } from '../../shared/errors';
import type { AppDeps } from '../create-app';
import type { ApiRouter, ResponseSpec } from '../openapi/api-router';
import { Open311Gateway } from '../open311/open311-gateway';
import { FORMATS, Format, open311ErrorHandler, send } from '../open311/open311-format';
import {
  CreatedRequestSchema,
  CreateRequestBody,
  ErrorsSchema,
  JurisdictionQuery,
  RequestIdParams,
  RequestSchema,
  RequestQuery,
  RequestsQuery,
  ServiceSchema,
} from '../open311/open311.schema';

const BASE = '/open311/v2';
/** Form bodies of POST requests: a description is at most 4,000 characters. */
const FORM_LIMIT = '64kb';

const ERROR_TEXT: Record<number, string> = {
  400: 'a field is missing or invalid (GeoReport errors, each naming its field)',
  403: 'api_key missing, invalid, of another jurisdiction, or of an account that may not record orders',
  404: 'jurisdiction_id, service_code or service_request_id not found',
  413: 'request body too large',
};

function ok(format: Format, description: string, schema: z.ZodType): ResponseSpec {
  return format === 'json'
    ? { description, schema, contentType: 'application/json' }
    : { description: `${description} (GeoReport XML)`, schema: z.string(), contentType: 'text/xml' };
}

function errors(format: Format, ...statuses: number[]): Record<number, ResponseSpec> {
  return Object.fromEntries(statuses.map((s) => [s, ok(format, ERROR_TEXT[s] ?? 'error', ErrorsSchema)]));
}

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) for partner channels, in JSON and
 * XML (`.json` / `.xml`). jurisdiction_id is the city. Reading is anonymous and never shows a
 * requester; POST requests needs an api_key of an integration account of the city. Errors are
 * GeoReport's `[{code, description}]` / `<errors>`.
 */
export function open311Routes(api: ApiRouter, deps: AppDeps): void {
  const gateway = new Open311Gateway(deps.runtime);
  api.router.use(BASE, express.urlencoded({ extended: false, limit: FORM_LIMIT }));
  for (const format of FORMATS) {
    api.add({
      method: 'get',
      path: `${BASE}/services.${format}`,
      tag: 'Open311',
      summary: `GeoReport v2 service list (${format}): the city's categories and routing topics as service codes`,
      auth: false,
      query: JurisdictionQuery,
      responses: { 200: ok(format, 'services', z.array(ServiceSchema)), ...errors(format, 400, 404) },
      handler: ({ query, res }) =>
        send(res, format, 200, 'services', 'service', gateway.services(query.jurisdiction_id)),
    });
    api.add({
      method: 'post',
      path: `${BASE}/requests.${format}`,
      tag: 'Open311',
      summary: `GeoReport v2 POST service request (${format}): records an order (form-encoded or JSON; needs api_key)`,
      auth: false,
      body: CreateRequestBody,
      status: 201,
      responses: {
        201: ok(format, 'the order recorded: service_request_id is its number', z.array(CreatedRequestSchema)),
        ...errors(format, 400, 403, 404, 413),
      },
      handler: async ({ body, res }) =>
        send(res, format, 201, 'service_requests', 'request', await gateway.createRequest(body)),
    });
    api.add({
      method: 'get',
      path: `${BASE}/requests/:id.${format}`,
      tag: 'Open311',
      summary: `GeoReport v2 service request (${format}) by order number: status, agency, expected date; no requester data, citizens' numbers masked in the text`,
      auth: false,
      params: RequestIdParams,
      query: RequestQuery,
      responses: { 200: ok(format, 'the request', z.array(RequestSchema)), ...errors(format, 400, 403, 404) },
      handler: async ({ params, query, res }) =>
        send(res, format, 200, 'service_requests', 'request', await gateway.request(query, params.id)),
    });
    api.add({
      method: 'get',
      path: `${BASE}/requests.${format}`,
      tag: 'Open311',
      summary: `GeoReport v2 service requests (${format}): newest first, at most 1000, 90 days by default; no requester data, citizens' numbers masked in the text; with a partner's api_key, its own requests only`,
      auth: false,
      query: RequestsQuery,
      responses: { 200: ok(format, 'the requests', z.array(RequestSchema)), ...errors(format, 400, 403, 404) },
      handler: async ({ query, res }) =>
        send(res, format, 200, 'service_requests', 'request', await gateway.requests(query)),
    });
  }
  api.router.use('/open311', () => {
    throw new NotFoundError(
      'NOT_FOUND',
      `no such GeoReport v2 resource: see ${BASE}/services.json or ${BASE}/services.xml`,
    );
  });
  api.router.use('/open311', open311ErrorHandler(deps.logger));
}
