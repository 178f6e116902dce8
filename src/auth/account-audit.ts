import type { AuditLog } from '../engine/ports';
import type { Clock } from '../shared/clock';

/** The audit events of accounts (each named in zh-CN.ts `events`): who did what to which user. */
export type AccountEventType =
  | 'user.created'
  | 'user.role-changed'
  | 'user.unit-changed'
  | 'user.renamed'
  | 'user.disabled'
  | 'user.enabled'
  | 'user.password-changed'
  | 'user.password-reset'
  | 'token.issued'
  | 'token.revoked';

/** Writes account events to the city's audit log (no order: `orderId` null), actor = who did it. */
export class AccountAudit {
  constructor(
    private readonly log: AuditLog,
    private readonly clock: Clock,
  ) {}

  record(type: AccountEventType, by: string, target: { city: string; username: string }, data: Record<string, unknown> = {}): Promise<void> {
    return this.log.append([{ orderId: null, city: target.city, type, actor: by, at: this.clock.now(), data: { username: target.username, ...data } }]);
  }
}
