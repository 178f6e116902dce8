import { zhCN } from './i18n/zh-CN';

const FIELD_ERRORS = { ...zhCN.client.fieldErrors, ...zhCN.attachments.fieldErrors };
type FieldErrorKey = keyof typeof FIELD_ERRORS;

/**
 * The API's field messages (English, for integrators) that the pages show in Chinese: the first
 * pattern that matches names the text of zh-CN.ts `client.fieldErrors`; its named groups fill the
 * text's `{placeholders}`. The pages' script (app.js) applies the same list, sent with the strings.
 */
export const FIELD_ERROR_PATTERNS: ReadonlyArray<{ pattern: string; key: FieldErrorKey }> = [
  { pattern: '^required\\b', key: 'required' },
  { pattern: '^Invalid input: expected \\w+, received (undefined|null)', key: 'required' },
  { pattern: '^Too small: expected string to have >=1 characters', key: 'required' },
  { pattern: '^Too small: expected string to have >=(?<min>\\d+) characters', key: 'tooShort' },
  { pattern: '^(Too big: expected string to have <=|expected at most )(?<max>\\d+) characters', key: 'tooLong' },
  { pattern: '^(Too small: expected number to be >=|expected a number ≥ )(?<min>-?[\\d.]+)', key: 'atLeast' },
  { pattern: '^(Too big: expected number to be <=|expected a number ≤ )(?<max>-?[\\d.]+)', key: 'atMost' },
  { pattern: '^(Invalid input: expected number|expected a number\\b)', key: 'number' },
  { pattern: '^(Invalid option: expected one of|expected one of)', key: 'oneOf' },
  { pattern: '^expected text\\b', key: 'text' },
  { pattern: '^expected true or false', key: 'boolean' },
  { pattern: '^expected a date and time', key: 'datetime' },
  { pattern: '^expected a time not later than now', key: 'notFuture' },
  { pattern: '^expected a time later than now', key: 'future' },
  { pattern: '^expected a unit of ', key: 'cityUnit' },
  { pattern: '^expected the name of a unit below yours', key: 'subunit' },
  { pattern: '^expected the name of a unit', key: 'unit' },
  { pattern: '^expected a list of unit names', key: 'units' },
  { pattern: '^expected a mobile', key: 'phone' },
  { pattern: '^expected the content of the request', key: 'content' },
  { pattern: "^expected the requester's name", key: 'requesterName' },
  { pattern: '^(unknown field|Unrecognized key)', key: 'unknownField' },
  { pattern: '^only .* may be answered at intake', key: 'notAnswerable' },
  { pattern: 'exactly one first-responsible unit', key: 'oneUnit' },
  { pattern: '^Invalid string: must match pattern', key: 'pattern' },
  { pattern: '^expected the ids of \\d+ to \\d+ uploaded attachments', key: 'files' },
  { pattern: '^expected attachments of this order uploaded by ', key: 'attachable' },
  { pattern: '^expected a JPEG, PNG', key: 'fileType' },
];

/** A field message of the API in Chinese, or null when it is not one of the common ones. */
export function fieldErrorText(message: string): string | null {
  for (const { pattern, key } of FIELD_ERROR_PATTERNS) {
    const match = new RegExp(pattern).exec(message);
    if (match) {
      const groups = match.groups ?? {};
      return FIELD_ERRORS[key].replace(/\{(\w+)\}/g, (m, name: string) => groups[name] ?? m);
    }
  }
  return null;
}
