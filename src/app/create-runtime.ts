import { CityCatalog } from '../engine/city/city-catalog';
import { bootstrapCities, CitySources } from '../engine/city/city-bootstrap';
import type { DueJobSource } from '../engine/ports';
import { DeploymentService } from '../engine/process/deployment.service';
import { EngineCache } from '../engine/process/engine-cache';
import { DeadlineService } from '../engine/work-order/deadline.service';
import { WorkOrderService } from '../engine/work-order/work-order.service';
import type { StepLimits } from '../engine/process/step-budget';
import { Database, openDatabase } from '../db/database';
import { migrate } from '../db/migrations/migrate';
import { createDueJobSource } from '../db/repositories/due-job-source';
import { createUnitOfWork } from '../db/unit-of-work';
import { createWorkOrderQueries } from '../db/repositories/work-order-queries.repository';
import { AttachmentService } from '../engine/attachments/attachment.service';
import { createOrderServices, OrderServices } from '../engine/queries/order-services';
import { createAccountRepository } from '../db/repositories/account.repository';
import { createOpen311Repository } from '../db/repositories/open311.repository';
import type { Open311Queries } from '../engine/open311/open311-queries';
import { AuthService } from '../auth/auth.service';
import { PasswordHasher, type PasswordHashCost } from '../auth/passwords';
import { createAuditQueryRepository } from '../db/repositories/audit-query.repository';
import { createAuditLogRepository } from '../db/repositories/audit-log.repository';
import { AuditLogService } from '../engine/audit/audit-log.service';
import { KnowledgeService } from '../engine/knowledge/knowledge.service';
import { createDutyServices, DutyServices } from '../engine/duty/duty-services';
import { PolicyVersionsService } from '../engine/policy/policy-versions.service';
import { createJobHandlers, JobHandler } from '../scheduler/job-handlers';
import type { Clock } from '../shared/clock';
import type { Role } from '../engine/work-order/actor';
import { trackInFlight, TrackedUnitOfWork } from './in-flight';
import { createUploadCheckPool, UploadCheckPool, UploadCheckPoolOptions } from './upload-check-pool';
import { inlineUploadChecks } from '../engine/uploads/upload-checks';
import type { Logger } from '../shared/logger';
import { createDashboardRepository } from '../db/repositories/dashboard.repository';
import { DashboardService } from '../engine/queries/dashboard-queries';
import { AssessmentService } from '../engine/assessment/assessment.service';
import { MONTHLY_ASSESSMENT } from '../engine/assessment/assessment-schedule';
import { createAssessmentFactsRepository } from '../db/repositories/assessment-facts.repository';
import { ensureRepeatingJob } from '../db/repositories/repeating-job.repository';
import { createReportFactsRepository } from '../db/repositories/report-facts.repository';
import { ReportService } from '../engine/reports/report.service';

export interface RuntimeOptions extends CitySources {
  clock: Clock;
  logger: Logger;
  /** An open database (tests); otherwise one is opened from databaseUrl / dataDir. */
  database?: Database;
  databaseUrl?: string;
  dataDir?: string;
  /** Live engines kept between steps (0: recover every step). Default 500. */
  engineCacheSize?: number;
  /** What one step of a process may do before STEP_BUDGET_EXCEEDED (default DEFAULT_STEP_LIMITS). */
  stepLimits?: StepLimits;
  /** The worker threads that read and check uploaded policies and diagrams (upload-check-pool.ts). */
  uploadChecks?: UploadCheckPoolOptions;
  /** The argon2id cost of new password hashes (default PASSWORD_HASH_COST; tests choose a cheap one). */
  passwordHashCost?: PasswordHashCost;
}

/** Everything but HTTP and the Agenda worker: database, cities, services, job handlers. */
export interface Runtime {
  database: Database;
  uow: TrackedUnitOfWork;
  catalog: CityCatalog;
  cities: string[];
  workOrders: WorkOrderService;
  deployments: DeploymentService;
  /** Reads and checks uploaded policies and diagrams on worker threads, off the event loop. */
  uploadChecks: UploadCheckPool;
  deadlines: DeadlineService;
  auth: AuthService;
  /** Orders, inbox and task actions of the API: idempotent intake, search, views, claims. */
  orderServices: OrderServices;
  /** Photos and documents of orders: upload, list, download (authorized like the order, audited). */
  attachments: AttachmentService;
  /** Saved policy versions: validate, save (new orders use it at once), read. */
  policyVersions: PolicyVersionsService;
  /** Each city's knowledge base (HZ-7, HZ-14). */
  knowledge: KnowledgeService;
  /** Searches of a city's audit log. */
  auditLog: AuditLogService;
  /** Duty rota, log and handover (HK-9, HK-10) and leaders' answering days (PDS-18, HZ-10). */
  duty: DutyServices;
  /** The dashboard's figures of a city (intake, open and overdue by unit, on-time rate). */
  dashboard: DashboardService;
  /** Monthly assessment: runs, snapshots, publication, findings, manual scores, measures. */
  assessments: AssessmentService;
  /** Weekly, monthly, annual and bulletin reports (PDS-17, AS-11, AS-2). */
  reports: ReportService;
  /** Writes the monthly assessment's cron job (a worker process does this at start). */
  scheduleMonthlyAssessment(): Promise<void>;
  /** Public reads of orders (no requester) for the Open311 endpoints. */
  open311: Open311Queries;
  jobHandlers: Record<string, JobHandler>;
  dueJobs: DueJobSource;
  clock: Clock;
  logger: Logger;
  /** Each city's demo users (policy `users:`), for seeding the embedded database. */
  demoDirectory(): Array<{ city: string; users: Array<{ id: string; name: string; role: Role; unit: string }> }>;
  close(): Promise<void>;
}

function demoDirectory(catalog: CityCatalog): ReturnType<Runtime['demoDirectory']> {
  return catalog.cities().map((city) => {
    const policy = catalog.policy(city).policy;
    return { city, users: policy.users.map((u) => ({ id: u.id, name: u.name, role: u.role as Role, unit: u.unit ?? policy.centre })) };
  });
}

export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const database =
    opts.database ?? (await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir, logger: opts.logger }));
  try {
    if (!opts.database) await migrate(database.db);
    const uow = trackInFlight(createUnitOfWork(database.db));
    const catalog = new CityCatalog();
    // The cities' own files are checked at boot on this thread (nothing is served yet); uploads on workers.
    const fileDeployments = new DeploymentService(uow, catalog, opts.clock, inlineUploadChecks);
    const cities = await bootstrapCities(opts, { uow, catalog, deployments: fileDeployments, clock: opts.clock });
    const uploadChecks = createUploadCheckPool(opts.uploadChecks);
    const deployments = new DeploymentService(uow, catalog, opts.clock, uploadChecks);
    const workOrders = new WorkOrderService(uow, catalog, opts.clock, new EngineCache(opts.engineCacheSize ?? 500), opts.stepLimits);
    const deadlines = new DeadlineService(uow, opts.clock);
    const assessmentFacts = createAssessmentFactsRepository(database.db);
    const assessments = new AssessmentService(uow, catalog, opts.clock, assessmentFacts);
    return {
      demoDirectory: () => demoDirectory(catalog),
      database,
      uow,
      catalog,
      cities,
      workOrders,
      deployments,
      uploadChecks,
      deadlines,
      auth: new AuthService(createAccountRepository(database.db), opts.clock, createAuditLogRepository(database.db), new PasswordHasher(opts.passwordHashCost)),
      orderServices: createOrderServices({ uow, catalog, clock: opts.clock, workOrders, queries: createWorkOrderQueries(database.db) }),
      attachments: new AttachmentService(uow, catalog, opts.clock),
      policyVersions: new PolicyVersionsService(uow, catalog, opts.clock, uploadChecks),
      knowledge: new KnowledgeService(uow, catalog, opts.clock),
      duty: createDutyServices(uow, catalog, opts.clock),
      auditLog: new AuditLogService(createAuditQueryRepository(database.db)),
      dashboard: new DashboardService(catalog, opts.clock, createDashboardRepository(database.db)),
      open311: createOpen311Repository(database.db),
      assessments,
      reports: new ReportService(catalog, opts.clock, createReportFactsRepository(database.db), assessmentFacts, assessments),
      scheduleMonthlyAssessment: () => ensureRepeatingJob(database.db, MONTHLY_ASSESSMENT, opts.clock.now()),
      jobHandlers: createJobHandlers(workOrders, deadlines, assessments),
      dueJobs: createDueJobSource(database.db),
      clock: opts.clock,
      logger: opts.logger,
      close: async () => {
        await uploadChecks.close();
        await database.close();
      },
    };
  } catch (err) {
    if (!opts.database) await database.close();
    throw err;
  }
}
