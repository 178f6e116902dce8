import { createHash } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { FieldIssue, NotFoundError, ValidationError } from '../../shared/errors';
import type { CityCatalog } from '../city/city-catalog';
import type { UnitOfWork } from '../ports';
import { BpmnInvalidError } from '../process/bpmn-model';
import { checkAgainstPolicy } from '../process/check-against-policy';
import type { UploadChecks } from '../uploads/upload-checks';
import { parsePolicy } from './load-policies';
import { PolicyInvalidError, PolicyIssue } from './policy-error';
import type { Policy } from './policy.schema';
import { policySizeProblem } from './yaml-limits';

export interface PolicyVersionInfo {
  version: number;
  hash: string;
  savedBy: string;
  savedAt: Date;
}

export interface PolicyVersionText extends PolicyVersionInfo {
  yaml: string;
  policy: Policy;
}

/** A syntax problem has no path: it is the YAML text's, at a line and column. */
function toFieldIssue(issue: PolicyIssue): FieldIssue {
  if (issue.path) return { path: issue.path, message: issue.message };
  const at = issue.line === undefined ? '' : `line ${issue.line}, column ${issue.column ?? 1}: `;
  return { path: 'yaml', message: `${at}${issue.message}` };
}

function policyInvalid(city: string, issues: FieldIssue[], cause?: unknown): ValidationError {
  const lines = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ValidationError('POLICY_INVALID', `the policy of ${city} is not valid: ${lines}`, issues, { cause });
}

/**
 * A city's policy versions, edited in the browser: validate a YAML text (shape, cross-references
 * and the city's latest diagram), save it as a new version, read the versions. A saved version
 * joins the catalog at once: new orders use it, running orders keep the version they began with.
 */
export class PolicyVersionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
    /** Where the text is read and checked: a worker thread in the app (src/app/upload-check-pool.ts). */
    private readonly checks: UploadChecks,
  ) {}

  /**
   * The parsed policy, or POLICY_INVALID listing every problem with its path in the policy
   * (`timeLimits.complaint`), `yaml` for a syntax error, or `element:<id>` where the city's
   * latest diagram names something the policy no longer has. A text over MAX_POLICY_BYTES is
   * refused before it is read (the policy files of a city's folder have no such limit). The
   * reading and checking is the UploadChecks port's (off the thread that serves requests).
   */
  async validate(city: string, yaml: string): Promise<Policy> {
    this.catalog.policy(city); // CITY_NOT_FOUND for an unknown city
    const tooLarge = policySizeProblem(yaml);
    if (tooLarge) throw policyInvalid(city, [{ path: 'yaml', code: 'POLICY_TOO_LARGE', message: tooLarge }]);
    let policy: Policy;
    try {
      policy = await this.checks.policy(city, yaml);
    } catch (err) {
      if (err instanceof PolicyInvalidError) throw policyInvalid(city, err.issues.map(toFieldIssue), err);
      throw err;
    }
    const { version, model } = this.catalog.latestModel(city);
    try {
      checkAgainstPolicy(model, policy);
    } catch (err) {
      if (!(err instanceof BpmnInvalidError)) throw err;
      const issues = err.issues.map((i) => ({ path: i.path, code: i.code, message: `the city's diagram (version ${version}): ${i.message}` }));
      throw policyInvalid(city, issues, err);
    }
    return policy;
  }

  /** Saves a valid policy as the city's next version; the same text as the latest saves nothing. */
  async save(city: string, yaml: string, by: string): Promise<{ version: number; created: boolean }> {
    const policy = await this.validate(city, yaml);
    const hash = createHash('sha256').update(yaml).digest('hex');
    const result = await this.uow.run(async (repos) => {
      const latest = await repos.policies.latest(city);
      if (latest?.hash === hash) return { version: latest.version, created: false };
      const version = (latest?.version ?? 0) + 1;
      const savedAt = this.clock.now();
      await repos.policies.insert({ city, version, yaml, hash, savedBy: by, savedAt });
      await repos.audit.append([{ orderId: null, city, type: 'policy.saved', actor: by, at: savedAt, data: { version, hash } }]);
      return { version, created: true };
    });
    if (result.created) this.catalog.addPolicy(result.version, policy);
    return result;
  }

  /** The version new orders of the city use, with its text. */
  async current(city: string): Promise<PolicyVersionText> {
    return this.get(city, this.catalog.policy(city).version);
  }

  async get(city: string, version: number): Promise<PolicyVersionText> {
    const stored = await this.uow.run((repos) => repos.policies.get(city, version));
    if (!stored) throw new NotFoundError('POLICY_VERSION_NOT_FOUND', `${city} has no policy version ${version}`, { city, version });
    const policy = this.known(city, version) ? this.catalog.policy(city, version).policy : parsePolicy(stored.yaml, `policies/${city}.yaml`);
    return { version, hash: stored.hash, yaml: stored.yaml, policy, savedBy: stored.savedBy, savedAt: stored.savedAt };
  }

  /** Whether this process has the version in its catalog (another process may have saved a newer one). */
  private known(city: string, version: number): boolean {
    try {
      this.catalog.policy(city, version);
      return true;
    } catch (err) {
      if (err instanceof NotFoundError) return false;
      throw err;
    }
  }

  /** Every version, oldest first, without the text. */
  async list(city: string): Promise<PolicyVersionInfo[]> {
    this.catalog.policy(city);
    const versions = await this.uow.run((repos) => repos.policies.list(city));
    return versions.map((v) => ({ version: v.version, hash: v.hash, savedBy: v.savedBy, savedAt: v.savedAt }));
  }
}
