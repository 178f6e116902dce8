/**
 * How a value read from a policy file is named in an error message ("got ..."), so that a
 * reader sees what they wrote: strings quoted, lists and mappings abbreviated.
 */
const MAX_SHOWN = 60;

function clip(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list ${clip(JSON.stringify(value))}`;
  if (typeof value === 'object') return `a mapping ${clip(JSON.stringify(value))}`;
  return typeof value;
}

/** `"a", "b", "c"`: the allowed values of an enum or the known keys of a mapping. */
export function listQuoted(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}
