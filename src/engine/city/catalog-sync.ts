import type { Clock } from '../../shared/clock';
import { parsePolicy } from '../policy/load-policies';
import type { Repositories } from '../ports';
import { parseProcessModel } from '../process/bpmn-model';
import type { CityCatalog } from './city-catalog';

/** How long a process trusts its catalog of a city before asking the database again. */
const RECHECK_MS = 1000;

/**
 * Keeps this process's catalog in step with the database when several processes share it: a
 * diagram deployed or a policy saved through another process is loaded before it is needed
 * (new orders take the latest; a step loads the version its order is pinned to).
 */
export class CatalogSync {
  private readonly checkedAt = new Map<string, number>();

  constructor(
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
  ) {}

  /** Loads the city's latest diagram and policy if another process stored newer ones (at most once a second). */
  async latest(repos: Repositories, city: string): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - (this.checkedAt.get(city) ?? -Infinity) < RECHECK_MS) return;
    const deployment = await repos.deployments.latest(city);
    if (deployment && !this.catalog.hasModelVersion(city, deployment.version)) {
      this.catalog.addModel(deployment.version, await parseProcessModel(deployment.xml));
    }
    const policy = await repos.policies.latest(city);
    if (policy && !this.catalog.hasPolicyVersion(city, policy.version)) {
      this.catalog.addPolicy(policy.version, parsePolicy(policy.yaml, `policies/${city}.yaml`));
    }
    this.checkedAt.set(city, now);
  }

  /** Loads the diagram and policy versions an order is pinned to, if this process has not seen them. */
  async pinned(repos: Repositories, order: { city: string; processKey: string; processVersion: number; policyVersion: number }): Promise<void> {
    if (!this.catalog.hasModelVersion(order.processKey, order.processVersion)) {
      const deployment = await repos.deployments.get(order.processKey, order.processVersion);
      if (deployment) this.catalog.addModel(deployment.version, await parseProcessModel(deployment.xml));
    }
    if (!this.catalog.hasPolicyVersion(order.city, order.policyVersion)) {
      const policy = await repos.policies.get(order.city, order.policyVersion);
      if (policy) this.catalog.addPolicy(policy.version, parsePolicy(policy.yaml, `policies/${order.city}.yaml`));
    }
  }
}
