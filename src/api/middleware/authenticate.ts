import type { RequestHandler } from 'express';
import type { AuthService } from '../../auth/auth.service';
import { toActor } from '../../auth/auth.service';
import type { User } from '../../auth/auth.ports';
import type { Actor } from '../../engine/work-order/actor';
import { ForbiddenError, UnauthenticatedError } from '../../shared/errors';

export const SESSION_COOKIE = 'minhu_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface RequestAuth {
  user: User;
  actor: Actor;
  /** A browser session (cookie, CSRF-protected) or an API token (Authorization: Bearer). */
  via: 'session' | 'token';
  csrfToken: string | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is asking: an API token (`Authorization: Bearer mh_…`) or a session cookie. Writes made
 * with a session cookie must carry its CSRF token in `X-CSRF-Token`; tokens need none (a page
 * of another site cannot send them).
 */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (header) {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      const user = token ? await auth.tokenUser(token) : null;
      if (!user) throw new UnauthenticatedError('TOKEN_INVALID', 'the API token is unknown, expired, revoked or malformed, or its user is disabled');
      Object.assign(req, { auth: { user, actor: toActor(user), via: 'token', csrfToken: null } satisfies RequestAuth });
      return next();
    }
    const sessionId = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const session = sessionId ? await auth.session(sessionId) : null;
    if (session) {
      if (!SAFE_METHODS.has(req.method) && req.get(CSRF_HEADER) !== session.csrfToken) {
        throw new ForbiddenError('CSRF_TOKEN_INVALID', `a write with a session cookie needs the session's CSRF token in the ${CSRF_HEADER} header`);
      }
      Object.assign(req, { auth: { user: session.user, actor: toActor(session.user), via: 'session', csrfToken: session.csrfToken } satisfies RequestAuth });
    }
    next();
  };
}
