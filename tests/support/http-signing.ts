import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/**
 * Plays Discord's signing of requests to an Interactions Endpoint URL, with a key pair made for
 * the test: `X-Signature-Ed25519` over the timestamp followed by the body.
 */
export interface Signer {
  /** The public key as the Developer Portal shows it: 64 hex digits. */
  publicKeyHex: string;
  /** Headers for `body` sent at `timestamp` (seconds; now by default). */
  headers(body: string | Buffer, timestamp?: number): Record<string, string>;
}

export function newSigner(): Signer {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyHex: rawPublicKey(publicKey).toString('hex'),
    headers(body, timestamp = Math.floor(Date.now() / 1000)) {
      const stamp = String(timestamp);
      const signature = sign(null, Buffer.concat([Buffer.from(stamp), Buffer.from(body)]), privateKey);
      return {
        'content-type': 'application/json',
        'x-signature-ed25519': signature.toString('hex'),
        'x-signature-timestamp': stamp,
      };
    },
  };
}

function rawPublicKey(key: KeyObject): Buffer {
  const { x } = key.export({ format: 'jwk' });
  if (!x) throw new Error('not an Ed25519 public key');
  return Buffer.from(x, 'base64url');
}

/** POSTs a body signed by `signer` (or with the headers given) and reads the answer. */
export async function postSigned(
  url: string,
  signer: Signer,
  body: string | Buffer,
  headers: Record<string, string> = signer.headers(body),
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}
