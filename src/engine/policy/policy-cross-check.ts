/**
 * Checks that a policy of the right shape also holds together: every code, unit, task,
 * outcome and field it names exists. Returns every problem found, each with its path.
 */
import type { FieldIssue } from '../../shared/errors';
import { describeValue } from './describe-value';
import { checkAssessment } from './assessment-cross-check';
import { FieldTypeSchema } from './policy.schema';
import type { Effect, FieldDef, FieldType, OutcomePolicy, Policy, TaskPolicy, UnitNode } from './policy.schema';
import { hasOwnKey, ownValue } from '../../shared/own-key';

type Report = (path: string, message: string) => void;

const oneOf = (known: Iterable<string>): string => {
  const list = [...known];
  return list.length ? `one of ${list.join(', ')}` : 'nothing (none is defined)';
};

function checkCity(policy: Policy, expectedCity: string, report: Report): void {
  if (policy.city !== expectedCity) {
    report('city', `expected "${expectedCity}" (the file's name), got ${describeValue(policy.city)}`);
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: policy.timezone });
  } catch {
    report('timezone', `expected an IANA time zone such as Asia/Shanghai, got ${describeValue(policy.timezone)}`);
  }
  const holidays = new Set(policy.calendar.extraHolidays);
  policy.calendar.extraWorkdays.forEach((day, i) => {
    if (holidays.has(day)) {
      report(`calendar.extraWorkdays.${i}`, `expected a day that is not also in extraHolidays, got "${day}"`);
    }
  });
}

function checkTimeLimits(policy: Policy, report: Report): void {
  const categories = Object.keys(policy.categories);
  for (const code of Object.keys(policy.timeLimits)) {
    if (!hasOwnKey(policy.categories, code)) {
      report(`timeLimits.${code}`, `expected a category code (${oneOf(categories)}), got "${code}"`);
    }
  }
  for (const code of categories) {
    if (!hasOwnKey(policy.timeLimits, code)) {
      report(`timeLimits.${code}`, `expected a time limit for category "${code}", got nothing`);
    }
  }
  for (const code of Object.keys(policy.channelTimeLimits)) {
    if (!hasOwnKey(policy.channels, code)) {
      report(
        `channelTimeLimits.${code}`,
        `expected a channel code (${oneOf(Object.keys(policy.channels))}), got "${code}"`,
      );
    }
  }
}

/** Every unit of the tree with its path in the file, root first. */
function walkUnits(units: readonly UnitNode[], path: string, out: { node: UnitNode; path: string }[] = []) {
  units.forEach((node, i) => {
    out.push({ node, path: `${path}.${i}` });
    if (node.children) walkUnits(node.children, `${path}.${i}.children`, out);
  });
  return out;
}

function checkUnits(policy: Policy, report: Report): void {
  const seen = new Map<string, string>();
  for (const { node, path } of walkUnits(policy.units, 'units')) {
    const first = seen.get(node.name);
    if (first !== undefined) {
      report(`${path}.name`, `expected a unit name not used before, got "${node.name}" (also at ${first})`);
    } else if (node.name === policy.centre) {
      report(`${path}.name`, `expected a unit name other than the centre's, got "${node.name}"`);
    } else seen.set(node.name, `${path}.name`);
  }
}

function checkUsers(policy: Policy, units: ReadonlySet<string>, report: Report): void {
  const ids = new Map<string, number>();
  policy.users.forEach((user, i) => {
    const path = `users.${i}`;
    const first = ids.get(user.id);
    if (first !== undefined) {
      report(`${path}.id`, `expected an id not used before, got "${user.id}" (also users.${first})`);
    } else ids.set(user.id, i);
    const atCentre = user.role === 'operator' || user.role === 'dispatcher';
    if (atCentre && user.unit !== undefined && user.unit !== policy.centre) {
      report(
        `${path}.unit`,
        `expected the centre "${policy.centre}" (an ${user.role} works there) or nothing, got "${user.unit}"`,
      );
    } else if (user.unit !== undefined && user.unit !== policy.centre && !units.has(user.unit)) {
      report(`${path}.unit`, `expected the name of a unit or the centre, got "${user.unit}"`);
    } else if (user.unit === undefined && (user.role === 'handler' || user.role === 'leader')) {
      report(`${path}.unit`, `required: expected the unit this ${user.role} works in, but it is missing`);
    }
  });
}

function checkRouting(policy: Policy, units: ReadonlySet<string>, report: Report): void {
  policy.routing.forEach((rule, i) => {
    const path = `routing.${i}`;
    if (!units.has(rule.lead)) report(`${path}.lead`, `expected the name of a unit, got "${rule.lead}"`);
    rule.co.forEach((unit, j) => {
      if (!units.has(unit)) report(`${path}.co.${j}`, `expected the name of a unit, got "${unit}"`);
      else if (unit === rule.lead) report(`${path}.co.${j}`, `expected a unit other than the lead, got "${unit}"`);
    });
    checkCodes(rule.when.category ?? [], policy.categories, `${path}.when.category`, 'category', report);
    checkCodes(rule.when.channel ?? [], policy.channels, `${path}.when.channel`, 'channel', report);
  });
}

function checkCodes(
  codes: readonly string[],
  known: Record<string, unknown>,
  path: string,
  what: string,
  report: Report,
): void {
  codes.forEach((code, i) => {
    if (!hasOwnKey(known, code)) {
      report(`${path}.${i}`, `expected a ${what} code (${oneOf(Object.keys(known))}), got "${code}"`);
    }
  });
}

function checkTaskRef(policy: Policy, task: string, outcome: string | undefined, at: string, report: Report): void {
  const target = ownValue(policy.tasks, task);
  if (!target) {
    report(`${at}.task`, `expected a task of this policy (${oneOf(Object.keys(policy.tasks))}), got "${task}"`);
  } else if (outcome !== undefined && !hasOwnKey(target.outcomes, outcome)) {
    const known = oneOf(Object.keys(target.outcomes));
    report(`${at}.outcome`, `expected an outcome of task ${task} (${known}), got "${outcome}"`);
  }
}

function checkGuards(policy: Policy, outcome: OutcomePolicy, path: string, report: Report): void {
  outcome.guards.forEach((guard, i) => {
    const at = `${path}.guards.${i}`;
    switch (guard.rule) {
      case 'categoryIn':
        return checkCodes(guard.categories, policy.categories, `${at}.categories`, 'category', report);
      case 'channelIn':
        return checkCodes(guard.channels, policy.channels, `${at}.channels`, 'channel', report);
      case 'requires':
        return checkTaskRef(policy, guard.task, guard.outcome, at, report);
      case 'noneOpen':
        return checkTaskRef(policy, guard.task, undefined, at, report);
      case 'within': {
        const key = /^task:(.+)\.completed$/.exec(guard.since)?.[1];
        if (key !== undefined && !hasOwnKey(policy.tasks, key)) {
          const known = oneOf(Object.keys(policy.tasks));
          report(
            `${at}.since`,
            `expected task:<formKey>.completed with a task of this policy (${known}), got "${key}"`,
          );
        }
        return;
      }
      default:
        return;
    }
  });
}

/** The field an effect reads and the field types it accepts; flag effects read none. */
function effectField(effect: Effect): { key: string; name: string; types: readonly FieldType[] } | undefined {
  if ('setLeadUnit' in effect) return { key: 'setLeadUnit', name: effect.setLeadUnit, types: ['unit', 'subunit'] };
  if ('setCoUnits' in effect) return { key: 'setCoUnits', name: effect.setCoUnits, types: ['units'] };
  if ('setOrderDue' in effect) return { key: 'setOrderDue', name: effect.setOrderDue, types: ['datetime'] };
  if ('setData' in effect) return { key: 'setData', name: effect.setData, types: FieldTypeSchema.options };
  if ('addCoUnits' in effect) return { key: 'addCoUnits', name: effect.addCoUnits, types: ['units'] };
  if ('setPrecedent' in effect) return { key: 'setPrecedent', name: effect.setPrecedent, types: ['unit', 'subunit'] };
  if ('extendOrderDue' in effect) {
    return { key: 'extendOrderDue.field', name: effect.extendOrderDue.field, types: ['number'] };
  }
  return undefined;
}

function checkFields(task: TaskPolicy, outcome: OutcomePolicy, path: string, report: Report): Map<string, FieldDef> {
  const fields = new Map<string, FieldDef>(task.fields.map((f) => [f.name, f]));
  outcome.fields.forEach((field, i) => {
    if (fields.has(field.name)) {
      report(
        `${path}.fields.${i}.name`,
        `expected a field name not already used by the task's fields, got "${field.name}"`,
      );
    }
    fields.set(field.name, field);
  });
  return fields;
}

function checkEffects(
  outcome: OutcomePolicy,
  fields: ReadonlyMap<string, FieldDef>,
  path: string,
  report: Report,
): void {
  outcome.effects.forEach((effect, i) => {
    const wanted = effectField(effect);
    if (!wanted) return;
    const at = `${path}.effects.${i}.${wanted.key}`;
    const field = fields.get(wanted.name);
    if (!field) report(at, `expected a field of this task or outcome (${oneOf(fields.keys())}), got "${wanted.name}"`);
    else if (!wanted.types.includes(field.type)) {
      report(at, `expected a ${wanted.types.join(' or ')} field, got "${wanted.name}" which is a ${field.type} field`);
    }
  });
}

function checkTasks(policy: Policy, report: Report): void {
  for (const [formKey, task] of Object.entries(policy.tasks)) {
    const seen = new Set<string>();
    task.fields.forEach((field, i) => {
      if (seen.has(field.name)) {
        report(`tasks.${formKey}.fields.${i}.name`, `expected a field name not used before, got "${field.name}"`);
      }
      seen.add(field.name);
    });
    for (const [key, outcome] of Object.entries(task.outcomes)) {
      const path = `tasks.${formKey}.outcomes.${key}`;
      checkGuards(policy, outcome, path, report);
      checkEffects(outcome, checkFields(task, outcome, path, report), path, report);
    }
  }
}

/** Every cross-reference problem of a policy whose shape is already valid. */
export function crossCheckPolicy(policy: Policy, expectedCity: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const report: Report = (path, message) => issues.push({ path, message });
  const units = new Set(walkUnits(policy.units, 'units').map((u) => u.node.name));
  checkCity(policy, expectedCity, report);
  checkTimeLimits(policy, report);
  checkUnits(policy, report);
  checkUsers(policy, units, report);
  checkRouting(policy, units, report);
  checkTasks(policy, report);
  checkAssessment(policy, report);
  if (policy.intake.answerCategories) {
    checkCodes(policy.intake.answerCategories, policy.categories, 'intake.answerCategories', 'category', report);
  }
  return issues;
}
