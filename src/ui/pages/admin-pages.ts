import type { Request, Router } from 'express';
import type { RequestAuth } from '../../api/middleware/authenticate';
import type { CityCatalog } from '../../engine/city/city-catalog';
import { SystemClock, type Clock } from '../../shared/clock';
import { adminCalendarPage, currentMonth } from './admin-calendar.page';
import { adminPolicyPage } from './admin-policies.page';
import { adminUnitsPage } from './admin-units.page';
import { adminUsersPage } from './admin-users.page';

type PageHandler = (handler: (auth: RequestAuth, req: Request) => Promise<string> | string) => (req: Request, res: import('express').Response) => Promise<void>;

/**
 * The administration pages: the policy editor, the working-day calendar, the city's users and its units.
 * `page` is the routes' wrapper (login redirect, HTML response); refusals go to the error page.
 * The clock only picks the calendar's current month (the system clock until the routes pass the runtime's).
 */
export function registerAdminPages(router: Router, catalog: CityCatalog, page: PageHandler, clock: Clock = new SystemClock()): void {
  const auth = (req: Request) => (req as Request & { auth?: RequestAuth }).auth;
  router.get('/admin/policies', (req, res) => {
    const a = auth(req);
    res.redirect(303, a ? `/admin/policies/${encodeURIComponent(a.user.city)}` : '/login?next=%2Fadmin%2Fpolicies');
  });
  router.get('/admin/policies/:city', page((a, req) => adminPolicyPage(catalog, a, String(req.params.city))));
  router.get('/admin/calendar', (req, res) => {
    const a = auth(req);
    if (!a) return res.redirect(303, '/login?next=%2Fadmin%2Fcalendar');
    res.redirect(303, `/admin/calendar/${encodeURIComponent(a.user.city)}/${currentMonth(catalog, clock, a.user.city)}`);
  });
  router.get('/admin/calendar/:city', page((a, req) => adminCalendarPage(catalog, clock, a, String(req.params.city), null)));
  router.get('/admin/calendar/:city/:month', page((a, req) => adminCalendarPage(catalog, clock, a, String(req.params.city), String(req.params.month))));
  router.get('/admin/users', page((a) => adminUsersPage(catalog, a)));
  router.get('/admin/units', (req, res) => {
    const a = auth(req);
    res.redirect(303, a ? `/admin/units/${encodeURIComponent(a.user.city)}` : '/login?next=%2Fadmin%2Funits');
  });
  router.get('/admin/units/:city', page((a, req) => adminUnitsPage(catalog, a, String(req.params.city))));
}
