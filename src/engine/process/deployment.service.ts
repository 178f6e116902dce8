import type { Clock } from '../../shared/clock';
import { ConflictError, NotFoundError } from '../../shared/errors';
import type { CityCatalog } from '../city/city-catalog';
import type { Deployment, UnitOfWork } from '../ports';
import type { UploadChecks } from '../uploads/upload-checks';
import { parseProcessModel, ProcessModel } from './bpmn-model';

/** Deploys of one city racing for the next version number: each loser reads the latest again, this many times. */
const DEPLOY_ATTEMPTS = 10;

export interface DeployResult {
  version: number;
  created: boolean;
  hash: string;
}

/**
 * Deploys a city's diagram: parse, check, and store it as a new version unless it is the same
 * as the latest. Running orders stay on the version they started on; new orders take the latest.
 */
export class DeploymentService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
    /**
     * Where an upload is parsed and checked (bpmn-model.ts, check-against-policy.ts): a worker
     * thread in the app (src/app/upload-check-pool.ts); the cities' own files at boot in-thread.
     */
    private readonly checks: UploadChecks,
  ) {}

  /** Parses and checks without storing. */
  async validate(city: string, xml: string): Promise<void> {
    await this.checks.diagram(city, xml, this.catalog.policy(city).policy);
  }

  /**
   * Concurrent deploys of one city get distinct versions: the database refuses a version number
   * stored twice (DEPLOYMENT_EXISTS) and the loser takes the next one (or finds its XML stored);
   * 409 DEPLOYMENT_EXISTS only after DEPLOY_ATTEMPTS lost races.
   */
  async deploy(city: string, xml: string, by: string): Promise<DeployResult> {
    const model = await this.checks.model(city, xml, this.catalog.policy(city).policy);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store(city, model, by);
      } catch (err) {
        const raced = err instanceof ConflictError && err.code === 'DEPLOYMENT_EXISTS';
        if (!raced || attempt === DEPLOY_ATTEMPTS) throw err;
      }
    }
  }

  private async store(city: string, model: ProcessModel, by: string): Promise<DeployResult> {
    const xml = model.xml;
    const result = await this.uow.run(async (repos) => {
      const latest = await repos.deployments.latest(model.key);
      if (latest?.hash === model.hash) return { version: latest.version, created: false, hash: model.hash };
      const version = (latest?.version ?? 0) + 1;
      const deployedAt = this.clock.now();
      await repos.deployments.insert({ processKey: model.key, version, xml, hash: model.hash, deployedBy: by, deployedAt });
      await repos.audit.append([{ orderId: null, city, type: 'process.deployed', actor: by, at: deployedAt, data: { version, hash: model.hash } }]);
      return { version, created: true, hash: model.hash };
    });
    this.catalog.addModel(result.version, model);
    return result;
  }

  /** Every stored version of the city's diagram, oldest first. */
  async versions(city: string): Promise<Deployment[]> {
    this.catalog.policy(city); // CITY_NOT_FOUND for an unknown city
    return this.uow.run(async (repos) => repos.deployments.list(city));
  }

  /** One stored version, with its XML. */
  async version(city: string, version: number): Promise<Deployment> {
    const found = await this.uow.run(async (repos) => repos.deployments.get(city, version));
    if (!found) throw new NotFoundError('PROCESS_VERSION_NOT_FOUND', `${city} has no diagram version ${version}`, { city, version });
    return found;
  }

  /** Loads every stored version into the catalog (at start-up). */
  async loadAll(key: string): Promise<Deployment[]> {
    const deployments = await this.uow.run(async (repos) => repos.deployments.list(key));
    for (const d of deployments) this.catalog.addModel(d.version, await parseProcessModel(d.xml));
    return deployments;
  }
}
