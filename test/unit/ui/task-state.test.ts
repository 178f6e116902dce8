/** A step done after its deadline is shown as 超期完成, not as a plain 已完成. */
import { taskState } from '../../../src/ui/pages/order.page';

const due = '2026-03-10T15:59:59.999Z';

it('says 超期完成 for a step completed after its deadline or marked overdue', () => {
  expect(taskState({ status: 'completed', dueAt: due, completedAt: '2026-03-11T01:00:00Z', flags: [] })).toEqual({ statusKey: 'late', status: '超期完成' });
  expect(taskState({ status: 'completed', dueAt: null, completedAt: '2026-03-11T01:00:00Z', flags: ['overdue'] }).status).toBe('超期完成');
});

it('says 已完成 for a step in time, and 待办 / 已取消 as they are', () => {
  expect(taskState({ status: 'completed', dueAt: due, completedAt: '2026-03-10T15:00:00Z', flags: [] })).toEqual({ statusKey: 'completed', status: '已完成' });
  expect(taskState({ status: 'completed', dueAt: null, completedAt: '2026-03-10T15:00:00Z', flags: [] }).status).toBe('已完成');
  expect(taskState({ status: 'open', dueAt: due, completedAt: null, flags: ['overdue'] }).status).toBe('待办');
  expect(taskState({ status: 'cancelled', dueAt: due, completedAt: null, flags: [] }).status).toBe('已取消');
});
