import { z } from 'zod';
import type { Runtime } from '../../app/create-runtime';
import { ANY_ROLE, assertCityRole } from '../../engine/access/city-access';
import { policyJsonSchema } from '../../engine/policy/load-policies';
import type { Role } from '../../engine/work-order/actor';
import type { ApiRouter } from '../openapi/api-router';
import { CityParams, problems } from '../schemas/common.schema';
import { JsonSchemaSchema, PolicyTextSchema, PolicyVersionSchema, SavePolicyResultSchema, YamlBody } from '../schemas/policies.schema';
import { CityVersionParams, ValidResultSchema } from '../schemas/processes.schema';

const ADMIN: readonly Role[] = ['admin'];

/**
 * A city's policy (YAML): read the version in force and the older ones, validate a text
 * without saving it, save it as the version new orders use; the JSON Schema for the editor.
 */
export function policiesRoutes(api: ApiRouter, runtime: Runtime): void {
  const { policyVersions } = runtime;

  // Declared before /api/policies/:city, which would otherwise take "schema" for a city.
  api.add({
    method: 'get',
    path: '/api/policies/schema',
    tag: 'policies',
    summary: 'The JSON Schema of a policy file, for the browser editor (any logged-in user)',
    responses: { 200: { description: 'JSON Schema draft 2020-12', schema: JsonSchemaSchema }, ...problems(401) },
    handler: () => policyJsonSchema(),
  });

  api.add({
    method: 'get',
    path: '/api/policies/:city',
    tag: 'policies',
    summary: 'The policy version new orders of the city use: its YAML and the parsed policy (any user of the city)',
    params: CityParams,
    responses: { 200: { description: 'the policy', schema: PolicyTextSchema }, ...problems(400, 401, 403) },
    handler: ({ params, auth }) => {
      assertCityRole(auth!.actor, params.city, ANY_ROLE, "read the city's policy");
      return policyVersions.current(params.city);
    },
  });

  api.add({
    method: 'get',
    path: '/api/policies/:city/versions',
    tag: 'policies',
    summary: "The city's saved policy versions, oldest first (any user of the city)",
    params: CityParams,
    responses: { 200: { description: 'the versions', schema: z.array(PolicyVersionSchema) }, ...problems(400, 401, 403) },
    handler: ({ params, auth }) => {
      assertCityRole(auth!.actor, params.city, ANY_ROLE, "read the city's policy");
      return policyVersions.list(params.city);
    },
  });

  api.add({
    method: 'get',
    path: '/api/policies/:city/versions/:version',
    tag: 'policies',
    summary: 'One saved policy version with its YAML (any user of the city)',
    params: CityVersionParams,
    responses: { 200: { description: 'the version', schema: PolicyTextSchema }, ...problems(400, 401, 403, 404) },
    handler: ({ params, auth }) => {
      assertCityRole(auth!.actor, params.city, ANY_ROLE, "read the city's policy");
      return policyVersions.get(params.city, params.version);
    },
  });

  api.add({
    method: 'post',
    path: '/api/policies/:city/validate',
    tag: 'policies',
    summary: "Checks a policy text without saving it (administrator): 400 POLICY_INVALID lists each problem with its path in the policy (timeLimits.complaint), `yaml` for a syntax error, or element:<id> of the city's diagram; 422 UPLOAD_CHECK_TIMEOUT when the check runs too long, 429 UPLOAD_CHECKS_BUSY when too many are being checked",
    params: CityParams,
    body: YamlBody,
    responses: { 200: { description: 'the policy is valid', schema: ValidResultSchema }, ...problems(400, 401, 403, 422, 429) },
    handler: async ({ params, body, auth }) => {
      assertCityRole(auth!.actor, params.city, ADMIN, 'validate policies');
      await policyVersions.validate(params.city, body.yaml);
      return { valid: true as const };
    },
  });

  api.add({
    method: 'post',
    path: '/api/policies/:city/versions',
    tag: 'policies',
    summary: 'Saves a valid policy as the version new orders use (administrator); running orders keep theirs. The same text again: 200, nothing stored',
    params: CityParams,
    body: YamlBody,
    responses: {
      201: { description: 'saved as a new version', schema: SavePolicyResultSchema },
      200: { description: 'the same as the latest version: nothing stored', schema: SavePolicyResultSchema },
      ...problems(400, 401, 403, 409, 422, 429),
    },
    handler: async ({ params, body, auth, res }) => {
      assertCityRole(auth!.actor, params.city, ADMIN, 'save policies');
      const result = await policyVersions.save(params.city, body.yaml, auth!.actor.id);
      res.status(result.created ? 201 : 200).json(result);
    },
  });
}
