import { zhCN } from './i18n/zh-CN';

const NAMES: Readonly<Record<string, string>> = { ...zhCN.events, ...zhCN.merge.events };

/** Whether the timeline has a name for this event type. */
export function hasEventName(type: string): boolean {
  return Object.hasOwn(NAMES, type);
}

/** An audit event's name for the timeline (`task.claimed` → 认领任务); a type without a name shows as it is. */
export function eventName(type: string): string {
  return Object.hasOwn(NAMES, type) ? (NAMES[type] ?? type) : type;
}
