/**
 * Checks a request's parsed input (params, query, body) before any schema or service sees it:
 * how deeply it nests (JSON.parse reads a million nested lists; JSON.stringify, zod and the
 * database recurse over them and overflow the stack) and whether its text can be stored
 * (PostgreSQL refuses U+0000 in text and jsonb, and an unpaired surrogate in jsonb). One pass,
 * without recursion, stopping at the first problem.
 */
import { ValidationError } from '../../shared/errors';

/** Objects and lists inside each other (the API's own payloads nest 3 deep; form data 2 more). */
export const MAX_INPUT_DEPTH = 32;

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

interface Frame {
  value: unknown;
  key: string;
  parent: Frame | null;
  depth: number;
}

function pathOf(frame: Frame): string {
  const keys: string[] = [];
  for (let f: Frame | null = frame; f; f = f.parent) keys.push(f.key.length > 60 ? `${f.key.slice(0, 59)}…` : f.key);
  return keys.reverse().join('.');
}

function textProblem(text: string): string | null {
  const found = UNSTORABLE.exec(text);
  if (!found) return null;
  return found[0] === '\u0000'
    ? `text with a NUL character (U+0000) at position ${found.index} cannot be stored`
    : `text with an unpaired UTF-16 surrogate at position ${found.index} is not valid Unicode`;
}

/**
 * @throws ValidationError BODY_TOO_DEEP naming where the input nests too deeply, or
 * TEXT_INVALID naming the field (or key) whose text cannot be stored
 */
export function checkInputShape(input: unknown, where: string): void {
  const stack: Frame[] = [{ value: input, key: where, parent: null, depth: 0 }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const { value, depth } = frame;
    if (typeof value === 'string') {
      const problem = textProblem(value);
      if (problem) throw new ValidationError('TEXT_INVALID', `${pathOf(frame)}: ${problem}`, [{ path: pathOf(frame), message: problem }]);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      const message = `nested more than ${MAX_INPUT_DEPTH} levels deep`;
      throw new ValidationError('BODY_TOO_DEEP', `${pathOf(frame)}: ${message}`, [{ path: pathOf(frame), message }]);
    }
    for (const [key, child] of Object.entries(value)) {
      const keyProblem = textProblem(key);
      const at: Frame = { value: child, key, parent: frame, depth: depth + 1 };
      if (keyProblem) throw new ValidationError('TEXT_INVALID', `${pathOf(at)}: the key: ${keyProblem}`, [{ path: pathOf(at), message: `the key: ${keyProblem}` }]);
      stack.push(at);
    }
  }
}
