import { z } from 'zod';
import type { CityCatalog } from '../engine/city/city-catalog';
import { allUnitNames } from '../engine/policy/load-policies';
import type { Role } from '../engine/work-order/actor';
import { FieldIssue, ValidationError } from '../shared/errors';
import type { User } from './auth.ports';
import type { AuthService } from './auth.service';
import { PasswordSchema } from './passwords';

export { MIN_PASSWORD_LENGTH } from './passwords';

export const ROLES = ['operator', 'dispatcher', 'handler', 'leader', 'supervisor', 'admin', 'auditor', 'partner'] as const;

const RoleSchema = z.enum(ROLES, { error: `expected one of ${ROLES.join(', ')}` });
const UnitSchema = z.string().trim().min(1, 'expected a unit of the policy or the centre').max(200);
const DisplayNameSchema = z.string().trim().min(1, 'expected the name shown to colleagues').max(100);

/** What an administrator (or `npm run user:create`) gives for a new user; the city is theirs. */
export const NewUserSchema = z.strictObject({
  username: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, 'expected 3 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit'),
  password: PasswordSchema,
  displayName: DisplayNameSchema,
  role: RoleSchema,
  unit: UnitSchema,
});
export type NewUserInput = z.infer<typeof NewUserSchema>;

/** What an administrator changes of a user (PATCH /api/users/{username}): any of name, role, unit. */
export const UserChangesSchema = z
  .strictObject({ displayName: DisplayNameSchema.optional(), role: RoleSchema.optional(), unit: UnitSchema.optional() })
  .refine((c) => Object.keys(c).length > 0, 'expected displayName, role or unit');

export const PasswordResetSchema = z.strictObject({ password: PasswordSchema });

/** Roles that work at the centre only, and roles that work in a member unit only. */
const CENTRE_ONLY: ReadonlySet<Role> = new Set(['operator', 'dispatcher']);
const UNIT_ONLY: ReadonlySet<Role> = new Set(['handler', 'leader']);

/**
 * The users of a city, as its administrator (API) or the operator of a deployment (CLI) sees
 * them: list them, add one whose unit is a unit of the city's policy or its centre, change a
 * user's role, unit or name, disable and enable them, reset their password.
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
  async create(city: string, input: unknown, by = 'system'): Promise<User> {
    const user = parse(NewUserSchema, input);
    const issues = this.unitIssues(city, user.role, user.unit);
    if (issues.length) throw invalid(issues);
    return this.auth.createUser({ ...user, city }, by);
  }

  /** A new role, unit or name; the role and unit must fit each other as at creation. */
  async update(admin: User, username: string, input: unknown): Promise<User> {
    const changes = parse(UserChangesSchema, input);
    const target = await this.auth.lifecycle.target(admin, username, 'change');
    const issues = changes.role !== undefined || changes.unit !== undefined ? this.unitIssues(admin.city, changes.role ?? target.role, changes.unit ?? target.unit) : [];
    if (issues.length) throw invalid(issues);
    return this.auth.lifecycle.change(admin, target, changes);
  }

  setActive(admin: User, username: string, active: boolean): Promise<User> {
    return this.auth.lifecycle.setActive(admin, username, active);
  }

  resetPassword(admin: User, username: string, input: unknown): Promise<User> {
    return this.auth.lifecycle.resetPassword(admin, username, parse(PasswordResetSchema, input).password);
  }

  private unitIssues(city: string, role: Role, unit: string): FieldIssue[] {
    const { policy } = this.catalog.policy(city);
    const units = allUnitNames(policy);
    const atCentre = unit === policy.centre;
    if (!atCentre && !units.includes(unit)) {
      return [{ path: 'unit', message: `expected the centre "${policy.centre}" or a unit of ${city} (${units.join(', ')}), got "${unit}"` }];
    }
    if (CENTRE_ONLY.has(role) && !atCentre) return [{ path: 'unit', message: `expected the centre "${policy.centre}": a ${role} works there, got "${unit}"` }];
    if (UNIT_ONLY.has(role) && atCentre) return [{ path: 'unit', message: `expected a unit of ${city}: a ${role} works in a member unit, not the centre` }];
    return [];
  }
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })));
  return parsed.data;
}

function invalid(issues: FieldIssue[]): ValidationError {
  return new ValidationError('USER_INVALID', `the user is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}
