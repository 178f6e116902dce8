import type { Runtime } from '../../app/create-runtime';
import type { ApiRouter } from '../openapi/api-router';
import { IdParams, problems } from '../schemas/common.schema';
import { KnowledgeEntrySchema, KnowledgePageSchema, KnowledgeQuerySchema, ProposeKnowledgeBody } from '../schemas/knowledge.schema';

/**
 * The knowledge base of the caller's city (HZ-7, HZ-14): search, propose (units too), approve or
 * reject (dispatcher, administrator). An entry of another city answers 404 KNOWLEDGE_NOT_FOUND.
 */
export function knowledgeRoutes(api: ApiRouter, runtime: Runtime): void {
  const { knowledge } = runtime;

  api.add({
    method: 'get',
    path: '/api/knowledge',
    tag: 'knowledge',
    summary: "Searches the city's approved entries (any user of the city); ?status=proposed or rejected: all of them for the centre (operator, dispatcher, administrator), one's own proposals for others",
    query: KnowledgeQuerySchema,
    responses: { 200: { description: 'a page of entries, newest first', schema: KnowledgePageSchema }, ...problems(400, 401, 403) },
    handler: ({ query, auth }) => knowledge.search(auth!.actor, query),
  });

  api.add({
    method: 'get',
    path: '/api/knowledge/:id',
    tag: 'knowledge',
    summary: 'One entry: approved ones for any user of the city; proposed or rejected ones for the centre and their proposer',
    params: IdParams,
    responses: { 200: { description: 'the entry', schema: KnowledgeEntrySchema }, ...problems(400, 401, 404) },
    handler: ({ params, auth }) => knowledge.get(auth!.actor, params.id),
  });

  api.add({
    method: 'post',
    path: '/api/knowledge',
    tag: 'knowledge',
    summary: "Proposes an entry for the city's knowledge base (any user of the city but the read-only auditor; HZ-14: units too); the centre approves it",
    body: ProposeKnowledgeBody,
    responses: { 201: { description: 'proposed', schema: KnowledgeEntrySchema }, ...problems(400, 401, 403) },
    status: 201,
    handler: ({ body, auth }) => knowledge.propose(auth!.actor, body),
  });

  api.add({
    method: 'post',
    path: '/api/knowledge/:id/approve',
    tag: 'knowledge',
    summary: 'Approves a proposed entry (dispatcher or administrator of the city): operators may then cite it in an immediate answer. Decided already: 409 KNOWLEDGE_ALREADY_DECIDED',
    params: IdParams,
    responses: { 200: { description: 'approved', schema: KnowledgeEntrySchema }, ...problems(400, 401, 403, 404, 409) },
    handler: ({ params, auth }) => knowledge.decide(auth!.actor, params.id, 'approved'),
  });

  api.add({
    method: 'post',
    path: '/api/knowledge/:id/reject',
    tag: 'knowledge',
    summary: 'Rejects a proposed entry (dispatcher or administrator of the city). Decided already: 409 KNOWLEDGE_ALREADY_DECIDED',
    params: IdParams,
    responses: { 200: { description: 'rejected', schema: KnowledgeEntrySchema }, ...problems(400, 401, 403, 404, 409) },
    handler: ({ params, auth }) => knowledge.decide(auth!.actor, params.id, 'rejected'),
  });
}
