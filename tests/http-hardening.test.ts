/**
 * The HTTP endpoint against what anyone on the internet can send it, signed or not: bodies that
 * trickle in, methods other than POST, malformed signature headers, and deeply nested JSON.
 */
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { InteractionResponseType, InteractionType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../src/http/app.js';
import { createDiscordRest } from '../src/http/discord-rest.js';
import { createInteractionServer } from '../src/http/server.js';
import { publicKeyFromHex } from '../src/http/verify.js';
import { createLogger } from '../src/ops/log.js';
import { TOKEN } from './support/bot.js';
import { newSigner, postSigned } from './support/http-signing.js';
import { engine } from './support/summit.js';

const signer = newSigner();
const REQUEST_TIMEOUT_MS = 300;
let app: HttpApp;
let port: number;
let url: string;

beforeAll(async () => {
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  app = createInteractionServer({
    deps: { engine: engine(), log: createLogger({ level: 'silent', secrets: [TOKEN], destination: quiet }) },
    rest: createDiscordRest({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'http://127.0.0.1:9/api' }),
    publicKey: publicKeyFromHex(signer.publicKeyHex),
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  });
  port = await app.listen(0, '127.0.0.1');
  url = `http://127.0.0.1:${port}/interactions`;
});

afterAll(async () => {
  await app?.close();
});

let ids = 0;
const interaction = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: String(10n ** 17n + BigInt(ids++)),
    application_id: '2',
    type: 1,
    token: 'tok',
    version: 1,
    ...extra,
  });

/** Sends raw bytes and resolves with everything the server wrote before it closed the connection. */
function raw(bytes: string, waitMs: number): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let text = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    socket.on('data', (chunk) => {
      text += String(chunk);
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ text, closedAfterMs: Date.now() - started }));
    setTimeout(() => socket.destroy(), waitMs).unref();
  });
}

describe('the HTTP endpoint under hostile requests', () => {
  it('drops a body that trickles in past the request timeout with 408, closing the connection', async () => {
    const head = `POST /interactions HTTP/1.1\r\nHost: summit\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{`;
    const { text, closedAfterMs } = await raw(head, 5_000);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(2_000);
  });

  it('drops headers that never finish the same way', async () => {
    const { text, closedAfterMs } = await raw('POST /interactions HTTP/1.1\r\nHost: summit\r\n', 5_000);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(2_000);
  });

  it('answers GET, HEAD and OPTIONS with 405 and Allow: POST, running nothing', async () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      const answer = await fetch(url, { method });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.get('allow'), method).toBe('POST');
    }
  });

  it('refuses malformed signatures and timestamps with 401 before verifying anything', async () => {
    const body = interaction();
    const good = signer.headers(body);
    const cases: Record<string, string>[] = [
      { 'x-signature-timestamp': '' },
      { 'x-signature-timestamp': 'yesterday' },
      { 'x-signature-timestamp': '1e9' },
      { 'x-signature-timestamp': '-60' },
      { 'x-signature-timestamp': '9'.repeat(13) },
      { 'x-signature-ed25519': good['x-signature-ed25519']?.slice(0, 64) ?? '' },
      { 'x-signature-ed25519': `${good['x-signature-ed25519']}00` },
      { 'x-signature-ed25519': 'g'.repeat(128) },
    ];
    for (const change of cases) {
      const answer = await postSigned(url, signer, body, { ...good, ...change });
      expect(answer.status, JSON.stringify(change)).toBe(401);
    }
    expect((await postSigned(url, signer, body, good)).status).toBe(200);
  });

  it('answers a signed interaction whatever JSON nesting it carries, within the body limit', async () => {
    // Built as text: nesting this deep is beyond what JSON.stringify itself can write.
    const deep = `${'['.repeat(40_000)}${']'.repeat(40_000)}`;
    const nested = (body: string, at: string) => body.replace(`"${at}"`, deep);
    const ping = await postSigned(url, signer, nested(interaction({ padding: 'DEEP' }), 'DEEP'));
    expect(ping).toMatchObject({ status: 200, body: { type: InteractionResponseType.Pong } });

    const command = nested(
      interaction({
        type: InteractionType.ApplicationCommand,
        channel: { id: '3', type: 0 },
        data: { id: '4', name: 'when', type: 1, options: [{ name: 'query', type: 3, value: 'DEEP' }] },
      }),
      'DEEP',
    );
    const answered = await postSigned(url, signer, command);
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource });
  });
});
