import type { Kysely } from 'kysely';
import type { AuditFilter, AuditQuery } from '../../engine/audit/audit.ports';
import type { StoredAuditEvent } from '../../engine/ports';
import type { DatabaseSchema } from '../database.types';

/** `type` ending in `*` is a prefix; `%`, `_` and `\` in it match themselves. */
function typePrefix(type: string): string {
  return `${type.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Searches of the audit log (read only, outside any step), one city at a time. `orderId` must be a uuid (the API checks it). */
export function createAuditQueryRepository(db: Kysely<DatabaseSchema>): AuditQuery {
  const filtered = (f: AuditFilter) => {
    let query = db.selectFrom('audit_events').where('city', '=', f.city);
    if (f.orderId !== undefined) query = query.where('order_id', '=', f.orderId);
    if (f.actor !== undefined) query = query.where('actor', '=', f.actor);
    if (f.type !== undefined) query = f.type.endsWith('*') ? query.where('type', 'like', typePrefix(f.type)) : query.where('type', '=', f.type);
    if (f.from !== undefined) query = query.where('at', '>=', f.from);
    if (f.to !== undefined) query = query.where('at', '<', f.to);
    return query;
  };

  return {
    async search(f: AuditFilter): Promise<{ events: StoredAuditEvent[]; total: number }> {
      const rows = await filtered(f).selectAll().orderBy('at', 'desc').orderBy('id', 'desc').offset(f.offset).limit(f.limit).execute();
      const count = await filtered(f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      const events = rows.map((row) => ({
        id: Number(row.id),
        orderId: row.order_id,
        city: row.city,
        type: row.type,
        actor: row.actor,
        at: row.at,
        data: row.data,
      }));
      return { events, total: Number(count.n) };
    },
  };
}
