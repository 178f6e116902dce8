import type { Runtime } from '../../app/create-runtime';
import { NotFoundError } from '../../shared/errors';
import type { ApiRouter } from '../openapi/api-router';
import {
  FindingBody,
  FindingListSchema,
  FindingSchema,
  ManualScoreBody,
  ManualScoreListSchema,
  ManualScoreSchema,
  MeasureBody,
  MeasureSchema,
  PeriodParams,
  RunBody,
  RunListSchema,
  RunSchema,
  RunsQuery,
  RunSummarySchema,
} from '../schemas/assessment.schema';
import { CityParams, IdParams, problems } from '../schemas/common.schema';

/**
 * The monthly assessment (issue 6): runs and their immutable snapshots, publication, findings,
 * manual score items and accountability measures. Everyone of the city reads a published month;
 * drafts, findings and manual scores are for the centre and the auditor.
 */
export function assessmentRoutes(api: ApiRouter, runtime: Runtime): void {
  const { assessments } = runtime;

  api.add({
    method: 'get',
    path: '/api/assessments/:city/runs',
    tag: 'assessment',
    summary: "The city's assessment runs, newest month first (the centre sees drafts too; units only published months)",
    params: CityParams,
    query: RunsQuery,
    responses: { 200: { description: 'runs', schema: RunListSchema }, ...problems(400, 401, 403) },
    handler: async ({ params, query, auth }) => ({ runs: await assessments.listRuns(auth!.actor, params.city, query.period) }),
  });

  api.add({
    method: 'post',
    path: '/api/assessments/:city/runs',
    tag: 'assessment',
    summary: 'Computes a month now (supervisor, administrator) and stores it as a new, unpublished run with the policy version it used',
    params: CityParams,
    body: RunBody,
    status: 201,
    responses: { 201: { description: 'the run', schema: RunSchema }, ...problems(400, 401, 403, 422) },
    handler: async ({ params, body, auth }) => ({ ...(await assessments.run(auth!.actor, params.city, body.period)), measures: [] }),
  });

  api.add({
    method: 'get',
    path: '/api/assessments/:city/:period/published',
    tag: 'assessment',
    summary: 'The published result of a month (any user of the city); 404 RUN_NOT_FOUND while unpublished',
    params: PeriodParams,
    responses: { 200: { description: 'the published run', schema: RunSchema }, ...problems(400, 401, 403, 404) },
    handler: async ({ params, auth }) => {
      const run = await assessments.published(auth!.actor, params.city, params.period);
      if (!run) throw new NotFoundError('RUN_NOT_FOUND', `${params.period} of ${params.city} is not published yet`, { period: params.period });
      return assessments.getRun(auth!.actor, run.id).then(({ run: r, measures }) => ({ ...r, measures }));
    },
  });

  api.add({
    method: 'get',
    path: '/api/assessment-runs/:id',
    tag: 'assessment',
    summary: 'One run with its result and the measures recorded on its accountability entries',
    params: IdParams,
    responses: { 200: { description: 'the run', schema: RunSchema }, ...problems(400, 401, 404) },
    handler: async ({ params, auth }) => {
      const { run, measures } = await assessments.getRun(auth!.actor, params.id);
      return { ...run, measures };
    },
  });

  api.add({
    method: 'post',
    path: '/api/assessment-runs/:id/publish',
    tag: 'assessment',
    summary: "Publishes a run as its month's result (supervisor, administrator). A month is published once: 409 MONTH_PUBLISHED",
    params: IdParams,
    responses: { 200: { description: 'published', schema: RunSummarySchema }, ...problems(400, 401, 403, 404, 409) },
    handler: async ({ params, auth }) => {
      const run = await assessments.publish(auth!.actor, params.id);
      return { id: run.id, city: run.city, period: run.period, policyVersion: run.policyVersion, trigger: run.trigger, computedBy: run.computedBy, computedAt: run.computedAt, publishedAt: run.publishedAt };
    },
  });

  api.add({
    method: 'post',
    path: '/api/assessment-runs/:id/measures',
    tag: 'assessment',
    summary: "Records the measure taken (HK-16) on an entry of the run's accountability lists (supervisor, administrator)",
    params: IdParams,
    body: MeasureBody,
    status: 201,
    responses: { 201: { description: 'recorded', schema: MeasureSchema }, ...problems(400, 401, 403, 404) },
    handler: ({ params, body, auth }) => assessments.recordMeasure(auth!.actor, params.id, body),
  });

  api.add({
    method: 'post',
    path: '/api/assessments/:city/findings',
    tag: 'assessment',
    summary: "Records a finding on a unit (and an order): 黑榜, improper return, HK-15's cases … of the policy's kinds (dispatcher, supervisor, administrator)",
    params: CityParams,
    body: FindingBody,
    status: 201,
    responses: { 201: { description: 'recorded', schema: FindingSchema }, ...problems(400, 401, 403, 404, 422) },
    handler: ({ params, body, auth }) => assessments.recordFinding(auth!.actor, params.city, body),
  });

  api.add({
    method: 'get',
    path: '/api/assessments/:city/:period/findings',
    tag: 'assessment',
    summary: 'The findings recorded in a month (the centre and the auditor)',
    params: PeriodParams,
    responses: { 200: { description: 'findings', schema: FindingListSchema }, ...problems(400, 401, 403) },
    handler: async ({ params, auth }) => ({ findings: await assessments.listFindings(auth!.actor, params.city, params.period) }),
  });

  api.add({
    method: 'get',
    path: '/api/assessments/:city/:period/scores',
    tag: 'assessment',
    summary: 'The manual score items entered for a month (the centre and the auditor)',
    params: PeriodParams,
    responses: { 200: { description: 'scores', schema: ManualScoreListSchema }, ...problems(400, 401, 403) },
    handler: async ({ params, auth }) => ({ scores: await assessments.listManualScores(auth!.actor, params.city, params.period) }),
  });

  api.add({
    method: 'put',
    path: '/api/assessments/:city/:period/scores',
    tag: 'assessment',
    summary: "Enters (or corrects) a manual score item (AS-12) of a unit for a month not yet published (supervisor, administrator)",
    params: PeriodParams,
    body: ManualScoreBody,
    responses: { 200: { description: 'entered', schema: ManualScoreSchema }, ...problems(400, 401, 403, 409, 422) },
    handler: ({ params, body, auth }) => assessments.setManualScore(auth!.actor, params.city, params.period, body),
  });
}
