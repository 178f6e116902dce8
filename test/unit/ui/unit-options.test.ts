/** Unit pickers show the tree: each unit after its parent, indented by depth, with its kind in words. */
import { loadPolicies } from '../../../src/engine/policy/load-policies';
import { unitTreeOptions } from '../../../src/ui/unit-options';

const policy = loadPolicies('policies', ['pingdingshan']).get('pingdingshan')!;

it('lists every unit once, a parent before its children, indented and with its kind', () => {
  const options = unitTreeOptions(policy);
  const names = options.map((o) => o.value);
  expect(new Set(names).size).toBe(names.length);
  const at = (name: string) => options.find((o) => o.value === name)!;
  expect(at('新华区').label).toBe('　新华区（区）');
  expect(at('西市场街道').label).toBe('　　西市场街道（街道）');
  expect(at('马街村').depth).toBe(3);
  expect(names.indexOf('宝丰县')).toBeLessThan(names.indexOf('杨庄镇'));
  expect(names.indexOf('杨庄镇')).toBeLessThan(names.indexOf('马街村'));
  expect(options.every((o) => !/[A-Za-z]/.test(o.label))).toBe(true);
});
