import { createHmac } from 'node:crypto';

/**
 * A keyed hash (HMAC-SHA-256) of what names a member: the same parts always give the same hash,
 * which nobody without the key can match to the member, even holding the database. Different
 * uses hash different parts, so that one use's hashes cannot be joined with another's.
 */
export function keyedHash(key: string, ...parts: string[]): string {
  return createHmac('sha256', key).update(parts.join('\n')).digest('base64url');
}
