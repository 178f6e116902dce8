import type { Runtime } from '../../app/create-runtime';
import { assertCityRole } from '../../engine/access/city-access';
import type { Deployment } from '../../engine/ports';
import type { Role } from '../../engine/work-order/actor';
import type { ApiRouter } from '../openapi/api-router';
import { CityParams, problems } from '../schemas/common.schema';
import { CityVersionParams, DeployResultSchema, ProcessVersionSchema, ProcessVersionXmlSchema, ValidResultSchema, XmlBody } from '../schemas/processes.schema';
import { z } from 'zod';

const READERS: readonly Role[] = ['admin', 'dispatcher', 'auditor'];
const ADMIN: readonly Role[] = ['admin'];

function summary(d: Deployment) {
  return { version: d.version, hash: d.hash, deployedBy: d.deployedBy, deployedAt: d.deployedAt };
}

/**
 * A city's process diagrams (BPMN): list and fetch the deployed versions, validate an upload,
 * deploy it as the version new orders use. An invalid upload stores nothing.
 */
export function processesRoutes(api: ApiRouter, runtime: Runtime): void {
  const { deployments } = runtime;

  api.add({
    method: 'get',
    path: '/api/processes/:city/versions',
    tag: 'processes',
    summary: "The city's deployed diagram versions, oldest first (administrator, dispatcher, auditor of the city)",
    params: CityParams,
    responses: { 200: { description: 'the versions', schema: z.array(ProcessVersionSchema) }, ...problems(400, 401, 403) },
    handler: async ({ params, auth }) => {
      assertCityRole(auth!.actor, params.city, READERS, "read the city's diagrams");
      return (await deployments.versions(params.city)).map(summary);
    },
  });

  api.add({
    method: 'get',
    path: '/api/processes/:city/versions/:version',
    tag: 'processes',
    summary: 'One deployed version with its XML (administrator, dispatcher, auditor of the city)',
    params: CityVersionParams,
    responses: { 200: { description: 'the version', schema: ProcessVersionXmlSchema }, ...problems(400, 401, 403, 404) },
    handler: async ({ params, auth }) => {
      assertCityRole(auth!.actor, params.city, READERS, "read the city's diagrams");
      const d = await deployments.version(params.city, params.version);
      return { ...summary(d), xml: d.xml };
    },
  });

  api.add({
    method: 'post',
    path: '/api/processes/:city/validate',
    tag: 'processes',
    summary: "Checks a diagram against the engine's rules and the city's policy without deploying it (administrator); 400 BPMN_INVALID lists each element id and code; 422 UPLOAD_CHECK_TIMEOUT when the check runs too long, 429 UPLOAD_CHECKS_BUSY when too many are being checked",
    params: CityParams,
    body: XmlBody,
    responses: { 200: { description: 'the diagram is valid', schema: ValidResultSchema }, ...problems(400, 401, 403, 422, 429) },
    handler: async ({ params, body, auth }) => {
      assertCityRole(auth!.actor, params.city, ADMIN, 'validate diagrams');
      await deployments.validate(params.city, body.xml);
      return { valid: true as const };
    },
  });

  api.add({
    method: 'post',
    path: '/api/processes/:city/versions',
    tag: 'processes',
    summary: 'Deploys a diagram as the new version new orders use (administrator); running orders keep theirs. The same XML again: 200, nothing stored',
    params: CityParams,
    body: XmlBody,
    responses: {
      201: { description: 'deployed as a new version', schema: DeployResultSchema },
      200: { description: 'the same as the latest version: nothing stored', schema: DeployResultSchema },
      ...problems(400, 401, 403, 409, 422, 429),
    },
    handler: async ({ params, body, auth, res }) => {
      assertCityRole(auth!.actor, params.city, ADMIN, 'deploy diagrams');
      const result = await deployments.deploy(params.city, body.xml, auth!.actor.id);
      res.status(result.created ? 201 : 200).json(result);
    },
  });
}
