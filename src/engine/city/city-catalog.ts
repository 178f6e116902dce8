import { NotFoundError } from '../../shared/errors';
import { BusinessCalendar } from '../calendar/business-calendar';
import type { Policy } from '../policy/policy.schema';
import type { ProcessModel } from '../process/bpmn-model';

/** A policy version in memory, with the calendar built from it. */
export interface LoadedPolicy {
  version: number;
  policy: Policy;
  calendar: BusinessCalendar;
}

/**
 * Everything a step needs that is not in the order: every deployed diagram version and every
 * policy version of every city, parsed once. Filled at start-up and on each deployment;
 * read synchronously by the engine (timer expressions cannot wait for the database).
 */
export class CityCatalog {
  private readonly models = new Map<string, Map<number, ProcessModel>>();
  private readonly policies = new Map<string, Map<number, LoadedPolicy>>();

  addModel(version: number, model: ProcessModel): void {
    const versions = this.models.get(model.key) ?? new Map<number, ProcessModel>();
    versions.set(version, model);
    this.models.set(model.key, versions);
  }

  addPolicy(version: number, policy: Policy): LoadedPolicy {
    const loaded = { version, policy, calendar: new BusinessCalendar(policy.calendar, policy.timezone) };
    const versions = this.policies.get(policy.city) ?? new Map<number, LoadedPolicy>();
    versions.set(version, loaded);
    this.policies.set(policy.city, versions);
    return loaded;
  }

  cities(): string[] {
    return [...this.policies.keys()].sort();
  }

  model(key: string, version: number): ProcessModel {
    const model = this.models.get(key)?.get(version);
    if (!model) throw new NotFoundError('PROCESS_NOT_DEPLOYED', `process ${key}@${version} is not deployed`, { key, version });
    return model;
  }

  latestModel(key: string): { version: number; model: ProcessModel } {
    const versions = this.models.get(key);
    const version = versions ? Math.max(...versions.keys()) : 0;
    const model = versions?.get(version);
    if (!model) throw new NotFoundError('PROCESS_NOT_DEPLOYED', `no process is deployed for ${key}`, { key });
    return { version, model };
  }

  policy(city: string, version?: number): LoadedPolicy {
    const versions = this.policies.get(city);
    const v = version ?? (versions ? Math.max(...versions.keys()) : 0);
    const loaded = versions?.get(v);
    if (!loaded) throw new NotFoundError('CITY_NOT_FOUND', `no policy for city "${city}"${version ? ` version ${version}` : ''}`, { city });
    return loaded;
  }

  hasModelVersion(key: string, version: number): boolean {
    return this.models.get(key)?.has(version) ?? false;
  }

  hasPolicyVersion(city: string, version: number): boolean {
    return this.policies.get(city)?.has(version) ?? false;
  }

  hasModel(key: string): boolean {
    return (this.models.get(key)?.size ?? 0) > 0;
  }

  hasCity(city: string): boolean {
    return this.policies.has(city);
  }
}
