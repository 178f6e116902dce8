import { z } from 'zod';
import type { TokenInfo } from '../../auth/auth.ports';
import type { AuthService } from '../../auth/auth.service';
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from '../../auth/token.service';
import type { ApiRouter } from '../openapi/api-router';
import { IdParams, problems } from '../schemas/common.schema';

const IssueTokenBody = z.strictObject({
  name: z.string().trim().min(1, 'expected a name saying what the token is for').max(100),
  username: z.string().min(1).optional().describe('only your own username: a token for anyone else is refused with TOKEN_FOR_OTHER_USER'),
  expiresInDays: z
    .number()
    .int('expected a whole number of days')
    .min(1, 'expected at least 1 day')
    .max(TOKEN_MAX_DAYS, `expected at most ${TOKEN_MAX_DAYS} days`)
    .optional()
    .describe(`days until the token expires (default ${TOKEN_DEFAULT_DAYS}, at most ${TOKEN_MAX_DAYS}); not with expiresAt`),
  expiresAt: z.iso.datetime({ offset: true, error: 'expected an ISO date-time with its offset' }).optional().describe(`when the token expires, at most ${TOKEN_MAX_DAYS} days ahead; not with expiresInDays`),
});

const IssuedTokenSchema = z.object({
  id: z.uuid(),
  token: z.string().describe('the secret: shown this once, stored only as a hash'),
  username: z.string(),
  expiresAt: z.iso.datetime(),
});

const TokenInfoSchema = z
  .object({
    id: z.uuid(),
    username: z.string().describe('the owner'),
    name: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    revokedBy: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

function tokenInfo(t: TokenInfo): z.infer<typeof TokenInfoSchema> {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return { id: t.id, username: t.username, name: t.name, createdAt: t.createdAt.toISOString(), lastUsedAt: iso(t.lastUsedAt), expiresAt: t.expiresAt.toISOString(), revokedAt: iso(t.revokedAt), revokedBy: t.revokedBy };
}

/** API tokens: issue one for oneself (with an expiry), list them (never their secret), revoke one. */
export function tokenRoutes(api: ApiRouter, auth: AuthService): void {
  api.add({
    method: 'post',
    path: '/api/tokens',
    tag: 'session',
    summary: `Issue an API token of your own for an integration (shown once); it expires after expiresInDays (default ${TOKEN_DEFAULT_DAYS}) or at expiresAt, at most ${TOKEN_MAX_DAYS} days ahead. A token for another user is refused (403 TOKEN_FOR_OTHER_USER): an integration gets its own user`,
    body: IssueTokenBody,
    responses: { 201: { description: 'the token', schema: IssuedTokenSchema }, ...problems(400, 401, 403) },
    status: 201,
    handler: async ({ auth: a, body }) => {
      const expiry = { ...(body.expiresInDays !== undefined && { expiresInDays: body.expiresInDays }), ...(body.expiresAt !== undefined && { expiresAt: new Date(body.expiresAt) }) };
      const issued = await auth.createToken(a!.user, body.username ?? a!.user.username, body.name, expiry);
      return { ...issued, expiresAt: issued.expiresAt.toISOString() };
    },
  });

  api.add({
    method: 'get',
    path: '/api/tokens',
    tag: 'session',
    summary: "Your API tokens; a city administrator sees every token of the city (owner, name, created, last used, expiry, revocation), never a token's secret",
    query: z.strictObject({}),
    responses: { 200: { description: 'the tokens, newest first', schema: z.array(TokenInfoSchema) }, ...problems(400, 401) },
    handler: async ({ auth: a }) => (await auth.tokens.list(a!.user)).map(tokenInfo),
  });

  api.add({
    method: 'delete',
    path: '/api/tokens/:id',
    tag: 'session',
    summary: 'Revoke an API token (its owner, or an administrator of its city): it answers 401 from then on. Revoking a revoked token changes nothing',
    params: IdParams,
    responses: { 200: { description: 'the revoked token', schema: TokenInfoSchema }, ...problems(400, 401, 403, 404) },
    handler: async ({ auth: a, params }) => tokenInfo(await auth.tokens.revoke(a!.user, params.id)),
  });
}
