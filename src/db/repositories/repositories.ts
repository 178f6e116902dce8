import type { Kysely } from 'kysely';
import type { Repositories } from '../../engine/ports';
import type { DatabaseSchema } from '../database.types';
import { createAssessmentRepository } from './assessment.repository';
import { createAttachmentRepository } from './attachment.repository';
import { createAuditLogRepository } from './audit-log.repository';
import { createAppealRepository } from './order-appeal.repository';
import { createCallerBlockRepository } from './caller-block.repository';
import { createPrecedentRepository } from './precedent.repository';
import { createDeploymentRepository } from './deployment.repository';
import { createDutyRepository } from './duty.repository';
import { createLeaderDayRepository } from './duty-leader-days.repository';
import { createIdempotencyRepository } from './idempotency.repository';
import { createJobQueue } from './job-queue.repository';
import { createKnowledgeRepository } from './knowledge.repository';
import { createPolicyVersionRepository } from './policy-version.repository';
import { createProcessInstanceRepository } from './process-instance.repository';
import { createTaskRepository } from './task.repository';
import { createWorkOrderRepository } from './work-order.repository';

/**
 * Every store bound to one kysely handle: a transaction (see unit-of-work.ts) or, for reads
 * outside a step, the database itself. With the embedded database (one connection), never
 * query the database handle while a transaction is open in the same call chain: it waits
 * for the one connection the transaction holds.
 */
export function createRepositories(db: Kysely<DatabaseSchema>): Repositories {
  return {
    idempotency: createIdempotencyRepository(db),
    orders: createWorkOrderRepository(db),
    instances: createProcessInstanceRepository(db),
    tasks: createTaskRepository(db),
    audit: createAuditLogRepository(db),
    jobs: createJobQueue(db),
    deployments: createDeploymentRepository(db),
    policies: createPolicyVersionRepository(db),
    blocks: createCallerBlockRepository(db),
    precedents: createPrecedentRepository(db),
    knowledge: createKnowledgeRepository(db),
    duty: createDutyRepository(db),
    leaderDays: createLeaderDayRepository(db),
    assessment: createAssessmentRepository(db),
    attachments: createAttachmentRepository(db),
    appeals: createAppealRepository(db),
  };
}
