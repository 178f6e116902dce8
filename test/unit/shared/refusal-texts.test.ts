/**
 * The words of every refusal the engine writes itself are Chinese: a scan of src/engine for
 * `new RuleViolation(…)` and `new ForbiddenError(…)` / `new ConflictError(…)` on the task
 * completion path (work-order, duty), reading the literal parts of each message (the text
 * between `${…}`). A new English message fails here. What is interpolated is checked where it
 * is made: the guards' reasons and times in test/unit/work-order/refusal-messages.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '../../..');
const ENGINE = join(ROOT, 'src/engine');
/** Refusals everywhere in the engine; these two kinds on the paths where a person acts on an order or a rota. */
const RULE_ERRORS = new Set(['RuleViolation']);
const ACTION_ERRORS = new Set(['ForbiddenError', 'ConflictError']);
const ACTION_PATHS = [/^work-order\/(authorize-task|guards|work-order\.service|intake-facts|idempotent-intake\.service)\.ts$/, /^duty\/(rota-rules|leader-day-rules)\.ts$/, /^process\/(process-runner|step-budget)\.ts$/];
const ALLOWED = [/[A-Z]类/g];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The literal text of a message argument; null when it is not written where it is thrown. */
function literalText(arg: ts.Expression | undefined): string | null {
  if (!arg) return null;
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
  if (ts.isTemplateExpression(arg)) return [arg.head.text, ...arg.templateSpans.map((s) => s.literal.text)].join('');
  if (ts.isBinaryExpression(arg) && arg.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [literalText(arg.left), literalText(arg.right)].filter((t) => t !== null).join('');
  }
  return null;
}

interface Found {
  where: string;
  code: string;
  text: string;
}

function refusalsIn(file: string): Found[] {
  const path = relative(ENGINE, file).split('\\').join('/');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const kinds = ACTION_PATHS.some((re) => re.test(path)) ? new Set([...RULE_ERRORS, ...ACTION_ERRORS]) : RULE_ERRORS;
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    const isRefusal = ts.isNewExpression(node) && ts.isIdentifier(node.expression) && kinds.has(node.expression.text);
    // a subclass's own message: super('STEP_BUDGET_EXCEEDED', `…`, …) in a class of the taxonomy
    const isSuper = ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword && ACTION_PATHS.some((re) => re.test(path));
    if ((isRefusal || isSuper) && (node as ts.CallExpression).arguments) {
      const args = (node as ts.CallExpression | ts.NewExpression).arguments ?? ts.factory.createNodeArray();
      const code = args[0] && ts.isStringLiteral(args[0]) ? args[0].text : '?';
      const text = literalText(args[1]);
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      if (text !== null) found.push({ where: `${path}:${line}`, code, text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const refusals = filesUnder(ENGINE).flatMap(refusalsIn);

it('finds the refusals it checks', () => {
  expect(refusals.length).toBeGreaterThan(20);
  expect(refusals.map((r) => r.code)).toEqual(expect.arrayContaining(['CALLER_BLOCKED', 'DUTY_HEAD_MISSING', 'LEADER_DAY_TOO_SHORT', 'ROLE_NOT_ALLOWED', 'TASK_NOT_OPEN', 'STEP_BUDGET_EXCEEDED']));
});

it.each(refusals.map((r) => [`${r.where} ${r.code}`, r] as const))('%s is written in Chinese', (_label, r) => {
  const rest = ALLOWED.reduce((text, re) => text.replace(re, ''), r.text);
  expect(rest).toMatch(/^[^A-Za-z]*$/);
});

it('puts no ISO time into a refusal anywhere in the engine: toISOString only in details', () => {
  const offending = filesUnder(ENGINE).flatMap((file) => {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && /(Error|Violation)$/.test(node.expression.text)) {
        const message = node.arguments?.[1];
        if (message && /toISOString\(/.test(message.getText())) found.push(`${relative(ENGINE, file)}: ${message.getText().slice(0, 80)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  });
  expect(offending).toEqual([]);
});
