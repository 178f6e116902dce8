import type { RequestAuth } from '../../api/middleware/authenticate';
import { assertCityRole } from '../../engine/access/city-access';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { UnitNode } from '../../engine/policy/policy.schema';
import { renderPage, translate } from '../render';
import { unitKindName } from '../unit-options';

/** One row of the unit tree: a unit at its depth, with its kind in words and how many units it has below it. */
interface UnitRow {
  name: string;
  kind: string;
  depth: number;
  children: number;
  parent: string;
}


/** The tree in document order (a unit, then its children), each row knowing its depth. */
function rows(units: readonly UnitNode[], depth: number, parent: string): UnitRow[] {
  return units.flatMap((u) => [
    { name: u.name, kind: unitKindName(u.kind), depth, children: u.children?.length ?? 0, parent },
    ...rows(u.children ?? [], depth + 1, u.name),
  ]);
}

/** The city's units from its policy: the centre, then the unit tree; the page's script counts each unit's users. */
export function adminUnitsPage(catalog: CityCatalog, auth: RequestAuth, city: string): string {
  assertCityRole(auth.actor, city, ['admin'], 'see the units');
  const { policy, version } = catalog.policy(city);
  const centre: UnitRow = { name: policy.centre, kind: translate('admin.units.centre'), depth: 0, children: 0, parent: '' };
  return renderPage(
    'admin-units',
    { title: translate('admin.units.title'), user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/admin/units', script: 'admin-units.js' },
    { city, version, units: [centre, ...rows(policy.units, 0, '')] },
  );
}
