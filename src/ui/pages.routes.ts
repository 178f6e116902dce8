import path from 'node:path';
import express, { ErrorRequestHandler, Request, Response, Router } from 'express';
import type { RequestAuth } from '../api/middleware/authenticate';
import { assertStaff } from '../engine/access/city-access';
import type { CityCatalog } from '../engine/city/city-catalog';
import type { OrderServices } from '../engine/queries/order-services';
import { DomainError } from '../shared/errors';
import type { DashboardService } from '../engine/queries/dashboard-queries';
import { centrePage } from './pages/centre.page';
import { dashboardPage } from './pages/dashboard.page';
import { ownValue } from '../shared/own-key';
import { accountPage } from './pages/account.page';
import { searchPage } from './pages/search.page';
import { orderPrintPage } from './pages/order-print.page';
import { registerAdminPages } from './pages/admin-pages';
import { registerAssessmentPages } from './pages/assessment-pages';
import type { AssessmentService } from '../engine/assessment/assessment.service';
import type { ReportService } from '../engine/reports/report.service';
import type { Clock } from '../shared/clock';
import { registerDutyPages } from './pages/duty-pages';
import type { DutyServices } from '../engine/duty/duty-services';
import { inboxPage, inboxQuery } from './pages/inbox.page';
import { intakePage } from './pages/intake.page';
import { orderHistoryCsv, orderPage } from './pages/order.page';
import type { PeopleDirectory } from './timeline/history-lookup';
import { ForbiddenError } from '../shared/errors';
import { taskPage } from './pages/task.page';
import { policyOf } from './pages/page-deps';
import type { AttachmentService } from '../engine/attachments/attachment.service';
import { renderPage, translate } from './render';

export interface PageDeps {
  orderServices: OrderServices;
  catalog: CityCatalog;
  /** The dashboard's figures (/dashboard). */
  dashboard: DashboardService;
  /** The duty rota, log and leader days (/duty, /leader-days). */
  duty: DutyServices;
  /** The monthly assessment (/assessment) and the reports (/reports); the clock picks the default period. */
  assessments: AssessmentService;
  reports: ReportService;
  clock: Clock;
  /** Display names and units of the people the order history names (the account store). */
  people: PeopleDirectory;
  /** An order's photos and documents (the order page's 附件). */
  attachments: AttachmentService;
}

const ASSETS = path.join(__dirname, 'assets');
/** ECharts for the dashboard, served by the app (never a CDN). */
const ECHARTS = path.dirname(require.resolve('echarts/dist/echarts.min.js'));

/** A page's target after login: a path of this site only (never `//host`). */
function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\s\\]*$/.test(value) ? value : '/';
}

function send(res: Response, html: string, status = 200): void {
  res.status(status).type('html').set('Cache-Control', 'no-store').send(html);
}

/**
 * Runs a page handler for a logged-in member of staff (a partner: 403, except on a page for
 * everyone who logs in, such as 我的账户); anyone else goes to the login page and back.
 */
function page(handler: (auth: RequestAuth, req: Request) => Promise<string> | string, opts: { partners?: boolean } = {}) {
  return async (req: Request, res: Response): Promise<void> => {
    const auth = (req as Request & { auth?: RequestAuth }).auth;
    if (!auth) return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    if (!opts.partners) assertStaff(auth.actor, `open ${req.path}`);
    send(res, await handler(auth, req));
  };
}

/** 导出原始记录: an order's raw events as a CSV download, for auditors and administrators. */
function historyCsv(deps: PageDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const auth = (req as Request & { auth?: RequestAuth }).auth;
    if (!auth) return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    const file = await orderHistoryCsv(deps.orderServices, deps.catalog, deps.people, deps.attachments, auth, String(req.params.id));
    if (!file) throw new ForbiddenError('EXPORT_FORBIDDEN', 'the raw timeline is exported for auditors and administrators only');
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', `attachment; filename="history.csv"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .send(file.csv);
  };
}

/**
 * Where a person lands after login, the page of their day's work: operators at intake, the
 * centre's dispatchers at their review queues, supervisors, auditors and administrators on the
 * dashboard, a partner on their account, the units' handlers and leaders in their inbox.
 */
const LANDING: Record<string, string> = { operator: '/intake', dispatcher: '/centre', supervisor: '/dashboard', auditor: '/dashboard', admin: '/dashboard', partner: '/account' };

function landing(role: string): string {
  return ownValue(LANDING, role) ?? '/inbox';
}

const PAGE_STATUS: Record<string, number> = { 'not-found': 404, forbidden: 403, validation: 400 };
const PAGE_MESSAGE: Record<number, string> = { 404: 'error.notFound', 403: 'error.forbidden', 400: 'error.badRequest' };

/**
 * Refusals of a page (another unit's order, a task that does not exist, a month like 2026-13) as
 * a page in Chinese words; the code stays in the log, the city is shown by its Chinese name.
 */
function pageErrors(catalog: CityCatalog): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (!(err instanceof DomainError) || err.kind !== 'user' || !(err.category in PAGE_STATUS)) return next(err);
    const status = PAGE_STATUS[err.category] ?? 400;
    const auth = (req as Request & { auth?: RequestAuth }).auth ?? null;
    const cityName = auth && catalog.hasCity(auth.user.city) ? policyOf(catalog, auth.user.city).name : undefined;
    const opts = { title: translate('error.title'), user: auth?.user ?? null, cityName, csrfToken: auth?.csrfToken };
    send(res, renderPage('error', opts, { message: translate(PAGE_MESSAGE[status] ?? 'error.other') }), status);
  };
}

/**
 * The browser pages: server-rendered with the same services as the JSON API; their scripts
 * (served from /ui/assets) write through the API with the session's CSRF token.
 */
export function pageRoutes(deps: PageDeps): Router {
  const { orderServices: s, catalog } = deps;
  const router = Router();
  router.use('/ui/assets', express.static(ASSETS, { fallthrough: false, maxAge: '1h', index: false }));
  router.get('/favicon.ico', (_req, res) => res.redirect(301, '/ui/assets/favicon.svg'));
  router.get('/login', (req, res) => {
    if ((req as Request & { auth?: RequestAuth }).auth) return res.redirect(303, safeNext(req.query.next));
    send(res, renderPage('login', { title: translate('login.title'), user: null, script: 'login.js' }, { next: safeNext(req.query.next) }));
  });
  router.get('/', (req, res) => {
    const auth = (req as Request & { auth?: RequestAuth }).auth;
    res.redirect(303, !auth ? '/login' : landing(auth.user.role));
  });
  router.get('/inbox', page((auth, req) => inboxPage(s, catalog, auth, inboxQuery(req.query), deps.clock.now(), req.query.done)));
  router.get('/tasks/:id', page((auth, req) => taskPage(s, catalog, deps.people, deps.attachments, auth, String(req.params.id), req.query.done)));
  router.get('/orders/:id', page((auth, req) => orderPage(s, catalog, deps.people, auth, String(req.params.id), deps.attachments)));
  router.get('/orders/:id/history.csv', historyCsv(deps));
  router.get('/orders/:id/print', page((auth, req) => orderPrintPage(s, catalog, deps.people, deps.attachments, auth, String(req.params.id), deps.clock.now())));
  router.get('/intake', page((auth) => intakePage(catalog, auth)));
  router.get('/search', page((auth, req) => searchPage(s, catalog, auth, req.query as Record<string, unknown>)));
  router.get('/account', page((auth) => accountPage(catalog, auth), { partners: true }));
  router.use('/vendor/echarts', express.static(ECHARTS, { fallthrough: false, maxAge: '1d', index: false }));
  router.get('/centre', page((auth) => centrePage(s, catalog, auth)));
  router.get('/dashboard', page((auth) => dashboardPage(deps.dashboard, catalog, auth)));
  registerAdminPages(router, catalog, page);
  registerDutyPages(router, deps.duty, catalog, deps.people, page);
  registerAssessmentPages(router, { assessments: deps.assessments, reports: deps.reports, catalog, clock: deps.clock, people: deps.people }, page);
  router.use(pageErrors(catalog));
  return router;
}
