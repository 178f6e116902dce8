import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Clock } from '../../shared/clock';
import { ConflictError, OperationalError } from '../../shared/errors';
import { loadPolicies, parsePolicy } from '../policy/load-policies';
import type { UnitOfWork } from '../ports';
import type { DeploymentService } from '../process/deployment.service';
import type { CityCatalog } from './city-catalog';

export interface CitySources {
  policiesDir: string;
  processesDir: string;
  /** Load only these cities (scenario runs of one city); default: every policy file. */
  cities?: readonly string[];
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Brings every city of the policy and process folders into the database and the catalog.
 * A file whose content matches a stored version is not stored again, so a version saved in the
 * browser stays the latest across restarts until someone changes the file itself.
 * Every invalid policy stops start-up with its file, path and what was expected.
 * Several processes may start at once on one database: when another one stored the same
 * version number first, the sync is read again (and then finds the file stored, or stores it
 * as the next version).
 */
export async function bootstrapCities(
  sources: CitySources,
  deps: { uow: UnitOfWork; catalog: CityCatalog; deployments: DeploymentService; clock: Clock },
): Promise<string[]> {
  const policies = loadPolicies(sources.policiesDir, sources.cities);
  for (const city of policies.keys()) {
    const file = join(sources.policiesDir, `${city}.yaml`);
    await onceStored(() => syncPolicy(city, file, deps));
  }
  for (const city of policies.keys()) {
    const file = join(sources.processesDir, `${city}.bpmn`);
    if (!existsSync(file)) {
      throw new OperationalError('PROCESS_FILE_MISSING', `${relative(process.cwd(), file)}: the policy of ${city} has no process diagram`);
    }
    const xml = readFileSync(file, 'utf8');
    await onceStored(async () => {
      const stored = await deps.deployments.loadAll(city);
      if (!stored.some((d) => d.hash === sha256(xml))) await deps.deployments.deploy(city, xml, 'file');
    });
  }
  return [...policies.keys()].sort();
}

/** Runs a sync again when a process starting beside this one stored the version it meant to store. */
async function onceStored(sync: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sync();
    } catch (err) {
      const raced = err instanceof ConflictError && (err.code === 'POLICY_VERSION_EXISTS' || err.code === 'DEPLOYMENT_EXISTS');
      if (!raced || attempt === 5) throw err;
    }
  }
}

async function syncPolicy(
  city: string,
  file: string,
  deps: { uow: UnitOfWork; catalog: CityCatalog; clock: Clock },
): Promise<void> {
  const yaml = readFileSync(file, 'utf8');
  const hash = sha256(yaml);
  const versions = await deps.uow.run(async (repos) => {
    const stored = await repos.policies.list(city);
    if (stored.some((p) => p.hash === hash)) return stored;
    const version = (stored[stored.length - 1]?.version ?? 0) + 1;
    const added = { city, version, yaml, hash, savedBy: 'file', savedAt: deps.clock.now() };
    await repos.policies.insert(added);
    return [...stored, added];
  });
  for (const v of versions) {
    deps.catalog.addPolicy(v.version, parsePolicy(v.yaml, `policies/${city}.yaml`));
  }
}
