import path from 'node:path';
import { DomainError, RuleViolation, ThrottledError, UnexpectedError } from '../shared/errors';
import type { Policy } from '../engine/policy/policy.schema';
import type { ProcessModel } from '../engine/process/bpmn-model';
import {
  DiagramCheck,
  modelFromCheck,
  PolicyCheck,
  policyFromCheck,
  UploadCheckRequest,
  UploadChecks,
} from '../engine/uploads/upload-checks';
import { PoolRefusal, WorkerPool } from './worker-pool';

export interface UploadCheckPoolOptions {
  /** Worker threads at most (default 2: the server has other work for its cores). */
  workers?: number;
  /** How long one upload may be read and checked, in milliseconds (default 10,000). */
  timeoutMs?: number;
  /** Checks waiting for a worker at most (default 32). */
  maxQueued?: number;
  /** Checks of one city waiting or running at most (default 8). */
  maxPerCity?: number;
}

export interface UploadCheckPool extends UploadChecks {
  /** The underlying pool's counts (jobs answered by a worker, workers started). */
  readonly counts: WorkerPool['counts'];
  /** Starts a worker ahead of the first check (an administrator opened the policy editor or the modeler). */
  warm(): void;
  /** Checks running in a worker now. */
  busy(): number;
  close(): Promise<void>;
}

/**
 * Each worker's heap: a diagram near MAX_BPMN_ELEMENTS takes ~60 MB to parse and check; an
 * upload that needs far more ends its worker with UPLOAD_CHECK_OUT_OF_MEMORY, not the server.
 */
const WORKER_HEAP_MB = 256;

function refusal(reason: PoolRefusal, message: string): DomainError {
  switch (reason) {
    case 'timeout':
      return new RuleViolation('UPLOAD_CHECK_TIMEOUT', `${message}: stopped and nothing saved; split the upload or make it smaller`);
    case 'memory':
      return new RuleViolation('UPLOAD_CHECK_OUT_OF_MEMORY', `${message}: stopped and nothing saved; make the upload smaller`);
    case 'busy':
      return new ThrottledError('UPLOAD_CHECKS_BUSY', `too many uploads are being checked (${message}); try again in a moment`);
    case 'closed':
      return new ThrottledError('UPLOAD_CHECKS_BUSY', `${message}; try again in a moment`);
    default:
      return new UnexpectedError('UPLOAD_CHECK_FAILED', message);
  }
}

/**
 * The UploadChecks port on worker threads: reading and checking an uploaded policy (YAML,
 * schema, cross-references) or diagram (bpmn-moddle and the engine's checks) runs off the
 * event loop that serves every city. The answer is plain data: the policy, or the diagram's
 * PortableModel (read back here in ~20 ms when a deploy needs it), or the problems found.
 */
export function createUploadCheckPool(opts: UploadCheckPoolOptions = {}): UploadCheckPool {
  const ext = path.extname(__filename); // .ts under tsx and ts-jest
  const pool = new WorkerPool({
    file: path.join(__dirname, `upload-check.worker${ext}`),
    size: opts.workers ?? 2,
    timeoutMs: opts.timeoutMs ?? 10_000,
    maxQueued: opts.maxQueued ?? 32,
    maxPerKey: opts.maxPerCity ?? 8,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    refuse: refusal,
  });
  const run = <T>(city: string, request: UploadCheckRequest) => pool.run(city, request) as Promise<T>;
  return {
    counts: pool.counts,
    warm: () => pool.warm(),
    busy: () => pool.busy(),
    policy: async (city: string, yaml: string): Promise<Policy> => policyFromCheck(city, await run<PolicyCheck>(city, { kind: 'policy', city, yaml })),
    diagram: async (city: string, xml: string, policy: Policy): Promise<void> => {
      modelFromCheck(await run<DiagramCheck>(city, { kind: 'diagram', xml, policy, keepModel: false }), xml);
    },
    model: async (city: string, xml: string, policy: Policy): Promise<ProcessModel> => {
      const model = modelFromCheck(await run<DiagramCheck>(city, { kind: 'diagram', xml, policy, keepModel: true }), xml);
      if (!model) throw new UnexpectedError('UPLOAD_CHECK_FAILED', 'the check answered without the model');
      return model;
    },
    close: () => pool.close(),
  };
}
