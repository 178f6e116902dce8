import { NotFoundError } from '../../shared/errors';
import type { Policy } from '../policy/policy.schema';

export type Role = 'operator' | 'dispatcher' | 'handler' | 'leader' | 'supervisor' | 'admin' | 'auditor' | 'partner';

/** Who acts: a person of a city, with one role, in one unit (the centre for centre roles). */
export interface Actor {
  id: string;
  name: string;
  city: string;
  role: Role;
  unit: string;
}

/** The engine itself, for timers and deadlines. */
export function systemActor(city: string, centre: string): Actor {
  return { id: 'system', name: '系统', city, role: 'admin', unit: centre };
}

/**
 * Finds a user of the city's demo directory by id, by role (`dispatcher`) or by role and unit
 * (`handler@新华区`), as scenario files name them.
 */
export function findDemoUser(policy: Policy, ref: string): Actor {
  const [role, unit] = ref.split('@');
  const user =
    policy.users.find((u) => u.id === ref) ??
    policy.users.find((u) => u.role === role && (unit === undefined ? true : (u.unit ?? policy.centre) === unit));
  if (!user) {
    throw new NotFoundError('USER_NOT_FOUND', `no user "${ref}" in the directory of ${policy.city}`, { ref, city: policy.city });
  }
  return { id: user.id, name: user.name, city: policy.city, role: user.role as Role, unit: user.unit ?? policy.centre };
}
