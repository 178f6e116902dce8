import type { AuthService } from '../../auth/auth.service';
import { toActor } from '../../auth/auth.service';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { Open311Queries, OrderKind, PublicOrder } from '../../engine/open311/open311-queries';
import type { Policy } from '../../engine/policy/policy.schema';
import type { WorkOrderService } from '../../engine/work-order/work-order.service';
import type { Clock } from '../../shared/clock';
import { NotFoundError, ValidationError } from '../../shared/errors';
import type { User } from '../../auth/auth.ports';
import type { CreateRequestBodyInput, RequestQueryInput, RequestsQueryInput } from './open311.schema';
import { checkPartner, renameIntakeIssues, requireKeyUser, toIntakePayload } from './open311-intake';
import { Open311Request, serviceNotice, statusesOf, toOpen311Request } from './request-view';
import { Open311Service, resolveServiceCode, serviceKinds, toOpen311Service, topicsByCategory } from './service-codes';

/** GeoReport's default and largest range of GET requests, and its largest answer. */
const RANGE_DAYS = 90;
const DAY_MS = 86_400_000;
export const MAX_REQUESTS = 1000;

export interface Open311Deps {
  catalog: CityCatalog;
  workOrders: WorkOrderService;
  auth: AuthService;
  open311: Open311Queries;
  clock: Clock;
}

export interface CreatedRequest {
  service_request_id: string;
  service_notice: string;
  account_id: null;
}

/**
 * Open311 GeoReport v2 for partner channels (WeChat, web forms): jurisdiction_id is the city,
 * services are its categories and routing topics, a POST records an order through the same
 * intake as the hotline's operators (filed by a partner account: role partner), and the GETs show
 * an order's progress without its requester, citizens' numbers masked in its text.
 */
export class Open311Gateway {
  constructor(private readonly deps: Open311Deps) {}

  services(jurisdictionId: string): Open311Service[] {
    const policy = this.policy(jurisdictionId);
    return serviceKinds(policy).map((kind) => toOpen311Service(policy, kind));
  }

  async createRequest(body: CreateRequestBodyInput): Promise<CreatedRequest[]> {
    const user = requireKeyUser(body.api_key, body.api_key ? await this.deps.auth.tokenUser(body.api_key) : null);
    const policy = this.policy(body.jurisdiction_id);
    const partner = checkPartner(user, policy.city);
    const { payload, gatewayData } = toIntakePayload(policy, body, partner);
    const order = await this.deps.workOrders.intake(toActor(partner), payload, undefined, gatewayData).catch((err: unknown) => {
      throw renameIntakeIssues(err);
    });
    const notice = serviceNotice(policy, order);
    return [
      {
        service_request_id: order.number,
        service_notice: `已受理，工单号 ${order.number}${notice ? `。${notice}` : ''}`,
        account_id: null,
      },
    ];
  }

  async request(query: RequestQueryInput, number: string): Promise<Open311Request[]> {
    const policy = this.policy(query.jurisdiction_id);
    const partner = await this.readingPartner(query.api_key, policy.city);
    const [order] = await this.deps.open311.findByNumbers(policy.city, [number], partner?.id);
    if (!order)
      throw new NotFoundError(
        'SERVICE_REQUEST_NOT_FOUND',
        `service_request_id "${number}" was not found in jurisdiction "${policy.city}"`,
      );
    return [toOpen311Request(policy, order)];
  }

  async requests(query: RequestsQueryInput): Promise<Open311Request[]> {
    const policy = this.policy(query.jurisdiction_id);
    const partner = await this.readingPartner(query.api_key, policy.city);
    const orders = query.service_request_id
      ? await this.deps.open311.findByNumbers(policy.city, query.service_request_id, partner?.id)
      : await this.search(policy, query, partner?.id);
    return orders.slice(0, MAX_REQUESTS).map((order) => toOpen311Request(policy, order));
  }

  /** A GET with an api_key reads as that partner (its own requests); without one, as the public. */
  private async readingPartner(apiKey: string | undefined, city: string): Promise<User | null> {
    if (apiKey === undefined) return null;
    return checkPartner(requireKeyUser(apiKey, await this.deps.auth.tokenUser(apiKey)), city);
  }

  private async search(policy: Policy, query: RequestsQueryInput, partner: string | undefined): Promise<PublicOrder[]> {
    const { from, to } = this.range(query.start_date, query.end_date);
    const kinds = query.service_code?.map((code) => this.kind(policy, code));
    const statuses = query.status ? [...new Set(query.status)].flatMap(statusesOf) : undefined;
    return this.deps.open311.findCreated({ city: policy.city, from, to, statuses, kinds, partner, limit: MAX_REQUESTS });
  }

  /** start_date..end_date: 90 days at most; by default the 90 days up to end_date (or now). */
  private range(start: Date | undefined, end: Date | undefined): { from: Date; to: Date } {
    const to = end ?? (start ? new Date(start.getTime() + RANGE_DAYS * DAY_MS) : this.deps.clock.now());
    const from = start ?? new Date(to.getTime() - RANGE_DAYS * DAY_MS);
    if (to < from)
      throw new ValidationError('OPEN311_RANGE_INVALID', 'end_date is before start_date', [
        { path: 'end_date', message: 'expected a date-time after start_date' },
      ]);
    if (to.getTime() - from.getTime() > RANGE_DAYS * DAY_MS) {
      throw new ValidationError('OPEN311_RANGE_TOO_LONG', `start_date to end_date spans more than ${RANGE_DAYS} days`, [
        { path: 'end_date', message: `expected at most ${RANGE_DAYS} days after start_date` },
      ]);
    }
    return { from, to };
  }

  private kind(policy: Policy, code: string): OrderKind {
    const kind = resolveServiceCode(policy, code);
    if (!kind)
      throw new ValidationError('SERVICE_CODE_UNKNOWN', `unknown service_code "${code}"`, [
        { path: 'service_code', message: `expected a service_code of GET services, got "${code}"` },
      ]);
    return kind.topic !== null
      ? { category: kind.category, topic: kind.topic }
      : { category: kind.category, topicNotIn: topicsByCategory(policy).get(kind.category) ?? [] };
  }

  /** The jurisdiction's current policy: 400 when jurisdiction_id is missing, 404 when no such city. */
  private policy(jurisdictionId: string | undefined): Policy {
    if (!jurisdictionId)
      throw new ValidationError('JURISDICTION_REQUIRED', 'jurisdiction_id is required', [
        { path: 'jurisdiction_id', message: 'required: the city, e.g. sample' },
      ]);
    if (!this.deps.catalog.hasCity(jurisdictionId)) {
      throw new NotFoundError(
        'JURISDICTION_NOT_FOUND',
        `jurisdiction_id "${jurisdictionId}" was not found: expected one of ${this.deps.catalog.cities().join(', ')}`,
      );
    }
    return this.deps.catalog.policy(jurisdictionId).policy;
  }
}
