import { z } from 'zod';
import type { CityCatalog } from '../engine/city/city-catalog';
import { allUnitNames } from '../engine/policy/load-policies';
import type { Role } from '../engine/work-order/actor';
import { FieldIssue, ValidationError } from '../shared/errors';
import type { User } from './auth.ports';
import type { AuthService } from './auth.service';

/** Fewest characters of a password set by an administrator or the user:create command. */
export const MIN_PASSWORD_LENGTH = 10;

export const ROLES = ['operator', 'dispatcher', 'handler', 'leader', 'supervisor', 'admin', 'auditor', 'partner'] as const;

/** What an administrator (or `npm run user:create`) gives for a new user; the city is theirs. */
export const NewUserSchema = z.strictObject({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'expected 3 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit'),
  password: z.string().min(MIN_PASSWORD_LENGTH, `expected at least ${MIN_PASSWORD_LENGTH} characters`).max(200, 'expected at most 200 characters'),
  displayName: z.string().trim().min(1, 'expected the name shown to colleagues').max(100),
  role: z.enum(ROLES, { error: `expected one of ${ROLES.join(', ')}` }),
  unit: z.string().trim().min(1, 'expected a unit of the policy or the centre').max(200),
});
export type NewUserInput = z.infer<typeof NewUserSchema>;

/** Roles that work at the centre only, and roles that work in a member unit only. */
const CENTRE_ONLY: ReadonlySet<Role> = new Set(['operator', 'dispatcher']);
const UNIT_ONLY: ReadonlySet<Role> = new Set(['handler', 'leader']);

/**
 * The users of a city, as its administrator (API) or the operator of a deployment (CLI) sees
 * them: list them, and add one whose unit is a unit of the city's policy or its centre.
 */
export class UserAdminService {
  constructor(
    private readonly auth: AuthService,
    private readonly catalog: CityCatalog,
  ) {}

  list(city: string): Promise<User[]> {
    return this.auth.listUsers(city);
  }

  /** USERNAME_TAKEN (409) when the username exists; USER_INVALID (400) naming each field otherwise. */
  async create(city: string, input: unknown): Promise<User> {
    const parsed = NewUserSchema.safeParse(input);
    if (!parsed.success) {
      throw invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })));
    }
    const user = parsed.data;
    const { policy } = this.catalog.policy(city);
    const units = allUnitNames(policy);
    const atCentre = user.unit === policy.centre;
    const issues: FieldIssue[] = [];
    if (!atCentre && !units.includes(user.unit)) {
      issues.push({ path: 'unit', message: `expected the centre "${policy.centre}" or a unit of ${city} (${units.join(', ')}), got "${user.unit}"` });
    } else if (CENTRE_ONLY.has(user.role) && !atCentre) {
      issues.push({ path: 'unit', message: `expected the centre "${policy.centre}": a ${user.role} works there, got "${user.unit}"` });
    } else if (UNIT_ONLY.has(user.role) && atCentre) {
      issues.push({ path: 'unit', message: `expected a unit of ${city}: a ${user.role} works in a member unit, not the centre` });
    }
    if (issues.length) throw invalid(issues);
    return this.auth.createUser({ ...user, city });
  }
}

function invalid(issues: FieldIssue[]): ValidationError {
  return new ValidationError('USER_INVALID', `the user is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}
