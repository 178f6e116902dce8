import type { Request, Response, Router } from 'express';
import type { RequestAuth } from '../../api/middleware/authenticate';
import type { ReportService } from '../../engine/reports/report.service';
import { assessmentPage, assessmentRunPage, type AssessmentPageDeps } from './assessment.page';
import { reportsPage, reportsQuery } from './reports.page';

type PageHandler = (handler: (auth: RequestAuth, req: Request) => Promise<string> | string) => (req: Request, res: Response) => Promise<void>;

/** The monthly assessment (/assessment, /assessment/runs/:id) and the reports (/reports). */
export function registerAssessmentPages(router: Router, deps: AssessmentPageDeps & { reports: ReportService }, page: PageHandler): void {
  router.get('/assessment', page((auth, req) => assessmentPage(deps, auth, req.query.period)));
  router.get('/assessment/runs/:id', page((auth, req) => assessmentRunPage(deps, auth, String(req.params.id))));
  router.get('/reports', page((auth, req) => reportsPage(deps.reports, deps.catalog, deps.clock, auth, reportsQuery(req.query as Record<string, unknown>))));
}
