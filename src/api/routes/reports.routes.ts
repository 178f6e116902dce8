import type { Response } from 'express';
import { z } from 'zod';
import type { Runtime } from '../../app/create-runtime';
import type { Report } from '../../engine/reports/report.types';
import { toCsv } from '../../ui/reports/csv-export';
import { reportDocument, runDocument, type ReportDocument } from '../../ui/reports/report-tables';
import { toXlsx, XLSX_TYPE } from '../../ui/reports/xlsx-export';
import type { ApiRouter, ResponseSpec } from '../openapi/api-router';
import { CityParams, IdParams, problems } from '../schemas/common.schema';

const FORMATS = ['xlsx', 'csv'] as const;
type Format = (typeof FORMATS)[number];

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month written YYYY-MM, e.g. 2026-10');
const WeekQuery = z.strictObject({ week: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day written YYYY-MM-DD: the week (Monday to Sunday) containing it') });
const MonthQuery = z.strictObject({ period: Month });
const YearQuery = z.strictObject({ year: z.string().regex(/^\d{4}$/, 'expected a year such as 2026').transform(Number) });

const CONTENT_TYPE: Record<Format, string> = { xlsx: XLSX_TYPE, csv: 'text/csv; charset=utf-8' };

function download(format: Format, what: string): ResponseSpec {
  return {
    description: format === 'xlsx' ? `${what} as an Excel workbook: one sheet per table, each figure's definition under it` : `${what} as CSV (UTF-8 with BOM, CRLF; text cells neutralised against formula injection)`,
    schema: z.string().describe(format === 'xlsx' ? 'binary .xlsx' : 'CSV text'),
    contentType: format === 'xlsx' ? XLSX_TYPE : 'text/csv',
  };
}

/** Sends the document as an attachment; the name is ASCII, with the Chinese title as filename*. */
async function send(res: Response, format: Format, doc: ReportDocument): Promise<undefined> {
  const body = format === 'xlsx' ? await toXlsx(doc) : Buffer.from(toCsv(doc), 'utf8');
  res
    .status(200)
    .set('Content-Type', CONTENT_TYPE[format])
    .set('Cache-Control', 'no-store')
    .set('Content-Disposition', `attachment; filename="${doc.fileName}.${format}"; filename*=UTF-8''${encodeURIComponent(`${doc.title}.${format}`)}`)
    .send(body);
  return undefined;
}

/**
 * Downloads of the reports (PDS-17 weekly, monthly, annual; AS-11 bulletin) and of an assessment
 * run, as .xlsx and CSV: the same tables as the pages /reports and /assessment/runs/:id. Reports
 * are for the centre and the auditor; a run for whoever may read it (a published one: the city).
 */
type Actor = Parameters<Runtime['reports']['weekly']>[0];

/** One report kind's download in one format. */
function reportRoute<Q extends z.ZodType>(
  api: ApiRouter,
  format: Format,
  kind: Report['kind'],
  query: Q,
  what: string,
  make: (actor: Actor, city: string, q: z.infer<Q>) => Promise<Report>,
): void {
  api.add({
    method: 'get',
    path: `/api/reports/:city/${kind}.${format}`,
    tag: 'reports',
    summary: `Download: ${what} (${format})`,
    params: CityParams,
    query,
    responses: { 200: download(format, 'the report'), ...problems(400, 401, 403) },
    handler: async ({ params, query: q, auth, res }) => send(res, format, reportDocument(await make(auth!.actor, params.city, q))),
  });
}

/**
 * Downloads of the reports (PDS-17 weekly, monthly, annual; AS-11 bulletin) and of an assessment
 * run, as .xlsx and CSV: the same tables as the pages /reports and /assessment/runs/:id. Reports
 * are for the centre and the auditor; a run for whoever may read it (a published one: the city).
 */
export function reportsRoutes(api: ApiRouter, runtime: Runtime): void {
  const { reports, assessments, catalog } = runtime;
  for (const format of FORMATS) {
    reportRoute(api, format, 'weekly', WeekQuery, "PDS-17 weekly analysis (intake by category and channel, closed, on time, overdue, each unit's indicators)", (actor, city, q) =>
      reports.weekly(actor, city, q.week),
    );
    reportRoute(api, format, 'monthly', MonthQuery, "PDS-17 monthly bulletin (counts by category, AS-2; the month's published assessment)", (actor, city, q) =>
      reports.monthly(actor, city, q.period),
    );
    reportRoute(api, format, 'annual', YearQuery, "PDS-17 annual summary (per-month totals and published scores, each unit's indicators over the year)", (actor, city, q) =>
      reports.annual(actor, city, q.year),
    );
    reportRoute(api, format, 'bulletin', MonthQuery, 'AS-11 "12345工作简报" (the units on the published lists, with their counts and reasons)', (actor, city, q) =>
      reports.bulletin(actor, city, q.period),
    );
    api.add({
      method: 'get',
      path: `/api/assessment-runs/:id/export.${format}`,
      tag: 'reports',
      summary: `Download: an assessment run — indicators with their definitions, units, accountability lists and measures (${format})`,
      params: IdParams,
      responses: { 200: download(format, 'the run'), ...problems(400, 401, 404) },
      handler: async ({ params, auth, res }) => {
        const { run, measures } = await assessments.getRun(auth!.actor, params.id);
        const cityName = catalog.policy(run.city).policy.name;
        return send(res, format, runDocument(cityName, run.result, measures, run.publishedAt !== null));
      },
    });
  }
}
