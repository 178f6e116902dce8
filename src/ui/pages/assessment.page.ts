import type { RequestAuth } from '../../api/middleware/authenticate';
import { ASSESSORS, DRAFT_READERS, FINDING_ROLES, type AssessmentService } from '../../engine/assessment/assessment.service';
import { isMonth, monthOf, previousMonth } from '../../engine/assessment/periods';
import type { CityCatalog } from '../../engine/city/city-catalog';
import { allUnitNames } from '../../engine/policy/load-policies';
import type { Clock } from '../../shared/clock';
import { NotFoundError } from '../../shared/errors';
import { formatTime } from '../format';
import { zhCN } from '../i18n/zh-CN';
import { renderPage, translate } from '../render';
import { runTables } from '../reports/report-tables';
import { tableView } from '../reports/table-view';
import { policyOf } from './page-deps';
import type { PeopleDirectory } from '../timeline/history-lookup';
import { namesOf, personName, type Names } from './task-sections';
import { ownValue } from '../../shared/own-key';

export interface AssessmentPageDeps {
  assessments: AssessmentService;
  catalog: CityCatalog;
  clock: Clock;
  /** Who entered a score, recorded a finding or a measure: by name. */
  people: PeopleDirectory;
}

const t = (key: string, params?: Record<string, unknown>) => translate(`assessment.${key}`, params);

/** A person by name; one the directory does not know (a retired account) as 工作人员. */
const who = (names: Names, login: string): string => personName(names, login) || translate('history.unknownPerson');

/** What the page's script needs in words (data-strings). */
const scriptStrings = (): string => JSON.stringify(zhCN.assessment.strings);

/** /assessment?period=YYYY-MM: the month's runs, compute and publish, manual scores, findings. */
export async function assessmentPage(deps: AssessmentPageDeps, auth: RequestAuth, periodParam: unknown): Promise<string> {
  const { actor, user } = auth;
  const policy = policyOf(deps.catalog, user.city);
  const names = await namesOf(deps.people, user.city);
  const period = typeof periodParam === 'string' && isMonth(periodParam) ? periodParam : previousMonth(monthOf(deps.clock.now(), policy.timezone));
  const a = policy.assessment ?? null;
  const tz = policy.timezone;
  const centre = DRAFT_READERS.includes(actor.role);
  const [runs, findings, scores] = a
    ? await Promise.all([
        deps.assessments.listRuns(actor, user.city, period),
        centre ? deps.assessments.listFindings(actor, user.city, period) : Promise.resolve([]),
        centre ? deps.assessments.listManualScores(actor, user.city, period) : Promise.resolve([]),
      ])
    : [[], [], []];
  const published = runs.find((r) => r.publishedAt !== null) ?? null;
  const canAssess = ASSESSORS.includes(actor.role);
  const units = allUnitNames(policy);
  const manualItems = Object.entries(a?.scoring?.manualItems ?? {}).map(([key, m]) => ({ key, name: m.name, max: m.max }));
  const kinds = Object.entries(a?.findings ?? {}).map(([code, name]) => ({ code, name }));
  return renderPage(
    'assessment',
    { title: t('title'), user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/assessment', script: 'assessment.js' },
    {
      city: user.city,
      period,
      configured: a !== null,
      strings: scriptStrings(),
      published: published ? t('monthPublished', { time: formatTime(published.publishedAt?.toISOString() ?? null, tz) }) : '',
      canCompute: canAssess && a !== null,
      runs: runs.map((r) => ({
        id: r.id,
        computedAt: formatTime(r.computedAt.toISOString(), tz),
        computedBy: who(names, r.computedBy),
        trigger: t(`triggers.${r.trigger}`),
        policyVersion: r.policyVersion,
        isPublished: r.publishedAt !== null,
        canPublish: canAssess && published === null,
      })),
      centre,
      scoresOpen: canAssess && published === null && manualItems.length > 0,
      manualItems,
      scores: scores.map((s) => ({ unit: s.unit, item: manualItems.find((m) => m.key === s.item)?.name ?? s.item, points: s.points, note: s.note ?? '', enteredBy: who(names, s.enteredBy), at: formatTime(s.at.toISOString(), tz) })),
      canRecordFinding: FINDING_ROLES.includes(actor.role) && kinds.length > 0,
      kinds,
      units,
      findings: findings.map((f) => ({ kind: ownValue(a?.findings, f.kind) ?? f.kind, unit: f.unit, orderId: f.orderId ?? '', reason: f.reason, evidence: f.evidence ?? '', recordedBy: who(names, f.recordedBy), at: formatTime(f.at.toISOString(), tz) })),
    },
  );
}

/** /assessment/runs/:id: one run — indicators and definitions, units, lists with their measures and the measure form. */
export async function assessmentRunPage(deps: AssessmentPageDeps, auth: RequestAuth, runId: string): Promise<string> {
  const { actor, user } = auth;
  const policy = policyOf(deps.catalog, user.city);
  const names = await namesOf(deps.people, user.city);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(runId)) throw new NotFoundError('RUN_NOT_FOUND', `no assessment run ${runId}`, { runId });
  const { run, measures } = await deps.assessments.getRun(actor, runId);
  const [indicators, units] = runTables(run.result, measures).map(tableView);
  const options = policy.assessment?.measures ?? [];
  const canMeasure = ASSESSORS.includes(actor.role) && options.length > 0;
  return renderPage(
    'assessment-run',
    { title: t('runTitle'), user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/assessment', script: 'assessment.js' },
    {
      run: {
        id: run.id,
        period: run.period,
        heading: t('period', { period: run.period }),
        isPublished: run.publishedAt !== null,
        state: run.publishedAt ? t('published') : t('draft'),
        computedAt: formatTime(run.computedAt.toISOString(), policy.timezone),
        policyVersion: run.policyVersion,
        canPublish: ASSESSORS.includes(actor.role) && run.publishedAt === null,
      },
      strings: scriptStrings(),
      indicators: run.result.indicators.map((h) => ({ name: h.name, definition: h.definition, weight: h.weight ?? '', kind: t(`kinds.${h.kind}`) })),
      unitsTable: units ?? indicators,
      lists: run.result.lists.map((e, i) => ({
        index: i,
        ...e,
        by: e.by ?? '',
        group: e.group ?? '',
        measures: measures.filter((m) => m.unit === e.unit && m.ruleId === e.ruleId).map((m) => ({ measure: m.measure, note: m.note ?? '', recordedBy: who(names, m.recordedBy), at: formatTime(m.at.toISOString(), policy.timezone) })),
      })),
      canMeasure,
      measureOptions: options,
      downloads: { xlsx: `/api/assessment-runs/${run.id}/export.xlsx`, csv: `/api/assessment-runs/${run.id}/export.csv` },
    },
  );
}
