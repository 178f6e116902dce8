import type { RequestAuth } from '../../api/middleware/authenticate';
import { ROLES } from '../../auth/user-admin.service';
import { assertCityRole } from '../../engine/access/city-access';
import type { CityCatalog } from '../../engine/city/city-catalog';
import { allUnitNames } from '../../engine/policy/load-policies';
import { pageField, type FieldModel } from '../format';
import { zhCN } from '../i18n/zh-CN';
import { renderPage, translate } from '../render';

function field(name: string, opts: Partial<FieldModel> = {}): FieldModel {
  return pageField(`user-${name}`, name, opts.label ?? translate(`admin.users.${name}`), opts);
}

/** The users of the administrator's city (listed by the page's script from the API) and a form to add one. */
export function adminUsersPage(catalog: CityCatalog, auth: RequestAuth): string {
  const city = auth.user.city;
  assertCityRole(auth.actor, city, ['admin'], 'list users');
  const { policy } = catalog.policy(city);
  const units = [policy.centre, ...allUnitNames(policy).filter((u) => u !== policy.centre)];
  const fields = [
    field('username', { help: translate('admin.users.usernameHelp', { city }) }),
    field('displayName'),
    field('password', { inputType: 'password', help: translate('admin.users.passwordHelp') }),
    field('role', { type: 'choice', isChoice: true, options: ROLES.map((r) => ({ value: r, label: translate(`roles.${r}`) })) }),
    field('unit', { type: 'choice', isChoice: true, options: units.map((u) => ({ value: u, label: u })), help: translate('admin.users.unitHelp') }),
  ];
  const choices = { role: fields[3]!.options, unit: fields[4]!.options };
  const editFields = [
    field('displayName', { id: 'edit-displayName' }),
    field('role', { id: 'edit-role', type: 'choice', isChoice: true, options: choices.role }),
    field('unit', { id: 'edit-unit', type: 'choice', isChoice: true, options: choices.unit, help: translate('admin.users.unitHelp') }),
  ];
  const resetFields = [
    field('password', { id: 'reset-password', label: translate('admin.users.newPassword'), inputType: 'password', help: translate('admin.users.passwordHelp') }),
    field('confirm', { id: 'reset-confirm', label: translate('admin.users.confirmPassword'), inputType: 'password' }),
  ];
  const strings = { ...zhCN.admin.client, roles: zhCN.roles };
  return renderPage(
    'admin-users',
    { title: translate('admin.users.title'), user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/admin/users', scripts: ['/ui/assets/tokens-table.js', '/ui/assets/admin-users.js'] },
    { city, self: auth.user.username, timeZone: policy.timezone, fields, editFields, resetFields, strings: JSON.stringify(strings) },
  );
}
