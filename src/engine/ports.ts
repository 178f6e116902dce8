/**
 * The engine's ports: what it needs from storage and scheduling, in domain words.
 * `src/db` implements the stores and the unit of work; nothing here knows SQL.
 */

import type { KnowledgeStore } from './knowledge/knowledge.ports';
import type { AssessmentStore } from './assessment/assessment.types';
import type { DutyStore, LeaderDayStore } from './duty/duty.ports';
import type { AttachmentStore } from './attachments/attachment.ports';
import type { AppealStore } from './merge/merge.ports';

/** Where uploaded policies and diagrams are read and checked (a worker pool in src/app). */
export type { UploadChecks } from './uploads/upload-checks';

export type OrderStatus =
  | 'received' // recorded, not yet dispatched
  | 'answered' // answered at intake (immediate answer), closed
  | 'not-accepted' // refused at intake with a reason code, closed
  | 'transferred' // handed to an emergency line (110/119/120) at intake, closed
  | 'dispatched' // waiting for a unit
  | 'in-progress' // a unit works on it
  | 'review' // the centre reviews a reply, return or extension
  | 'visit' // return visit
  | 'closed'
  | 'cancelled';

export interface Requester {
  name: string;
  phone: string;
}

export interface Location {
  district?: string;
  address?: string;
}

export interface WorkOrder {
  id: string;
  city: string;
  /** Unique per city, e.g. `PDS-20260302-000001`. */
  number: string;
  category: string;
  channel: string;
  topic: string | null;
  content: string;
  requester: Requester;
  location: Location;
  status: OrderStatus;
  leadUnit: string | null;
  coUnits: string[];
  /** The order's current deadline (after extensions). */
  dueAt: Date | null;
  /** True when the deadline falls in a year the official calendar does not cover yet. */
  dueProvisional: boolean;
  /** Marks such as `overdue`, `warned`, `extended`, `supervised`. */
  flags: string[];
  /** Free-form facts the process and policy record on the order (JSON). */
  data: Record<string, unknown>;
  processKey: string;
  processVersion: number;
  policyVersion: number;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export type NewWorkOrder = Omit<WorkOrder, 'number' | 'updatedAt' | 'closedAt'>;

export type InstanceStatus = 'running' | 'completed' | 'failed';

export interface ProcessInstance {
  id: string;
  orderId: string;
  processKey: string;
  processVersion: number;
  status: InstanceStatus;
  /** bpmn-engine state, without the embedded definition source. */
  state: unknown;
  /** Optimistic lock: incremented on every write. */
  rowVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export type TaskStatus = 'open' | 'completed' | 'cancelled';

export interface Task {
  id: string;
  orderId: string;
  instanceId: string;
  city: string;
  /** bpmn-engine execution id of the waiting activity (unique per task). */
  executionId: string;
  /** BPMN element id of the user task. */
  activityId: string;
  /** Key of the task's form and rules in the city's policy (`tasks.<formKey>`). */
  formKey: string;
  name: string;
  /** The unit that must act, or the centre's name for centre tasks. */
  candidateUnit: string;
  candidateRoles: string[];
  assignee: string | null;
  createdAt: Date;
  dueAt: Date | null;
  status: TaskStatus;
  completedBy: string | null;
  completedAt: Date | null;
  outcome: string | null;
  formData: Record<string, unknown> | null;
  flags: string[];
}

export interface AuditEvent {
  orderId: string | null;
  city: string;
  /** e.g. `order.created`, `task.completed`, `timer.fired`, `deadline.overdue`. */
  type: string;
  /** user id, or `system` for timers. */
  actor: string;
  at: Date;
  data: Record<string, unknown>;
}

export interface StoredAuditEvent extends AuditEvent {
  id: number;
}

/** A durable job: an Agenda job row, written in the same transaction as the step. */
export interface ScheduledJob {
  /** Unique key; scheduling a key twice replaces the first. */
  key: string;
  /** Job name, e.g. `minhu.timer` or `minhu.deadline`. */
  name: string;
  runAt: Date;
  data: Record<string, unknown>;
}

export interface DueJob extends ScheduledJob {
  id: string;
}

export interface Deployment {
  processKey: string;
  version: number;
  xml: string;
  hash: string;
  deployedBy: string;
  deployedAt: Date;
}

export interface PolicyVersion {
  city: string;
  version: number;
  yaml: string;
  hash: string;
  savedBy: string;
  savedAt: Date;
}

export interface WorkOrderStore {
  /**
   * The next number of the city's local day, e.g. `PDS-20260302-000042`, in one statement that
   * locks the day's counter row until its transaction ends. An intake draws it outside its own
   * transaction (see `UnitOfWork.read`), so the lock lasts one statement: inside, it made every
   * intake of the city wait for the one before it to commit. Numbers are therefore unique and
   * increasing but not gap-free: a number drawn by an intake that then fails is skipped.
   */
  drawNumber(city: string, createdAt: Date, numberPrefix: string): Promise<string>;
  /** Inserts the order under a number drawn by `drawNumber` (ORDER_EXISTS if id or number is taken). */
  insert(order: NewWorkOrder, number: string): Promise<WorkOrder>;
  findById(id: string): Promise<WorkOrder | null>;
  /** The orders of these ids that exist, in no particular order (one query). */
  findByIds(ids: string[]): Promise<WorkOrder[]>;
  findByNumber(city: string, number: string): Promise<WorkOrder | null>;
  /** The requester's orders of the city created at or after `since`, newest first (at most 20). */
  findRecentByPhone(city: string, phone: string, since: Date): Promise<WorkOrder[]>;
  update(order: WorkOrder): Promise<void>;
  /** Writes the flags and updatedAt of several orders in one statement (a deadline batch). */
  updateFlags(changes: Array<Pick<WorkOrder, 'id' | 'flags' | 'updatedAt'>>): Promise<void>;
}

export interface ProcessInstanceStore {
  insert(instance: Omit<ProcessInstance, 'rowVersion' | 'createdAt' | 'updatedAt'>, now: Date): Promise<ProcessInstance>;
  /** Locks the row for the rest of the transaction (SELECT … FOR UPDATE). */
  lockByOrderId(orderId: string): Promise<ProcessInstance | null>;
  /** Locks the instances of these orders in order-id order (one statement; no deadlock between batches). */
  lockByOrderIds(orderIds: string[]): Promise<void>;
  /** Locks the instance of the task's order (one round trip for an action on a task). */
  lockByTaskId(taskId: string): Promise<ProcessInstance | null>;
  /** Writes state; throws ConflictError STALE_INSTANCE if rowVersion is not the current one. */
  save(instance: ProcessInstance, now: Date): Promise<ProcessInstance>;
}

export interface TaskStore {
  insert(task: Task): Promise<void>;
  findById(id: string): Promise<Task | null>;
  /** The tasks of these ids that exist, in no particular order (one query). */
  findByIds(ids: string[]): Promise<Task[]>;
  /** Locks the row for the rest of the transaction. */
  lockById(id: string): Promise<Task | null>;
  findOpenByOrder(orderId: string): Promise<Task[]>;
  findByOrder(orderId: string): Promise<Task[]>;
  update(task: Task): Promise<void>;
  /** Writes the flags of several tasks in one statement (a deadline batch). */
  updateFlags(changes: Array<Pick<Task, 'id' | 'flags'>>): Promise<void>;
}

export interface AuditLog {
  append(events: AuditEvent[]): Promise<void>;
  findByOrder(orderId: string): Promise<StoredAuditEvent[]>;
}

export interface JobQueue {
  schedule(jobs: ScheduledJob[]): Promise<void>;
  cancel(keys: string[]): Promise<void>;
  /** Keys of pending (not yet run) jobs whose key starts with the prefix. */
  pendingKeys(prefix: string): Promise<string[]>;
}

/** Used by the virtual-clock runner (tests, scenarios) instead of Agenda's own polling. */
export interface DueJobSource {
  /** The earliest pending job of the given names due at or before `now`, or null. */
  nextDue(names: string[], now: Date): Promise<DueJob | null>;
  /** Marks a job as run (so it never runs again). */
  markDone(id: string, at: Date): Promise<void>;
}

export interface DeploymentStore {
  latest(processKey: string): Promise<Deployment | null>;
  get(processKey: string, version: number): Promise<Deployment | null>;
  list(processKey: string): Promise<Deployment[]>;
  insert(deployment: Deployment): Promise<void>;
}

export interface PolicyVersionStore {
  latest(city: string): Promise<PolicyVersion | null>;
  get(city: string, version: number): Promise<PolicyVersion | null>;
  /** Every stored version of the city's policy, oldest first. */
  list(city: string): Promise<PolicyVersion[]>;
  insert(policy: PolicyVersion): Promise<void>;
}

/** A caller barred from intake until a date (HZ-6). */
export interface CallerBlock {
  city: string;
  phone: string;
  reason: string;
  orderId: string | null;
  blockedBy: string;
  blockedAt: Date;
  until: Date;
}

export interface CallerBlockStore {
  insert(block: CallerBlock): Promise<void>;
  /** The block in force at `now` that ends last, or null. */
  findActive(city: string, phone: string, now: Date): Promise<CallerBlock | null>;
}

/** A topic decided once: later orders on it go to this unit (DZ-4). */
export interface RoutingPrecedent {
  city: string;
  topic: string;
  unit: string;
  orderId: string | null;
  setBy: string;
  setAt: Date;
}

export interface PrecedentStore {
  /** Sets (or replaces) the precedent of the city's topic. */
  upsert(precedent: RoutingPrecedent): Promise<void>;
  find(city: string, topic: string): Promise<RoutingPrecedent | null>;
}

/** An intake's idempotency key: per user and key, the first order stands. */
export interface IdempotencyRecord {
  actor: string;
  key: string;
  /** sha256 of the request body (canonical JSON). */
  requestHash: string;
  orderId: string;
  createdAt: Date;
}

export interface IdempotencyStore {
  find(actor: string, key: string): Promise<IdempotencyRecord | null>;
  /** Records the key; false when the actor already used it (the first record stands). */
  insert(record: IdempotencyRecord): Promise<boolean>;
}

export interface Repositories {
  idempotency: IdempotencyStore;
  orders: WorkOrderStore;
  instances: ProcessInstanceStore;
  tasks: TaskStore;
  audit: AuditLog;
  jobs: JobQueue;
  deployments: DeploymentStore;
  policies: PolicyVersionStore;
  blocks: CallerBlockStore;
  precedents: PrecedentStore;
  knowledge: KnowledgeStore;
  /** Duty rota, log and handover (HK-9, HK-10). */
  duty: DutyStore;
  /** Leaders' answering sessions (PDS-18, HZ-10). */
  leaderDays: LeaderDayStore;
  /** Assessment runs, publications, findings, manual scores, measures (issue 6). */
  assessment: AssessmentStore;
  /** Photos and documents of orders (issue 13 point 6). */
  attachments: AttachmentStore;
  /** Calls merged into open orders (并单). */
  appeals: AppealStore;
}

/** One transaction. Everything `fn` writes commits together or not at all. */
export interface UnitOfWork {
  run<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
  /**
   * Statements outside a transaction: each commits on its own (no BEGIN/COMMIT round trips), so
   * two reads may see different commits. Only for a read whose answer one statement decides,
   * or a write that must not wait for a transaction's end (drawing an order number).
   */
  read<T>(fn: (repos: Repositories) => Promise<T>): Promise<T>;
}
