import type { Kysely, Selectable } from 'kysely';
import type { Deployment, DeploymentStore } from '../../engine/ports';
import { ConflictError } from '../../shared/errors';
import type { DatabaseSchema, DeploymentsTable } from '../database.types';
import { isUniqueViolation } from '../pg-errors';

/** Deployed BPMN definitions, immutable, one row per `process@version`. */
export function createDeploymentRepository(db: Kysely<DatabaseSchema>): DeploymentStore {
  return new DeploymentRepository(db);
}

class DeploymentRepository implements DeploymentStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async latest(processKey: string): Promise<Deployment | null> {
    const row = await this.ofKey(processKey).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row ? toDeployment(row) : null;
  }

  async get(processKey: string, version: number): Promise<Deployment | null> {
    const row = await this.ofKey(processKey).where('version', '=', version).executeTakeFirst();
    return row ? toDeployment(row) : null;
  }

  /** Oldest first. */
  async list(processKey: string): Promise<Deployment[]> {
    const rows = await this.ofKey(processKey).orderBy('version', 'asc').execute();
    return rows.map(toDeployment);
  }

  async insert(d: Deployment): Promise<void> {
    try {
      await this.db
        .insertInto('deployments')
        .values({
          process_key: d.processKey,
          version: d.version,
          xml: d.xml,
          hash: d.hash,
          deployed_by: d.deployedBy,
          deployed_at: d.deployedAt,
        })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ConflictError('DEPLOYMENT_EXISTS', `${d.processKey}@${d.version} is already deployed`, {
          processKey: d.processKey,
          version: d.version,
        }, { cause: err });
      }
      throw err;
    }
  }

  private ofKey(processKey: string) {
    return this.db.selectFrom('deployments').selectAll().where('process_key', '=', processKey);
  }
}

function toDeployment(row: Selectable<DeploymentsTable>): Deployment {
  return {
    processKey: row.process_key,
    version: row.version,
    xml: row.xml,
    hash: row.hash,
    deployedBy: row.deployed_by,
    deployedAt: row.deployed_at,
  };
}
