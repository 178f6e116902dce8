/**
 * The CPU-heavy part of an upload's checks, as functions of plain data in and plain data out,
 * so that they can run on another thread (src/app/upload-check-pool.ts runs them in a worker)
 * or here (inlineUploadChecks: boot, the CLI, unit tests). A policy: YAML → shape → cross-references
 * (parsePolicy). A diagram: the XML precheck, bpmn-moddle, the engine's checks and the city's
 * policy (parseProcessModel + checkAgainstPolicy).
 */
import type { FieldIssue } from '../../shared/errors';
import { deepFreeze, parsePolicy } from '../policy/load-policies';
import { PolicyInvalidError, PolicyIssue } from '../policy/policy-error';
import type { Policy } from '../policy/policy.schema';
import { BpmnInvalidError, parseProcessModel } from '../process/bpmn-model';
import { checkAgainstPolicy } from '../process/check-against-policy';
import { fromPortableModel, PortableModel, toPortableModel } from '../process/portable-model';
import type { ProcessModel } from '../process/bpmn-model';

export type PolicyCheck = { ok: true; policy: Policy } | { ok: false; issues: PolicyIssue[] };
export type DiagramCheck = { ok: true; model: PortableModel | null } | { ok: false; issues: FieldIssue[] };

/** What the worker is asked: one policy text or one diagram (`keepModel`: a deploy needs the model back). */
export type UploadCheckRequest =
  | { kind: 'policy'; city: string; yaml: string }
  | { kind: 'diagram'; xml: string; policy: Policy; keepModel: boolean };

/** A policy text of the city, read and checked on its own (the city's diagram is checked by the caller). */
export function checkPolicyText(city: string, yaml: string): PolicyCheck {
  try {
    return { ok: true, policy: parsePolicy(yaml, `policies/${city}.yaml`) };
  } catch (err) {
    if (err instanceof PolicyInvalidError) return { ok: false, issues: err.issues };
    throw err;
  }
}

/** A diagram, parsed and checked on its own and against the policy of its city. */
export async function checkDiagramText(xml: string, policy: Policy, keepModel: boolean): Promise<DiagramCheck> {
  try {
    const model = await parseProcessModel(xml);
    checkAgainstPolicy(model, policy);
    return { ok: true, model: keepModel ? toPortableModel(model) : null };
  } catch (err) {
    if (err instanceof BpmnInvalidError) return { ok: false, issues: err.issues };
    throw err;
  }
}

/** Runs one request: what the worker thread does with each message. */
export function runUploadCheck(request: UploadCheckRequest): Promise<PolicyCheck | DiagramCheck> {
  if (request.kind === 'policy') return Promise.resolve(checkPolicyText(request.city, request.yaml));
  return checkDiagramText(request.xml, request.policy, request.keepModel);
}

/**
 * Where uploads are read and checked (a port: src/app/upload-check-pool.ts implements it with
 * worker threads, inlineUploadChecks on the calling thread). Invalid input throws
 * PolicyInvalidError or BpmnInvalidError as the in-thread functions do; an implementation may
 * refuse with its own codes too (UPLOAD_CHECK_TIMEOUT, UPLOAD_CHECKS_BUSY…).
 */
export interface UploadChecks {
  /** The parsed, deep-frozen policy of `city`. */
  policy(city: string, yaml: string): Promise<Policy>;
  /** Checks the diagram of `city` on its own and against `policy` (validate). */
  diagram(city: string, xml: string, policy: Policy): Promise<void>;
  /** The same checks, and the model to run (deploy). */
  model(city: string, xml: string, policy: Policy): Promise<ProcessModel>;
}

/** Turns a check's plain answer back into the policy, or throws its problems. */
export function policyFromCheck(city: string, check: PolicyCheck): Policy {
  if (!check.ok) throw new PolicyInvalidError(`policies/${city}.yaml`, check.issues);
  return deepFreeze(check.policy);
}

/** Turns a check's plain answer back into the model (null when it was not asked for), or throws its problems. */
export function modelFromCheck(check: DiagramCheck, xml: string): ProcessModel | null {
  if (!check.ok) throw new BpmnInvalidError(check.issues);
  return check.model ? fromPortableModel(check.model, xml) : null;
}

/** The checks on the calling thread: for boot (the cities' own files), the CLI and unit tests. */
export const inlineUploadChecks: UploadChecks = {
  policy: (city, yaml) => Promise.resolve().then(() => policyFromCheck(city, checkPolicyText(city, yaml))),
  diagram: async (_city, xml, policy) => {
    modelFromCheck(await checkDiagramText(xml, policy, false), xml);
  },
  model: async (_city, xml, policy) => {
    const model = await parseProcessModel(xml);
    checkAgainstPolicy(model, policy);
    return model;
  },
};
