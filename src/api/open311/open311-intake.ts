import { z } from 'zod';
import type { User } from '../../auth/auth.ports';
import type { Policy } from '../../engine/policy/policy.schema';
import { PARTNER_ROLE } from '../../engine/access/city-access';
import { FieldIssue, ForbiddenError, NotFoundError, ValidationError } from '../../shared/errors';
import type { CreateRequestBodyInput } from './open311.schema';
import { resolveServiceCode } from './service-codes';
import { hasOwnKey } from '../../shared/own-key';

/** The GeoReport field each intake field came from, to name it in errors. */
const FIELD_OF: Record<string, string> = {
  content: 'description',
  'requester.name': 'name',
  'requester.phone': 'phone',
  'location.address': 'address_string',
  'location.district': 'district',
  category: 'service_code',
  topic: 'service_code',
  channel: 'channel',
};

function text(required: string, max: number): z.ZodString;
function text(required: null, max: number): z.ZodOptional<z.ZodString>;
function text(required: string | null, max: number): z.ZodString | z.ZodOptional<z.ZodString> {
  const s = z
    .string({ error: `required: ${required ?? 'text'}` })
    .trim()
    .min(1, `required: ${required ?? 'text'}`)
    .max(max, `expected at most ${max} characters`);
  return required ? s : s.optional();
}

const coordinate = (min: number, max: number, what: string) =>
  z.coerce
    .number({ error: `expected a WGS84 ${what} between ${min} and ${max}` })
    .min(min, `expected a WGS84 ${what} between ${min} and ${max}`)
    .max(max, `expected a WGS84 ${what} between ${min} and ${max}`)
    .optional();

/** What a GeoReport POST must carry for a minhu order, checked once the api_key is accepted. */
const RequestFields = z.object({
  service_code: text('a service_code from GET services', 200),
  description: text('a full description of the request (1 to 4,000 characters)', 4000),
  phone: text("the requester's phone number, for the callback and return visit", 40),
  first_name: text(null, 40),
  last_name: text(null, 40),
  name: text(null, 100),
  address_string: text(null, 500),
  district: text(null, 100),
  channel: text(null, 100),
  lat: coordinate(-90, 90, 'latitude'),
  long: coordinate(-180, 180, 'longitude'),
});
type RequestFieldsOutput = z.infer<typeof RequestFields>;

/** Rules across fields, checked with the fields so that one answer names every problem. */
function crossFieldIssues(v: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!v.name && !v.first_name && !v.last_name)
    issues.push({
      path: 'first_name',
      message: "required: the requester's name, as first_name and last_name (or name)",
    });
  if ((v.lat === undefined) !== (v.long === undefined))
    issues.push({
      path: v.lat === undefined ? 'lat' : 'long',
      message: 'required with the other: lat and long are sent together',
    });
  return issues;
}

/** "Optional" in GeoReport: an empty or blank argument is the same as none. */
function withoutBlanks(body: CreateRequestBodyInput): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body).filter(([, v]) => v !== undefined && !(typeof v === 'string' && v.trim() === '')),
  );
}

/** 张 + 三 → 张三 (Chinese: family name first); John + Smith → John Smith. */
export function requesterName(v: Pick<RequestFieldsOutput, 'first_name' | 'last_name' | 'name'>): string {
  if (v.name) return v.name;
  const first = v.first_name ?? '';
  const last = v.last_name ?? '';
  return /[\u3400-\u9fff]/.test(first + last) ? `${last}${first}` : `${first} ${last}`.trim();
}

/** The channel of a partner's request: the one named, else wechat, else the city's first channel that is not the hotline. */
function channelOf(policy: Policy, named: string | undefined): string {
  if (named) return named;
  const codes = Object.keys(policy.channels);
  return codes.includes('wechat') ? 'wechat' : (codes.find((c) => c !== 'hotline') ?? codes[0] ?? 'hotline');
}

function invalid(issues: FieldIssue[]): ValidationError {
  return new ValidationError(
    'OPEN311_REQUEST_INVALID',
    `the request is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  );
}

/** The user of the api_key, or 403: GeoReport answers every api_key error with 403. */
export function requireKeyUser(apiKey: string | undefined, user: User | null): User {
  if (!apiKey)
    throw new ForbiddenError(
      'API_KEY_REQUIRED',
      'api_key is required: an API token of an integration account of the jurisdiction',
    );
  if (!user) throw new ForbiddenError('API_KEY_INVALID', 'api_key is unknown, revoked or malformed');
  return user;
}

/** The api_key's account must be a partner of this jurisdiction: a staff member's token is not an api_key. */
export function checkPartner(user: User, city: string): User {
  if (user.city !== city)
    throw new ForbiddenError('API_KEY_JURISDICTION_MISMATCH', `api_key does not belong to jurisdiction_id "${city}"`);
  if (user.role !== PARTNER_ROLE) {
    throw new ForbiddenError(
      'API_KEY_ROLE_NOT_ALLOWED',
      `api_key's account has the role ${user.role}: an api_key is an API token of an account with the role ${PARTNER_ROLE}`,
    );
  }
  return user;
}

/** What the gateway hands the engine: the intake payload and the keys of `data` only it sets. */
export interface GatewayIntake {
  payload: Record<string, unknown>;
  /**
   * RESERVED_DATA_KEYS set by the gateway alone: `source`, as only requests that came in through
   * Open311 are readable through it; `partner`, whose requests they are; `geo`.
   */
  gatewayData: Record<string, unknown>;
}

/** The engine's intake for a partner's GeoReport POST; 400 naming each invalid field, 404 for an unknown service_code. */
export function toIntakePayload(policy: Policy, body: CreateRequestBodyInput, partner: User): GatewayIntake {
  const given = withoutBlanks(body);
  const parsed = RequestFields.safeParse(given);
  const issues = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message }))),
    ...crossFieldIssues(given),
  ];
  if (!parsed.success || issues.length) throw invalid(issues);
  const v = parsed.data;
  const channel = channelOf(policy, v.channel);
  if (!hasOwnKey(policy.channels, channel))
    throw invalid([
      { path: 'channel', message: `expected one of ${Object.keys(policy.channels).join(', ')}, got "${channel}"` },
    ]);
  const service = resolveServiceCode(policy, v.service_code);
  if (!service)
    throw new NotFoundError(
      'SERVICE_CODE_NOT_FOUND',
      `service_code "${v.service_code}" was not found in jurisdiction "${policy.city}": see GET services`,
    );
  const location = v.address_string || v.district ? { address: v.address_string, district: v.district } : undefined;
  const payload = {
    city: policy.city,
    category: service.category,
    ...(service.topic !== null ? { topic: service.topic } : {}),
    channel,
    content: v.description,
    requester: { name: requesterName(v), phone: v.phone },
    ...(location ? { location } : {}),
    mode: 'dispatch',
  };
  const geo = v.lat !== undefined && v.long !== undefined ? { geo: { lat: v.lat, long: v.long } } : {};
  return { payload, gatewayData: { source: 'open311', partner: partner.id, ...geo } };
}


/** The engine's intake errors, with each field under its GeoReport name. */
export function renameIntakeIssues(err: unknown): unknown {
  if (!(err instanceof ValidationError)) return err;
  const issues = err.issues.map((i) => ({ ...i, path: FIELD_OF[i.path] ?? i.path }));
  return new ValidationError(
    err.code,
    `the request is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
    { cause: err },
  );
}
