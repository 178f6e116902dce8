import type { RequestAuth } from '../../api/middleware/authenticate';
import { assertCityRole } from '../../engine/access/city-access';
import type { CityCatalog } from '../../engine/city/city-catalog';
import { zhCN } from '../i18n/zh-CN';
import { renderPage, translate } from '../render';
import { policyOf } from './page-deps';

/**
 * The policy editor of a city (its administrators): the YAML of the version in force, loaded by
 * the page's script from the API, validated as it is typed and saved as a new version.
 */
export function adminPolicyPage(catalog: CityCatalog, auth: RequestAuth, city: string): string {
  const policy = policyOf(catalog, city); // CITY_NOT_FOUND (404) for an unknown city
  assertCityRole(auth.actor, city, ['admin'], 'edit policies');
  return renderPage(
    'admin-policies',
    { title: translate('admin.policy.title'), user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/admin/policies', script: 'admin-policies.js' },
    { city, cityName: policy.name, strings: JSON.stringify(zhCN.admin.client) },
  );
}
