import { ValidationError } from '../../shared/errors';

/**
 * The only expression language a diagram may use: `${...}` with
 * - literals: 'text', "text", numbers, true, false, null
 * - paths from three roots: `environment.services.<fn>(args)`, `environment.variables.<a>.<b>`, `content.<a>.<b>`
 * - operators: == != && || ! and parentheses
 *
 * Property lookups see own properties only and never `constructor`, `prototype` or `__proto__`,
 * so `${environment.constructor.constructor('…')()}` is refused when a diagram is deployed and,
 * should one slip through, again when it is evaluated.
 */

type Node =
  | { kind: 'literal'; value: unknown }
  | { kind: 'path'; parts: string[] }
  | { kind: 'call'; parts: string[]; args: Node[] }
  | { kind: 'not'; operand: Node }
  | { kind: 'binary'; op: '==' | '!=' | '&&' | '||'; left: Node; right: Node };

const FORBIDDEN = new Set(['constructor', 'prototype', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);
const ALLOWED_ROOTS: ReadonlyArray<readonly string[]> = [
  ['environment', 'services'],
  ['environment', 'variables'],
  ['content'],
];

export class ExpressionError extends ValidationError {
  constructor(expression: string, reason: string) {
    super('EXPRESSION_NOT_ALLOWED', `expression \${${expression}}: ${reason}`, [{ path: 'expression', message: reason }]);
  }
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(==|!=|&&|\|\||[!().,])|([A-Za-z_$][\w$]*))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) throw new ExpressionError(source, `unexpected character at ${at}: "${source.slice(at, at + 10)}"`);
    tokens.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly source: string,
    private readonly tokens: string[],
  ) {}

  parse(): Node {
    const node = this.or();
    if (this.pos < this.tokens.length) this.fail(`unexpected "${this.tokens[this.pos]}"`);
    return node;
  }

  private fail(reason: string): never {
    throw new ExpressionError(this.source, reason);
  }

  private peek(): string | undefined {
    return this.tokens[this.pos];
  }

  private next(): string {
    const t = this.tokens[this.pos++];
    if (t === undefined) this.fail('unexpected end');
    return t;
  }

  private or(): Node {
    let left = this.and();
    while (this.peek() === '||') {
      this.pos++;
      left = { kind: 'binary', op: '||', left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.equality();
    while (this.peek() === '&&') {
      this.pos++;
      left = { kind: 'binary', op: '&&', left, right: this.equality() };
    }
    return left;
  }

  private equality(): Node {
    let left = this.unary();
    while (this.peek() === '==' || this.peek() === '!=') {
      const op = this.next() as '==' | '!=';
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.peek() === '!') {
      this.pos++;
      return { kind: 'not', operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): Node {
    const t = this.next();
    if (t === '(') {
      const inner = this.or();
      if (this.next() !== ')') this.fail('expected ")"');
      return inner;
    }
    if (/^\d/.test(t)) return { kind: 'literal', value: Number(t) };
    if (t.startsWith("'") || t.startsWith('"')) return { kind: 'literal', value: t.slice(1, -1).replace(/\\(.)/g, '$1') };
    if (t === 'true' || t === 'false') return { kind: 'literal', value: t === 'true' };
    if (t === 'null') return { kind: 'literal', value: null };
    if (!/^[A-Za-z_$]/.test(t)) this.fail(`unexpected "${t}"`);
    return this.pathOrCall(t);
  }

  private pathOrCall(first: string): Node {
    const parts = [first];
    while (this.peek() === '.') {
      this.pos++;
      parts.push(this.next());
    }
    for (const p of parts) {
      if (!/^[A-Za-z_$][\w$]*$/.test(p)) this.fail(`"${p}" is not a property name`);
      if (FORBIDDEN.has(p)) this.fail(`"${p}" may not be used in an expression`);
    }
    const root = ALLOWED_ROOTS.find((r) => r.every((seg, i) => parts[i] === seg));
    if (!root || parts.length <= root.length) {
      this.fail(`"${parts.join('.')}" is not allowed; use environment.services.<name>(…), environment.variables.<name> or content.<name>`);
    }
    if (this.peek() !== '(') return { kind: 'path', parts };
    if (root[1] !== 'services' || parts.length !== 3) this.fail('only environment.services.<name>(…) may be called');
    this.pos++;
    const args: Node[] = [];
    while (this.peek() !== ')') {
      args.push(this.or());
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== ')') this.fail('expected "," or ")"');
    }
    this.pos++;
    return { kind: 'call', parts, args };
  }
}

const EXPRESSION = /\$\{(.+?)\}/g;

/** Parses every `${…}` in a text; throws ExpressionError for anything outside the language. */
export function checkExpressions(text: string): void {
  for (const m of text.matchAll(EXPRESSION)) parseExpression(m[1] ?? '');
}

export function hasExpression(text: unknown): boolean {
  return typeof text === 'string' && text.includes('${');
}

const cache = new Map<string, Node>();

function parseExpression(source: string): Node {
  const cached = cache.get(source);
  if (cached) return cached;
  const node = new Parser(source, tokenize(source)).parse();
  if (cache.size > 10_000) cache.clear();
  cache.set(source, node);
  return node;
}

function ownProperty(target: unknown, name: string): unknown {
  if (target === null || target === undefined) return undefined;
  if (typeof target !== 'object' && typeof target !== 'function') return undefined;
  return Object.prototype.hasOwnProperty.call(target, name) ? (target as Record<string, unknown>)[name] : undefined;
}

/**
 * bpmn-elements exposes `environment.services` and `environment.variables` through getters on
 * the Environment's prototype: those two are read as such; every other step sees own
 * properties only.
 */
function resolvePath(context: unknown, parts: string[]): unknown {
  const [root, second, ...rest] = parts;
  if (root === 'environment' && (second === 'services' || second === 'variables')) {
    const environment = ownProperty(context, 'environment') as Record<string, unknown> | undefined;
    const start = environment ? environment[second] : undefined;
    return rest.reduce<unknown>((value, part) => ownProperty(value, part), start);
  }
  return parts.reduce<unknown>((value, part) => ownProperty(value, part), context);
}

function evaluate(node: Node, context: unknown, source: string): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'path':
      return resolvePath(context, node.parts);
    case 'not':
      return !evaluate(node.operand, context, source);
    case 'binary': {
      const left = evaluate(node.left, context, source);
      if (node.op === '&&') return left ? evaluate(node.right, context, source) : left;
      if (node.op === '||') return left ? left : evaluate(node.right, context, source);
      const right = evaluate(node.right, context, source);
      return node.op === '==' ? left === right : left !== right;
    }
    case 'call': {
      const fn = resolvePath(context, node.parts);
      if (typeof fn !== 'function') throw new ExpressionError(source, `${node.parts.join('.')} is not a service`);
      return (fn as (...a: unknown[]) => unknown)(...node.args.map((a) => evaluate(a, context, source)));
    }
  }
}

/** Resolves `${…}` in a templated string: a whole-string expression keeps its type. */
export function resolveExpression(templated: string, context: unknown): unknown {
  const whole = /^\$\{(.+?)\}$/.exec(templated);
  if (whole) return evaluate(parseExpression(whole[1] ?? ''), context, whole[1] ?? '');
  return templated.replace(EXPRESSION, (_m, inner: string) => {
    const value = evaluate(parseExpression(inner), context, inner);
    return value === undefined || value === null ? '' : String(value);
  });
}

/** The `expressions` option of bpmn-engine: our language instead of the built-in one. */
export const safeExpressions = {
  resolveExpression: (templated: string, context: unknown) => resolveExpression(templated, context),
  isExpression: (text: unknown) => typeof text === 'string' && /^\$\{(.+?)\}$/.test(text),
  hasExpression,
};
