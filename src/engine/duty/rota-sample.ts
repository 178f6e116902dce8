/**
 * Sample rotas (samples/<city>-duty-rota.yaml): a list of days of a month and their duty units,
 * put on a real month through the rota service, so every rule applies as it would to the centre.
 */
import { z } from 'zod';
import { DomainError } from '../../shared/errors';
import type { Actor } from '../work-order/actor';
import type { DutyRotaService } from './duty-rota.service';
import { monthDates } from './duty-time';

export const SampleRotaSchema = z.strictObject({
  city: z.string().min(1),
  days: z
    .array(z.strictObject({ day: z.number().int().min(1).max(31), unit: z.string().min(1), person: z.string().min(1).optional() }))
    .min(1),
});

export type SampleRota = z.infer<typeof SampleRotaSchema>;

export interface SampleLoad {
  month: string;
  added: number;
  /** Days not put on the rota, with the refusal's code (a begun day, a day already taken …). */
  skipped: Array<{ date: string; code: string }>;
  published: boolean;
  /** Why it was not published (DUTY_ROTA_PUBLISH_TOO_LATE, DUTY_ROTA_ALREADY_PUBLISHED …). */
  notPublished: string | null;
}

const REASON = '示例数据';

/** Each day's unit with its 主要负责人 (a placeholder unless the sample names the person); then publishes. */
export async function loadSampleRota(rota: DutyRotaService, actor: Actor, sample: SampleRota, month: string): Promise<SampleLoad> {
  const dates = new Set(monthDates(month));
  const out: SampleLoad = { month, added: 0, skipped: [], published: false, notPublished: null };
  for (const d of sample.days) {
    const date = `${month}-${String(d.day).padStart(2, '0')}`;
    if (!dates.has(date)) {
      out.skipped.push({ date, code: 'NO_SUCH_DAY' });
      continue;
    }
    const code = await refusal(() => rota.addEntry(actor, sample.city, { date, unit: d.unit, person: d.person ?? `${d.unit}主要负责人`, role: 'head', reason: REASON }));
    if (code === null) out.added += 1;
    else out.skipped.push({ date, code });
  }
  out.notPublished = await refusal(() => rota.publish(actor, sample.city, month));
  out.published = out.notPublished === null;
  return out;
}

/** null when `fn` succeeds; the code of a refusal (a DomainError of the user) otherwise. */
async function refusal(fn: () => Promise<unknown>): Promise<string | null> {
  try {
    await fn();
    return null;
  } catch (err) {
    if (err instanceof DomainError && err.kind === 'user') return err.code;
    throw err;
  }
}
