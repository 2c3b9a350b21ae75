/** Reading JSON from the wire: HTTP request bodies, gateway frames, and numbers in untrusted payloads. */
import type { IncomingMessage } from 'node:http';

export function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** The body as bytes: a multipart body holds files that decoding as text would spoil. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON bodies are parsed; a multipart body is kept as a marker string so the route can refuse it. */
export function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return undefined;
  if (contentType?.startsWith('multipart/')) return `multipart: ${contentType}`;
  return parseJson(raw) ?? raw;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
