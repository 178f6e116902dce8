import { ForbiddenError, NotFoundError } from '../shared/errors';
import type { AccountAudit } from './account-audit';
import type { AccountStore, User, UserChanges } from './auth.ports';
import type { PasswordHasher } from './passwords';

/**
 * What a city administrator does to a user of the city: change role, unit or name, disable
 * and re-enable, reset the password. Never to oneself (SELF_ADMINISTRATION_REFUSED): an
 * administrator changes their own password with the old one. Every change is audited.
 */
export class AccountLifecycle {
  constructor(
    private readonly accounts: AccountStore,
    private readonly audit: AccountAudit,
    private readonly passwords: PasswordHasher,
  ) {}

  /** The user of the administrator's city; USER_NOT_FOUND (404) for another city's as for none. */
  async target(admin: User, username: string, what: string): Promise<User> {
    const found = (await this.accounts.findUserByUsername(username))?.user;
    if (!found || found.city !== admin.city) throw new NotFoundError('USER_NOT_FOUND', `no user "${username}" in ${admin.city}`, { username });
    if (found.id === admin.id) {
      throw new ForbiddenError('SELF_ADMINISTRATION_REFUSED', `an administrator may not ${what} their own account: another administrator of the city does`, { username });
    }
    return found;
  }

  async change(admin: User, target: User, changes: UserChanges): Promise<User> {
    await this.accounts.updateUser(target.id, changes);
    const by = admin.username;
    if (changes.role !== undefined && changes.role !== target.role) {
      await this.audit.record('user.role-changed', by, target, { from: target.role, to: changes.role });
    }
    if (changes.unit !== undefined && changes.unit !== target.unit) {
      await this.audit.record('user.unit-changed', by, target, { from: target.unit, to: changes.unit });
    }
    if (changes.displayName !== undefined && changes.displayName !== target.displayName) {
      await this.audit.record('user.renamed', by, target, { from: target.displayName, to: changes.displayName });
    }
    return { ...target, ...changes };
  }

  /** Disabling ends every session of the user at once; their tokens are refused while disabled. */
  async setActive(admin: User, username: string, active: boolean): Promise<User> {
    const target = await this.target(admin, username, active ? 'enable' : 'disable');
    if (target.active === active) return target;
    await this.accounts.updateUser(target.id, { active });
    const ended = active ? 0 : await this.accounts.deleteUserSessions(target.id);
    if (active) await this.audit.record('user.enabled', admin.username, target);
    else await this.audit.record('user.disabled', admin.username, target, { sessionsEnded: ended });
    return { ...target, active };
  }

  /** Sets a new password the administrator hands over; every session of the user ends. */
  async resetPassword(admin: User, username: string, password: string): Promise<User> {
    const target = await this.target(admin, username, 'reset the password of');
    await this.accounts.updateUser(target.id, { passwordHash: await this.passwords.hash(password) });
    const ended = await this.accounts.deleteUserSessions(target.id);
    await this.audit.record('user.password-reset', admin.username, target, { sessionsEnded: ended });
    return target;
  }
}
