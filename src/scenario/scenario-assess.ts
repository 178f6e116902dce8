import type { AssessmentResult } from '../engine/assessment/assessment.types';
import type { AssessStep } from './scenario.schema';

/** What differs between the expected figures of an `assess` step and a run's result (none: as expected). */
export function checkFigures(expected: AssessStep['units'], result: AssessmentResult): string[] {
  const problems: string[] = [];
  const keys = new Set(result.indicators.map((h) => h.key));
  for (const [unit, figures] of Object.entries(expected)) {
    const found = result.units.find((u) => u.unit === unit);
    for (const [key, want] of Object.entries(figures)) {
      if (!keys.has(key)) {
        problems.push(`${unit}: no indicator "${key}" (indicators: ${[...keys].join(', ')})`);
        continue;
      }
      const got = found?.figures[key] ?? { base: 0, hits: 0 };
      for (const field of ['base', 'hits'] as const) {
        if (want[field] !== undefined && want[field] !== got[field]) problems.push(`${unit} ${key}.${field}: expected ${want[field]}, got ${got[field]}`);
      }
    }
  }
  return problems;
}
