import type { Request } from 'express';
import type { RequestAuth } from '../../api/middleware/authenticate';
import type { CityCatalog } from '../../engine/city/city-catalog';
import type { Policy } from '../../engine/policy/policy.schema';
import { UnauthenticatedError } from '../../shared/errors';
import { ownValue } from '../../shared/own-key';

/** The logged-in user of a page request (the authenticate middleware has run). */
export function pageAuth(req: Request): RequestAuth {
  const auth = (req as Request & { auth?: RequestAuth }).auth;
  if (!auth) throw new UnauthenticatedError('UNAUTHENTICATED', 'log in to see this page');
  return auth;
}

/** Names of a city's codes for display (category, channel), falling back to the code. */
export function names(policy: Policy): { category(code: string): string; channel(code: string): string } {
  return {
    category: (code) => ownValue(policy.categories, code)?.name ?? code,
    channel: (code) => ownValue(policy.channels, code)?.name ?? code,
  };
}

export function policyOf(catalog: CityCatalog, city: string): Policy {
  return catalog.policy(city).policy;
}
