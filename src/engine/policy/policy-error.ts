import { FieldIssue, ValidationError } from '../../shared/errors';

/** One problem of one policy file. `line` and `column` are known for YAML syntax errors. */
export interface PolicyIssue extends FieldIssue {
  /** The file, relative to the working directory, e.g. `policies/sample.yaml`. */
  file: string;
  line?: number;
  column?: number;
}

/** `policies/sample.yaml: timeLimits.complaint: expected …` or `policies/x.yaml:3:7: …` for syntax. */
export function formatPolicyIssue(issue: PolicyIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/**
 * One or more policy files are not valid. The message has one line per problem, so that
 * `policies:check` and a refused boot show every problem at once.
 */
export class PolicyInvalidError extends ValidationError {
  /** The policy file, or the directory when the problems of several files are reported together. */
  readonly file: string;
  declare readonly issues: PolicyIssue[];

  constructor(file: string, issues: PolicyIssue[]) {
    super('POLICY_INVALID', issues.map(formatPolicyIssue).join('\n'), issues);
    this.file = file;
  }
}
