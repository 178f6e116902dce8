import { z } from 'zod';

/**
 * Request and response shapes of Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2),
 * with the spec's field names. Unknown arguments are ignored, as GeoReport clients send
 * fields a server may not support (email, device_id, attribute[…]).
 */

/** "Optional" in GeoReport: an empty argument is the same as none. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** A repeated argument (`a=1&a=2`) or a comma list (`a=1,2`), as a list without blanks. */
const commaList = <T extends z.ZodType>(item: T, description: string) =>
  z
    .preprocess((v) => {
      const text = Array.isArray(v) ? v.join(',') : v;
      if (typeof text !== 'string') return text;
      const items = text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return items.length ? items : undefined;
    }, z.array(item).max(100, 'expected at most 100 values').optional())
    .meta({ description });

const W3_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const w3DateTime = (description: string) =>
  optional(
    z
      .string()
      .regex(W3_DATETIME, 'expected a W3C date-time with its time zone, e.g. 2026-03-01T00:00:00+08:00')
      .refine((v) => !Number.isNaN(new Date(v).getTime()), 'expected a real date and time')
      .transform((v) => new Date(v)),
  ).meta({ description });

export const JurisdictionQuery = z.object({
  jurisdiction_id: z
    .string({ error: 'required: the city, e.g. sample (GET services lists what each city offers)' })
    .min(1, 'required: the city, e.g. sample')
    .max(100, 'expected at most 100 characters')
    .meta({ description: 'The city (minhu city key, e.g. sample); required: this endpoint serves several cities.' }),
});

/** GET requests with an api_key: a partner's own requests only. */
const readKey = z
  .string()
  .max(200, 'expected at most 200 characters')
  .optional()
  .meta({ description: "Optional: a partner's API token; the answer then holds only the requests that partner filed." });

export const RequestQuery = JurisdictionQuery.extend({ api_key: readKey });
export type RequestQueryInput = z.infer<typeof RequestQuery>;

export const RequestIdParams = z.object({
  id: z
    .string()
    .min(1, 'expected an order number')
    .max(100, 'expected at most 100 characters')
    .meta({ description: 'service_request_id: the order number, e.g. SMP-20260302-000001' }),
});

export const RequestsQuery = RequestQuery.extend({
  service_request_id: commaList(
    z.string().max(100, 'expected at most 100 characters'),
    'Order numbers, comma separated; overrides every other argument.',
  ),
  service_code: commaList(
    z.string().max(200, 'expected at most 200 characters'),
    'Service codes (see GET services), comma separated.',
  ),
  status: commaList(
    z.enum(['open', 'closed'], { error: 'expected open or closed' }),
    'open, closed, or both comma separated.',
  ),
  start_date: w3DateTime(
    'Earliest requested_datetime; the range is at most 90 days (default: the 90 days before end_date).',
  ),
  end_date: w3DateTime('Latest requested_datetime (default: start_date + 90 days, or now).'),
});
export type RequestsQueryInput = z.infer<typeof RequestsQuery>;

/** Text of a form field; its limits are checked after the api_key (the form body itself is at most 64 kB). */
const field = (description: string) => z.string({ error: 'expected text' }).optional().meta({ description });
const coordinate = (description: string) =>
  z.union([z.string(), z.number()], { error: 'expected a number' }).optional().meta({ description });

/**
 * POST requests: `application/x-www-form-urlencoded` as the spec says, or the same fields as
 * JSON. Only the types are checked here; what is required is checked after the api_key, so a
 * caller without a valid key learns nothing but 403.
 */
export const CreateRequestBody = z.object({
  api_key: field(
    'Required: an API token (POST /api/tokens) of an integration account of the city with role operator, dispatcher or admin.',
  ),
  jurisdiction_id: field('Required: the city, e.g. sample.'),
  service_code: field('Required: a service_code from GET services.'),
  description: field('Required: the request itself, at most 4,000 characters (becomes the order content).'),
  first_name: field('Given name of the requester (with last_name; or send name).'),
  last_name: field('Family name of the requester.'),
  name: field("minhu extension: the requester's full name, instead of first_name/last_name."),
  phone: field("Required by minhu: the requester's phone (mobile or landline), for the callback and return visit."),
  address_string: field('Where, from most specific to most general (at most 500 characters).'),
  lat: coordinate('WGS84 latitude (with long).'),
  long: coordinate('WGS84 longitude (with lat).'),
  district: field('minhu extension: the district (a unit of the city), which routing may use.'),
  channel: field(
    'minhu extension: the channel code of the city (default wechat where the city has it, else its first channel other than hotline).',
  ),
  address_id: field('Accepted and ignored.'),
  email: field('Accepted and ignored (not stored).'),
  device_id: field('Accepted and ignored (not stored).'),
  account_id: field('Accepted and ignored (not stored).'),
  media_url: field('Accepted and ignored.'),
});
export type CreateRequestBodyInput = z.infer<typeof CreateRequestBody>;

export const ServiceSchema = z.object({
  service_code: z.string().meta({
    description:
      'A category code (e.g. complaint), or <category>.<topic as base64url of its UTF-8> for a topic (e.g. complaint.5Zmq6Z-z5omw5rCR for 投诉 · 噪音扰民). Stable while the policy keeps the names; POST also accepts <category>:<topic> (e.g. complaint:噪音扰民).',
  }),
  service_name: z.string(),
  description: z.string(),
  metadata: z.literal(false),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});

export const CreatedRequestSchema = z.object({
  service_request_id: z.string(),
  service_notice: z.string(),
  account_id: z.null(),
});

export const RequestSchema = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
});

/** GeoReport errors: a list of {code, description}; code is the HTTP status. */
export const ErrorsSchema = z.array(z.object({ code: z.number().int(), description: z.string() }));
