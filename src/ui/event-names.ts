import { zhCN } from './i18n/zh-CN';

const NAMES: Readonly<Record<string, string>> = zhCN.events;

/** An audit event's name for the timeline (`task.claimed` → 认领任务); a type without a name shows as it is. */
export function eventName(type: string): string {
  return Object.hasOwn(NAMES, type) ? (NAMES[type] ?? type) : type;
}
