import { z } from 'zod';
import { ProblemSchema } from '../schemas/common.schema';
import type { ApiRouter, Operation } from './api-router';

type AnyOperation = Operation<z.ZodType, z.ZodType, z.ZodType>;

type JsonSchema = Record<string, unknown>;

/** Named schemas (zod `.meta({ id })`), collected as components and referred to from the operations. */
const components: Record<string, JsonSchema> = {};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  const defs = (out.$defs ?? {}) as Record<string, JsonSchema>;
  delete out.$defs;
  const relink = (value: JsonSchema): JsonSchema =>
    JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, '"#/components/schemas/$1"')) as JsonSchema;
  for (const [name, def] of Object.entries(defs)) components[name] = relink(def);
  if (typeof out.id === 'string') {
    // the schema itself is named: register it and refer to it
    const { id, ...rest } = out;
    components[id] = relink(rest);
    return { $ref: `#/components/schemas/${id}` };
  }
  return relink(out);
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const s = jsonSchema(schema, 'input');
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, p]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: p }));
}

/**
 * Answers every operation can give before its handler runs: 400 for bad input, 401 without a
 * login, 403 for a session write without its CSRF token, 413 for a body over the limit.
 */
function withCommonProblems(op: AnyOperation): AnyOperation['responses'] {
  const common: AnyOperation['responses'] = {};
  const problem = (description: string) => ({ description, schema: ProblemSchema });
  if (op.params || op.query || op.body) common[400] = problem('invalid request (each field named)');
  if (op.auth !== false) common[401] = problem('not logged in');
  if (op.auth !== false) {
    common[403] = problem(
      op.method === 'get'
        ? 'not allowed (a partner account: every API but its session and tokens)'
        : 'not allowed (or a session write without its CSRF token; a partner account: every API but its session and tokens)',
    );
  }
  if (op.body || op.rawBody) common[413] = problem('request body too large');
  return { ...common, ...op.responses };
}

/**
 * The OpenAPI 3.1 document of every operation declared on the routers, from the same zod
 * schemas that validate the requests (request bodies as accepted, responses as produced).
 */
export function openApiDocument(routers: ApiRouter[], info: { version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of routers.flatMap((r) => r.operations)) {
    const path = op.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const headers = Object.entries(op.headers ?? {}).map(([name, h]) => ({ name, in: 'header', required: h.required ?? false, description: h.description, schema: { type: 'string' } }));
    const responses = Object.fromEntries(
      Object.entries(withCommonProblems(op)).map(([status, r]) => {
        const type = r.contentType ?? (Number(status) >= 400 ? 'application/problem+json' : 'application/json');
        return [status, r.schema ? { description: r.description, content: { [type]: { schema: jsonSchema(r.schema, 'output') } } } : { description: r.description }];
      }),
    );
    paths[path] = paths[path] ?? {};
    paths[path][op.method] = {
      operationId: `${op.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth === false ? { security: [] } : {}),
      parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query'), ...headers],
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } } : {}),
      ...(op.rawBody ? { requestBody: { required: true, description: op.rawBody.description, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'minhu 民呼 API',
      version: info.version,
      description: 'Work orders of 12345 hotlines. Log in with POST /api/session (cookie + CSRF token for writes) or send Authorization: Bearer <token>. Errors are RFC 9457 problem+json with a stable code.',
    },
    servers: [{ url: '/' }],
    components: {
      schemas: { ...components },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'minhu_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths,
  };
}
