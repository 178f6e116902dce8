import type { RequestAuth } from '../../api/middleware/authenticate';
import { MIN_PASSWORD_LENGTH } from '../../auth/passwords';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from '../../auth/token.service';
import type { CityCatalog } from '../../engine/city/city-catalog';
import { pageField, type FieldModel } from '../format';
import { renderPage, translate } from '../render';

function field(id: string, name: string, opts: Partial<FieldModel> = {}): FieldModel {
  return pageField(id, name, translate(`account.${name}`), opts);
}

/**
 * 我的账户, for every person who logs in (a partner too): change one's own password with the
 * current one; one's API tokens, issue one (its secret shown once) and revoke one.
 */
export function accountPage(catalog: CityCatalog, auth: RequestAuth): string {
  const { user } = auth;
  const policy = catalog.hasCity(user.city) ? catalog.policy(user.city).policy : null;
  const passwordFields = [
    field('pw-current', 'currentPassword', { inputType: 'password' }),
    field('pw-new', 'newPassword', { inputType: 'password', help: translate('account.newPasswordHelp', { n: MIN_PASSWORD_LENGTH }) }),
    field('pw-confirm', 'confirmPassword', { inputType: 'password' }),
  ];
  const tokenFields = [
    field('token-name', 'name', { help: translate('account.tokenNameHelp'), maxLength: 100 }),
    field('token-days', 'expiresInDays', { required: false, type: 'number', inputType: 'number', min: 1, max: TOKEN_MAX_DAYS, help: translate('account.expiresHelp', { n: TOKEN_DEFAULT_DAYS, max: TOKEN_MAX_DAYS }) }),
  ];
  return renderPage(
    'account',
    { title: translate('account.title'), user, cityName: policy?.name, csrfToken: auth.csrfToken, current: '/account', scripts: ['/ui/assets/tokens-table.js', '/ui/assets/account.js'] },
    { passwordFields, tokenFields, timeZone: policy?.timezone ?? 'Asia/Shanghai', minLength: MIN_PASSWORD_LENGTH, defaultDays: TOKEN_DEFAULT_DAYS, username: user.username },
  );
}
