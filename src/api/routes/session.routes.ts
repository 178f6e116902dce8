import { z } from 'zod';
import type { AuthService } from '../../auth/auth.service';
import { ApiRouter } from '../openapi/api-router';
import { SESSION_COOKIE } from '../middleware/authenticate';
import { problems, UserSchema } from '../schemas/common.schema';
import { MIN_PASSWORD_LENGTH, PasswordSchema } from '../../auth/passwords';
import { tokenRoutes } from './tokens.routes';

const LoginBody = z.strictObject({
  username: z.string().min(1, 'expected a username').max(100),
  password: z.string().min(1, 'expected a password').max(200),
});

const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, 'expected your current password').max(200),
  newPassword: PasswordSchema,
});

const SessionSchema = z.object({ user: UserSchema, csrfToken: z.string(), expiresAt: z.string() });

function publicUser(u: { username: string; city: string; displayName: string; role: string; unit: string }) {
  return { username: u.username, city: u.city, displayName: u.displayName, role: u.role, unit: u.unit };
}

/** Log in (a session cookie and its CSRF token), who am I, log out, change one's password; API tokens. */
export function sessionRoutes(api: ApiRouter, auth: AuthService, opts: { secureCookies: boolean }): void {
  api.add({
    method: 'post',
    path: '/api/session',
    tag: 'session',
    summary: 'Log in: sets an httpOnly session cookie and returns the CSRF token to send with writes',
    auth: false,
    body: LoginBody,
    responses: { 200: { description: 'logged in', schema: SessionSchema }, ...problems(400, 401, 429) },
    handler: async ({ body, req, res }) => {
      const session = await auth.login(body.username, body.password, req.ip ?? 'unknown');
      res.cookie(SESSION_COOKIE, session.sessionId, {
        httpOnly: true,
        secure: opts.secureCookies,
        sameSite: 'strict',
        path: '/',
        // a lifetime, not an instant: the browser counts it on its own clock (Max-Age wins over Expires)
        maxAge: session.lifetimeMs,
      });
      return { user: publicUser(session.user), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    },
  });

  api.add({
    method: 'get',
    path: '/api/session',
    tag: 'session',
    summary: 'Who is logged in (and the CSRF token of this session)',
    query: z.strictObject({}),
    responses: { 200: { description: 'the user', schema: z.object({ user: UserSchema, csrfToken: z.string().nullable() }) }, ...problems(401) },
    handler: ({ auth: a }) => ({ user: publicUser(a!.user), csrfToken: a!.csrfToken }),
  });

  api.add({
    method: 'delete',
    path: '/api/session',
    tag: 'session',
    summary: 'Log out',
    responses: { 204: { description: 'logged out' }, ...problems(401, 403) },
    handler: async ({ req, res }) => {
      const id = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
      if (id) await auth.logout(id);
      res.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).end();
      return undefined;
    },
  });

  api.add({
    method: 'put',
    path: '/api/session/password',
    tag: 'session',
    summary: `Change your own password with the current one (PASSWORD_WRONG otherwise); the new one has at least ${MIN_PASSWORD_LENGTH} characters. Your other sessions end; this one stays`,
    body: ChangePasswordBody,
    responses: { 204: { description: 'changed' }, ...problems(400, 401, 403) },
    handler: async ({ auth: a, body, req, res }) => {
      const keep = a!.via === 'session' ? (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE] : undefined;
      await auth.changePassword(a!.user, body.currentPassword, body.newPassword, keep);
      res.status(204).end();
      return undefined;
    },
  });

  tokenRoutes(api, auth);
}
