/** Recognising PostgreSQL errors (SQLSTATE codes) as `pg` reports them. */

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
}

function fields(err: unknown): PgErrorFields {
  return typeof err === 'object' && err !== null ? (err as PgErrorFields) : {};
}

/** 23505 unique_violation, optionally of one named constraint or unique index. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const f = fields(err);
  return f.code === '23505' && (constraint === undefined || f.constraint === constraint);
}

/** 42P01 undefined_table: the table does not exist (yet). */
export function isUndefinedTable(err: unknown): boolean {
  return fields(err).code === '42P01';
}
