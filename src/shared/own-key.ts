/**
 * Looking a name up in a policy, form or table object by its OWN keys only. A plain `obj[name]`
 * or `name in obj` also finds what every object inherits (`toString`, `constructor`,
 * `__proto__`, `hasOwnProperty` …), so a caller sending `"outcome": "toString"` would find a
 * "policy" there. Every lookup of a name that comes from outside the object goes through these.
 */

/** Whether `record` has `key` as its own entry (never an inherited one). */
export function hasOwnKey(record: object | null | undefined, key: string | null | undefined): boolean {
  return record !== null && record !== undefined && typeof key === 'string' && Object.hasOwn(record, key);
}

/** The value `record` holds under its own key `key`, or undefined. */
export function ownValue<V>(record: Readonly<Record<string, V>> | null | undefined, key: string | null | undefined): V | undefined {
  return record && hasOwnKey(record, key) ? record[key as string] : undefined;
}
