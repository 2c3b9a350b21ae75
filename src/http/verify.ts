import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/**
 * Discord signs every request it sends to the Interactions Endpoint URL with the application's
 * Ed25519 key: `X-Signature-Ed25519` is the hex signature of `X-Signature-Timestamp` followed by
 * the raw body. Anything that fails here never reaches a handler.
 */

/** The DER header of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_HEADER = Buffer.from('302a300506032b6570032100', 'hex');

/** How far a request's timestamp may be from our clock, either way, before it counts as a replay. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** The key from the Developer Portal (General Information → Public Key): 64 hex digits. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('an Ed25519 public key is 64 hex digits');
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_HEADER, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

export interface SignedRequest {
  signature: string | undefined;
  timestamp: string | undefined;
  body: Buffer;
}

/** Why a request was refused; undefined when Discord sent it. */
export type SignatureProblem =
  | 'missing signature'
  | 'malformed signature'
  | 'stale timestamp'
  | 'bad signature';

export function signatureProblem(
  key: KeyObject,
  { signature, timestamp, body }: SignedRequest,
  nowMs: number = Date.now(),
): SignatureProblem | undefined {
  if (!signature || !timestamp) return 'missing signature';
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'malformed signature';
  // Checked before the signature: a replayed request is refused without the cost of verifying it.
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return 'stale timestamp';
  const signed = Buffer.concat([Buffer.from(timestamp), body]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? undefined : 'bad signature';
}
