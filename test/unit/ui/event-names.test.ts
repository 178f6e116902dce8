import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eventName } from '../../../src/ui/event-names';
import { zhCN } from '../../../src/ui/i18n/zh-CN';

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** The audit event types the code writes with a literal: `ctx.record('x.y', …)` and `type: 'x.y'`. */
function literalEventTypes(): string[] {
  const found = new Set<string>();
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:\.record\(|\btype: )'([a-z]+\.[a-z.-]+)'/g)) found.add(m[1]!);
  }
  return [...found].sort();
}

/** Types built from a template literal (`deadline.${job.kind}`, `knowledge.${status}`), spelled out. */
const TEMPLATED = ['deadline.task-warning', 'deadline.task-overdue', 'knowledge.approved', 'knowledge.rejected'];

describe('timeline event names', () => {
  it('finds the event types of the code (the scan works)', () => {
    expect(literalEventTypes()).toEqual(expect.arrayContaining(['order.created', 'task.claimed', 'deadline.order-overdue', 'requester.viewed']));
  });

  it.each([...literalEventTypes(), ...TEMPLATED])('%s has a Chinese name', (type) => {
    expect(eventName(type)).not.toBe(type);
    expect(eventName(type)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows an unknown type as it is', () => {
    expect(eventName('assessment.scored')).toBe('assessment.scored');
    expect(eventName('toString')).toBe('toString');
  });

  it('names no type the code does not write', () => {
    const written = new Set([...literalEventTypes(), ...TEMPLATED]);
    expect(Object.keys(zhCN.events).filter((t) => !written.has(t))).toEqual([]);
  });
});
