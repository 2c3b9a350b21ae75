/**
 * `npm run serve` as an operator runs it: the built program, settings from the environment, JSON
 * logs on stdout, and a clean stop on SIGTERM.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN } from './support/bot.js';
import { newSigner, postSigned } from './support/http-signing.js';
import { freePort, runProgram, stopPrograms } from './support/process.js';

afterEach(stopPrograms);

/** The endpoint, with the file watch off: these tests never edit the fact base. */
const serve = (env: Record<string, string>) => runProgram('serve', { KNOWLEDGE_WATCH: 'off', ...env });

describe('npm run serve', () => {
  it('stops at once with one line naming the missing public key', async () => {
    const server = serve({ DISCORD_TOKEN: TOKEN });
    expect(await server.exited).toBe(1);
    const { stderr, stdout } = server.output();
    expect(stderr.trim().split('\n')).toEqual([
      "summit: DISCORD_PUBLIC_KEY is not set: put your application's public key in .env (see .env.example); it is under General Information in the Developer Portal.",
    ]);
    expect(stdout).toBe('');
  });

  it('listens, answers a signed PING, and on SIGTERM stops and exits 0', async () => {
    const signer = newSigner();
    const metricsPort = await freePort();
    const server = serve({
      DISCORD_TOKEN: TOKEN,
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      PORT: '0',
      METRICS_PORT: String(metricsPort),
    });
    const { port } = await server.until('listening');
    // /healthz and /metrics are for operators: on loopback unless METRICS_HOST says otherwise.
    const ops = await server.until('serving /healthz and /metrics');
    expect(ops.address).toMatchObject({ address: '127.0.0.1', port: metricsPort });
    const body = JSON.stringify({ id: '1', application_id: '2', type: 1, token: 'ping', version: 1 });
    const pong = await postSigned(`http://127.0.0.1:${port}/interactions`, signer, body);
    expect(pong).toMatchObject({ status: 200, body: { type: 1 } });
    await server.until('interaction');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.lines().map((e) => e.msg)).toEqual(
      expect.arrayContaining(['fact base loaded', 'listening', 'interaction', 'shutting down', 'stopped']),
    );
    expect(server.output().stdout).not.toContain(TOKEN);
    expect(server.output().stdout.toLowerCase()).not.toContain(signer.publicKeyHex.toLowerCase());
  });
});
