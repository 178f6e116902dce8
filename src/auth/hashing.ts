import { createHash } from 'node:crypto';

/** How session ids and API tokens are stored: only their SHA-256, never the secret. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
