import type { Clock } from '../../shared/clock';
import type { CityCatalog } from '../city/city-catalog';
import type { UnitOfWork } from '../ports';
import { DutyLogService } from './duty-log.service';
import { DutyRotaService } from './duty-rota.service';
import { LeaderDayService } from './leader-days.service';

/** The duty rota (HK-9), its log and handover (HK-10), and leaders' answering days (PDS-18, HZ-10). */
export interface DutyServices {
  rota: DutyRotaService;
  log: DutyLogService;
  leaderDays: LeaderDayService;
}

export function createDutyServices(uow: UnitOfWork, catalog: CityCatalog, clock: Clock): DutyServices {
  const rota = new DutyRotaService(uow, catalog, clock);
  return { rota, log: new DutyLogService(uow, rota, clock), leaderDays: new LeaderDayService(uow, catalog, clock) };
}
