import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

interface Response {
  status: number;
  body: unknown;
  type: string;
}

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components?: { schemas?: Record<string, object> };
};

const DOC_ID = 'https://minhu.invalid/openapi.json';

/** Refs to the document's components, made absolute so each response schema compiles on its own. */
function absolute(schema: object): object {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\//g, `"${DOC_ID}#/components/schemas/`)) as object;
}

/** Paths that are not API operations (pages, assets, the document itself). */
const NOT_OPERATIONS = [/^\/api\/docs/, /^\/api\/openapi\.json$/, /^\/healthz$/, /^\/readyz$/, /^\/diagrams\//, /^\/vendor\//, /^\/ui\//];

/**
 * Checks a real response against the OpenAPI document: the operation exists, the status is
 * documented for it, and a JSON body matches the documented schema. Throws with the reason.
 */
export function openApiChecker(doc: Doc): (method: string, url: string, res: Response) => void {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOC_ID, components: { schemas: absolute(doc.components?.schemas ?? {}) } });
  const ops = Object.entries(doc.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method,
      template,
      regex: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, r]) => {
          const content = Object.entries(r.content ?? {})[0];
          const schema = content && /json/.test(content[0]) ? content[1].schema : null;
          let compiled: ValidateFunction | undefined; // compiled on first use: a test meets a few of the document's hundreds
          return [status, { validate: schema && (() => (compiled ??= ajv.compile(absolute(schema)))) }];
        }),
      ),
    })),
  );
  return (method, url, res) => {
    const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0] ?? '';
    if (NOT_OPERATIONS.some((re) => re.test(path)) || res.status === 404) return;
    const op = ops.find((o) => o.method === method.toLowerCase() && o.regex.test(path));
    if (!op) throw new Error(`OpenAPI: ${method} ${path} is not documented`);
    const documented = op.responses[String(res.status)];
    if (!documented) throw new Error(`OpenAPI: ${method} ${op.template} answered ${res.status}, which is not documented (${Object.keys(op.responses).join(', ')})`);
    const validate = documented.validate?.();
    if (validate && /json/.test(res.type) && !validate(res.body)) {
      throw new Error(`OpenAPI: ${method} ${op.template} ${res.status} does not match its schema: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
    }
  };
}
