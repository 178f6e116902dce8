import type { Kysely, Selectable } from 'kysely';
import type { PolicyVersion, PolicyVersionStore } from '../../engine/ports';
import { ConflictError } from '../../shared/errors';
import type { DatabaseSchema, PolicyVersionsTable } from '../database.types';
import { isUniqueViolation } from '../pg-errors';

/** Saved city policies (YAML), immutable, one row per `city@version`. */
export function createPolicyVersionRepository(db: Kysely<DatabaseSchema>): PolicyVersionStore {
  return new PolicyVersionRepository(db);
}

class PolicyVersionRepository implements PolicyVersionStore {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async latest(city: string): Promise<PolicyVersion | null> {
    const row = await this.ofCity(city).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row ? toPolicy(row) : null;
  }

  async get(city: string, version: number): Promise<PolicyVersion | null> {
    const row = await this.ofCity(city).where('version', '=', version).executeTakeFirst();
    return row ? toPolicy(row) : null;
  }

  /** Oldest first. */
  async list(city: string): Promise<PolicyVersion[]> {
    const rows = await this.ofCity(city).orderBy('version', 'asc').execute();
    return rows.map(toPolicy);
  }

  async insert(p: PolicyVersion): Promise<void> {
    try {
      await this.db
        .insertInto('policy_versions')
        .values({
          city: p.city,
          version: p.version,
          yaml: p.yaml,
          hash: p.hash,
          saved_by: p.savedBy,
          saved_at: p.savedAt,
        })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ConflictError('POLICY_VERSION_EXISTS', `policy ${p.city}@${p.version} already exists`, {
          city: p.city,
          version: p.version,
        }, { cause: err });
      }
      throw err;
    }
  }

  private ofCity(city: string) {
    return this.db.selectFrom('policy_versions').selectAll().where('city', '=', city);
  }
}

function toPolicy(row: Selectable<PolicyVersionsTable>): PolicyVersion {
  return {
    city: row.city,
    version: row.version,
    yaml: row.yaml,
    hash: row.hash,
    savedBy: row.saved_by,
    savedAt: row.saved_at,
  };
}
