import type { Role } from '../policy/policy.schema';

/** A role as a refusal names it to a person (the same words as the pages' zh-CN roles). */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  operator: '话务员',
  dispatcher: '调度审核',
  handler: '承办人',
  leader: '分管领导',
  supervisor: '督办',
  admin: '管理员',
  auditor: '审计',
  partner: '合作方',
};

/** `承办人或分管领导`; a role the table does not know is left out rather than shown as a key. */
export function roleNames(roles: readonly string[]): string {
  const names = roles.map((r) => (Object.hasOwn(ROLE_NAMES, r) ? ROLE_NAMES[r as Role] : null)).filter((n) => n !== null);
  return names.length > 0 ? names.join('或') : '其他角色';
}
