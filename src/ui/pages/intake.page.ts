import type { RequestAuth } from '../../api/middleware/authenticate';
import type { CityCatalog } from '../../engine/city/city-catalog';
import { ForbiddenError } from '../../shared/errors';
import type { Policy } from '../../engine/policy/policy.schema';
import { pageField, type FieldModel } from '../format';
import { renderPage, translate } from '../render';
import { unitTreeOptions } from '../unit-options';
import { policyOf } from './page-deps';

const INTAKE_ROLES = new Set(['operator', 'dispatcher', 'admin']);

function field(name: string, path: string, type: string, opts: Partial<FieldModel> = {}): FieldModel {
  return pageField(`in-${name}`, name, translate(`intake.${name}`), { path, type, required: false, inputType: type === 'tel' ? 'tel' : 'text', ...opts });
}

/** 所属区域 choices: the city's top-level units, then the districts its routing table names (streets, townships below a county). */
function districtOptions(policy: Policy): Array<{ value: string; label: string }> {
  const named = policy.routing.flatMap((r) => (r.when?.district as string[] | undefined) ?? []);
  return [...new Set([...policy.units.map((u) => u.name), ...named])].map((d) => ({ value: d, label: d }));
}

/** The words intake.js shows in 来电记录与并单: an order's status, the list line, the merge button, the refusals. */
function relatedStrings(): Record<string, unknown> {
  const statuses = ['received', 'answered', 'not-accepted', 'transferred', 'dispatched', 'in-progress', 'review', 'visit', 'closed', 'cancelled'];
  return {
    status: Object.fromEntries(statuses.map((s) => [s, translate(`status.${s}`)])),
    none: translate('intake.relatedNone'),
    item: translate('merge.listItem'),
    noUnit: translate('merge.noUnit'),
    mergeCall: translate('intake.mergeCall'),
    mergeCallHelp: translate('intake.mergeCallHelp'),
    codes: Object.fromEntries(['MERGE_TARGET_CLOSED', 'MERGE_TARGET_MERGED', 'ROLE_NOT_ALLOWED', 'ORDER_NOT_FOUND'].map((c) => [c, translate(`merge.codes.${c}`)])),
  };
}

/** The operator's console: the intake form of the city's codes, and the knowledge base beside it. */
export function intakePage(catalog: CityCatalog, auth: RequestAuth): string {
  if (!INTAKE_ROLES.has(auth.user.role)) throw new ForbiddenError('ROLE_NOT_ALLOWED', `role ${auth.user.role} does not record orders`);
  const policy = policyOf(catalog, auth.user.city);
  const choice = (codes: Record<string, { name: string }>) => Object.entries(codes).map(([code, c]) => ({ value: code, label: c.name }));
  const fields = [
    field('category', 'category', 'choice', { required: true, isChoice: true, options: choice(policy.categories) }),
    field('channel', 'channel', 'choice', { required: true, isChoice: true, options: choice(policy.channels) }),
    field('requesterName', 'requester.name', 'text', { required: true }),
    field('requesterPhone', 'requester.phone', 'tel', { required: true, help: translate('intake.phoneHelp') }),
    field('content', 'content', 'text', { required: true, isLongText: true, maxLength: 10_000 }),
    field('district', 'location.district', 'choice', { isChoice: true, options: districtOptions(policy) }),
    field('topic', 'topic', 'text', { help: translate('intake.topicHelp') }),
    field('address', 'location.address', 'text', { maxLength: 500 }),
  ];
  const labelled = (codes: Record<string, string>) => Object.entries(codes).map(([code, label]) => ({ value: code, label }));
  const transferTargets = labelled(policy.transferTargets);
  const modes = ['dispatch', 'answer', 'not-accepted', ...(transferTargets.length ? ['transfer'] : [])].map((mode) => ({
    value: mode,
    id: `in-mode-${mode}`,
    label: translate(`intake.modes.${mode}`),
    checked: mode === 'dispatch',
  }));
  return renderPage(
    'intake',
    { title: translate('intake.title'), user: auth.user, cityName: policy.name, csrfToken: auth.csrfToken, current: '/intake', script: 'intake.js', scripts: ['/ui/assets/attachments.js'] },
    {
      city: policy.city,
      // Who is recording: a task of the new order for this unit and role is offered at once (emergency path).
      actor: { unit: auth.actor.unit, role: auth.actor.role },
      fields,
      units: unitTreeOptions(policy),
      modes,
      reasons: labelled(policy.notAcceptedReasons),
      transferTargets,
      hasTransfer: transferTargets.length > 0,
      strings: {
        routeSuggested: translate('intake.routeSuggested'),
        routePrecedent: translate('intake.routePrecedent'),
        routeNone: translate('intake.routeNone'),
        callerBlocked: translate('intake.callerBlocked'),
      },
      related: JSON.stringify(relatedStrings()),
    },
  );
}
