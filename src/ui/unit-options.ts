import type { Policy, UnitNode } from '../engine/policy/policy.schema';
import { zhCN } from './i18n/zh-CN';

const KINDS: Readonly<Record<string, string>> = zhCN.admin.units.kinds;

/** A unit's kind in words (区, 街道, 村 …); a kind the strings do not know as written; none: ''. */
export function unitKindName(kind: string | undefined): string {
  if (!kind) return '';
  return Object.hasOwn(KINDS, kind) ? (KINDS[kind] ?? kind) : kind;
}

export interface UnitOption {
  value: string;
  label: string;
  depth: number;
}

/**
 * A picker's units as the tree they are: each unit after its parent, indented by its depth, with
 * its kind (`　　西市场街道（街道）`), so forty units of four levels read as districts with their
 * streets, not as one mixed list.
 */
export function unitTreeOptions(policy: Policy): UnitOption[] {
  const walk = (units: readonly UnitNode[], depth: number): UnitOption[] =>
    units.flatMap((u) => {
      const kind = unitKindName(u.kind);
      return [{ value: u.name, label: `${'　'.repeat(depth)}${u.name}${kind && kind !== u.name ? `（${kind}）` : ''}`, depth }, ...walk(u.children ?? [], depth + 1)];
    });
  return walk(policy.units, 0);
}
