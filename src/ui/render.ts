import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { User } from '../auth/auth.ports';
import { NotFoundError } from '../shared/errors';
import { FIELD_ERROR_PATTERNS } from './field-errors';
import { zhCN } from './i18n/zh-CN';

const VIEWS = path.join(__dirname, 'views');

/** A dotted key of the dictionary (`inbox.tabs.to-sign`); an unknown key is an error, not a blank. */
export function translate(key: string, params: Record<string, unknown> = {}): string {
  let node: unknown = zhCN;
  for (const part of key.split('.')) {
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'string') throw new NotFoundError('I18N_KEY_MISSING', `no Chinese string for "${key}"`);
  return node.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * One handlebars environment for the pages: strict (a missing field throws), escaping on
 * (never noEscape, never `{{{ }}}`). Helpers return plain strings, which handlebars escapes.
 */
function createEnvironment(): typeof Handlebars {
  const hbs = Handlebars.create();
  hbs.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions) => translate(String(key), options.hash as Record<string, unknown>));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  for (const file of readdirSync(path.join(VIEWS, 'partials'))) {
    if (file.endsWith('.hbs')) hbs.registerPartial(file.slice(0, -4), readFileSync(path.join(VIEWS, 'partials', file), 'utf8'));
  }
  return hbs;
}

const hbs = createEnvironment();
const pages = new Map<string, Handlebars.TemplateDelegate>();

function page(name: string): Handlebars.TemplateDelegate {
  let template = pages.get(name);
  if (!template) {
    template = hbs.compile(readFileSync(path.join(VIEWS, 'pages', `${name}.hbs`), 'utf8'), { strict: true });
    pages.set(name, template);
  }
  return template;
}

/** A page that is a whole document of its own, without the layout (the print view of an order). */
export function renderBare(name: string, data: Record<string, unknown>): string {
  return page(name)(data);
}

/** A navigation entry of the left column. */
export interface NavItem {
  href: string;
  label: string;
  current: boolean;
  /** Shows the number of tasks to do, kept up to date by assets/live-counts.js (待办工单). */
  badge: boolean;
}

/** The entry whose badge counts the tasks to do; a page with it opens the inbox's event stream. */
const BADGE_HREF = '/inbox';

const NAV: Array<{ href: string; key: string; roles: string[] }> = [
  { href: '/intake', key: 'nav.intake', roles: ['operator', 'dispatcher', 'admin'] },
  { href: '/inbox', key: 'nav.inbox', roles: ['dispatcher', 'handler', 'leader', 'admin', 'operator'] },
  { href: '/centre', key: 'centre.nav', roles: ['dispatcher', 'operator', 'admin'] },
  { href: '/search', key: 'search.nav', roles: ['operator', 'dispatcher', 'handler', 'leader', 'supervisor', 'admin', 'auditor'] },
  { href: '/dashboard', key: 'dashboard.nav', roles: ['dispatcher', 'operator', 'admin', 'supervisor', 'auditor'] },
  { href: '/duty', key: 'duty.nav', roles: ['operator', 'dispatcher', 'handler', 'leader', 'supervisor', 'admin', 'auditor'] },
  { href: '/leader-days', key: 'leaderDays.nav', roles: ['operator', 'dispatcher', 'handler', 'leader', 'supervisor', 'admin', 'auditor'] },
  { href: '/assessment', key: 'assessment.nav', roles: ['dispatcher', 'leader', 'supervisor', 'admin', 'auditor'] },
  { href: '/reports', key: 'reports.nav', roles: ['operator', 'dispatcher', 'supervisor', 'admin', 'auditor'] },
  { href: '/admin/policies', key: 'admin.nav.policies', roles: ['admin'] },
  { href: '/admin/calendar', key: 'admin.nav.calendar', roles: ['admin'] },
  { href: '/admin/users', key: 'admin.nav.users', roles: ['admin'] },
  { href: '/admin/units', key: 'admin.nav.units', roles: ['admin'] },
  { href: '/account', key: 'header.account', roles: ['partner'] },
];

/** What the layout shows of the user; null on the login page. */
export interface PageUser {
  displayName: string;
  roleLabel: string;
  unit: string;
  cityName: string;
}

export interface PageContext {
  title: string;
  /** The page's own script under /ui/assets/, or null. */
  script: string | null;
  /** More stylesheets and scripts (full paths, in order, after the common ones): e.g. the modeler's bpmn-js. */
  styles: string[];
  scripts: string[];
  /** A class on <body> for a page that lays itself out differently (the modeler fills the window). */
  bodyClass: string;
  user: PageUser | null;
  nav: NavItem[];
  /** The navigation has the badge: load assets/live-counts.js. */
  live: boolean;
  csrfToken: string;
  i18n: string;
}

/** Renders pages/<name>.hbs inside the layout, for a logged-in user or (user null) anonymously. */
export function renderPage(
  name: string,
  opts: {
    title: string;
    user: User | null;
    cityName?: string;
    csrfToken?: string | null;
    current?: string;
    script?: string | null;
    styles?: string[];
    scripts?: string[];
    bodyClass?: string;
  },
  data: Record<string, unknown> = {},
): string {
  const { user } = opts;
  const nav = user
    ? NAV.filter((n) => n.roles.includes(user.role)).map((n) => ({ href: n.href, label: translate(n.key), current: n.href === opts.current, badge: n.href === BADGE_HREF }))
    : [];
  const context: PageContext = {
    title: opts.title,
    script: opts.script ?? null,
    styles: opts.styles ?? [],
    scripts: opts.scripts ?? [],
    bodyClass: opts.bodyClass ?? '',
    user: user
      ? { displayName: user.displayName, roleLabel: translate(`roles.${user.role}`), unit: user.unit, cityName: opts.cityName ?? user.city }
      : null,
    nav,
    live: nav.some((n) => n.badge),
    csrfToken: opts.csrfToken ?? '',
    i18n: JSON.stringify({
      ...zhCN.client,
      codes: { ...zhCN.client.codes, ...zhCN.attachments.codes },
      fieldErrors: { ...zhCN.client.fieldErrors, ...zhCN.attachments.fieldErrors },
      attachments: zhCN.attachments.client,
      fieldErrorPatterns: FIELD_ERROR_PATTERNS,
    }),
  };
  return page(name)({ ...data, page: context });
}
