import { historyLookup, timerNames } from '../../../../src/ui/timeline/history-lookup';
import { historySentences, TimelineEvent } from '../../../../src/ui/timeline/timeline-sentence';
import { timelineCsv } from '../../../../src/ui/timeline/raw-export';
import type { Policy } from '../../../../src/engine/policy/policy.schema';

const policy = {
  city: 'pingdingshan',
  centre: '平顶山市民呼必应指挥中心',
  users: [{ id: 'pds-op1', name: '王晓丽', role: 'operator' }],
  timezone: 'Asia/Shanghai',
  tasks: {
    handle: {
      name: '办理',
      roles: ['handler'],
      fields: [],
      outcomes: {
        extend: {
          label: '申请延期',
          fields: [
            { name: 'days', label: '延期天数', type: 'number', required: true },
            { name: 'reason', label: '延期理由', type: 'text', required: true },
            { name: 'informedAt', label: '告知时间', type: 'datetime', required: false },
            { name: 'onSite', label: '现场核实', type: 'boolean', required: false },
            { name: 'attachments', label: '附件', type: 'files', required: false },
          ],
          guards: [],
          effects: [],
        },
      },
    },
  },
  assessment: { findings: { blacklist: '黑榜' } },
} as unknown as Policy;

const xml = `<bpmn:boundaryEvent id="handleDue" name="办理时限届满" cancelActivity="false" attachedToRef="handle">
  <bpmn:intermediateCatchEvent id="wait" name="等待 &amp; 回访">`;

const look = historyLookup({
  policy,
  timers: timerNames(xml),
  tasks: [{ id: 't-handle', formKey: 'handle' }],
  people: [
    { username: 'pingdingshan.xh-handler', displayName: '李明', unit: '新华区' },
    { username: 'pingdingshan.pds-disp1', displayName: '赵建军', unit: '平顶山市民呼必应指挥中心' },
  ],
  attachments: [{ id: 'a-photo', name: '现场照片.jpg' }],
});

const at = '2026-12-10T02:00:00.000Z';
const say = (e: Partial<TimelineEvent>) => historySentences([{ type: 'x', actor: 'system', at, data: {}, ...e }], look)[0]!;

describe('history sentences', () => {
  it('tells a completed task with the person, the outcome and the form under its labels', () => {
    const e = say({
      type: 'task.completed',
      actor: 'pingdingshan.xh-handler',
      data: { taskId: 't-handle', activityId: 'handle', name: '办理', outcome: 'extend', data: { secret: 'x', reason: '需现场勘查', days: 3, informedAt: '2026-12-10T03:30:00.000Z', onSite: true } },
    });
    expect(e).toEqual({
      type: 'task.completed',
      name: '办理环节完成',
      at: '2026年12月10日 10:00',
      who: '李明（新华区）',
      what: '在“办理”环节提交：申请延期',
      details: ['延期天数：3', '延期理由：需现场勘查', '告知时间：2026年12月10日 11:30', '现场核实：是'],
    });
  });

  it('names the files a form attached; one it cannot name (another order\'s, or since removed) is counted', () => {
    const e = say({ type: 'task.completed', data: { taskId: 't-handle', name: '办理', outcome: 'extend', data: { reason: '需现场勘查', attachments: ['a-photo', 'a-gone'] } } });
    expect(e.details).toEqual(['延期理由：需现场勘查', '附件：“现场照片.jpg”、1 个附件']);
  });

  it('says status changes and new tasks in words, with the deadline in the city time', () => {
    expect(say({ type: 'order.status', data: { from: 'received', to: 'dispatched' } }).what).toBe('工单状态由 已受理 变为 已派发');
    const created = say({ type: 'task.created', data: { taskId: 'x', name: '签收', unit: '新华区', dueAt: '2026-12-24T15:59:59.999Z' } });
    expect(created.who).toBe('系统');
    expect(created.what).toBe('生成办理环节 签收（新华区），办结期限 2026年12月24日 23:59');
  });

  it('names the automatic cause: the timer that fired, or the deadline check', () => {
    const [fired, flag, later] = historySentences(
      [
        { type: 'timer.fired', actor: 'system', at, data: { activityId: 'handleDue' } },
        { type: 'flag.raised', actor: 'system', at, data: { flag: 'urged', leadUnit: '新华区' } },
        { type: 'flag.raised', actor: 'system', at: '2026-12-11T02:00:00.000Z', data: { flag: 'no-such-flag' } },
      ],
      look,
    );
    expect(fired!.who).toBe('系统（办理时限届满）');
    expect(fired!.what).toBe('按计时“办理时限届满”继续办理');
    expect(flag!.who).toBe('系统（办理时限届满）');
    expect(flag!.what).toBe('为工单加上标记：已催办');
    expect(later!.who).toBe('系统');
    expect(later!.what).toBe('为工单加上标记');
    expect(say({ type: 'deadline.task-overdue', data: { name: '办理', unit: '新华区', dueAt: at } }).who).toBe('系统（超期检查）');
    expect(say({ type: 'timer.scheduled', data: { activityId: 'wait', at } }).what).toBe('设定计时“等待 & 回访”，2026年12月10日 10:00 到期');
  });

  it('never shows a login, an id or an English key, whatever the event', () => {
    const e = say({ type: 'something.new', actor: 'pingdingshan.gone', data: { taskId: '27df0000-0000-4000-8000-000000000000', foo: 'bar' } });
    expect(e).toMatchObject({ name: '其他操作', who: '工作人员', what: '其他操作', details: [] });
    expect(say({ type: 'order.status', data: { from: 'x', to: 'y' } }).what).toBe('工单状态变更');
    expect(say({ type: 'finding.recorded', actor: 'pingdingshan.pds-disp1', data: { findingId: 'f1', kind: 'blacklist', unit: '新华区' } })).toMatchObject({
      who: '赵建军（平顶山市民呼必应指挥中心）',
      what: '记录问责事项：黑榜（新华区）',
    });
  });
});

it('knows the demo directory by its bare ids too (scenario runs act as pds-op1)', () => {
  expect(say({ type: 'order.created', actor: 'pds-op1', data: { number: 'PDS-20261210-000001' } })).toMatchObject({ who: '王晓丽（平顶山市民呼必应指挥中心）', what: '受理工单PDS-20261210-000001' });
});

describe('the raw export', () => {
  it('keeps every stored field beside the sentence, as CSV that Excel opens and never runs', () => {
    const events = [{ id: 7, type: 'task.completed', actor: 'pingdingshan.xh-handler', at, data: { taskId: 't-handle', name: '办理', outcome: 'extend', data: { reason: '=HYPERLINK("x")' } } }];
    const csv = timelineCsv(events, historySentences(events, look));
    expect(csv.startsWith('\uFEFF序号,时间（本市）,时间（UTC）')).toBe(true);
    const row = csv.split('\r\n')[1]!;
    expect(row).toContain('7,2026年12月10日 10:00,2026-12-10T02:00:00.000Z,办理环节完成,task.completed,李明（新华区）,pingdingshan.xh-handler,');
    expect(row).toContain('"{""taskId"":""t-handle""');
    expect(row).toContain(`"在“办理”环节提交：申请延期；延期理由：=HYPERLINK(""x"")"`);
  });
});
