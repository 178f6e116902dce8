import type { Request, Response, Router } from 'express';
import type { RequestAuth } from '../../api/middleware/authenticate';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { DutyServices } from '../../engine/duty/duty-services';
import type { PeopleDirectory } from '../timeline/history-lookup';
import { dutyPage } from './duty.page';
import { leaderDaysPage } from './leader-days.page';

type PageHandler = (handler: (auth: RequestAuth, req: Request) => Promise<string> | string) => (req: Request, res: Response) => Promise<void>;

/** /duty and /leader-days: the user's own city; /duty/<city>/<YYYY-MM> and /leader-days/<city>/<YYYY-MM> for a month. */
export function registerDutyPages(router: Router, duty: DutyServices, catalog: CityCatalog, people: PeopleDirectory, page: PageHandler): void {
  router.get('/duty', page((a) => dutyPage(duty, catalog, people, a, a.user.city, null)));
  router.get('/duty/:city', page((a, req) => dutyPage(duty, catalog, people, a, String(req.params.city), null)));
  router.get('/duty/:city/:month', page((a, req) => dutyPage(duty, catalog, people, a, String(req.params.city), String(req.params.month))));
  router.get('/leader-days', page((a) => leaderDaysPage(duty, catalog, a, a.user.city, null)));
  router.get('/leader-days/:city', page((a, req) => leaderDaysPage(duty, catalog, a, String(req.params.city), null)));
  router.get('/leader-days/:city/:month', page((a, req) => leaderDaysPage(duty, catalog, a, String(req.params.city), String(req.params.month))));
}
