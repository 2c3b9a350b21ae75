/**
 * `npm run serve` as an operator runs it: the built program, settings from the environment, JSON
 * logs on stdout, and a clean stop on SIGTERM.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, TOKEN } from './support/bot.js';
import { newSigner, postSigned } from './support/http-signing.js';

const running: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function serve(env: Record<string, string>) {
  // Run from an empty folder so that a developer's own .env cannot leak into the test.
  const child = spawn(process.execPath, [join(ROOT, 'dist/src/cli/serve.js')], {
    cwd: mkdtempSync(join(tmpdir(), 'summit-serve-')),
    env: { PATH: process.env.PATH, KNOWLEDGE_DIR: join(ROOT, 'knowledge'), KNOWLEDGE_WATCH: 'off', ...env },
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const entries = () =>
    stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const until = async (msg: string, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = entries().find((entry) => entry.msg === msg);
      if (found) return found;
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`no "${msg}" in stdout:\n${stdout}\nstderr:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { child, exited, until, entries, output: () => ({ stdout, stderr }) };
}

describe('npm run serve', () => {
  it('stops at once with one line naming the missing public key', async () => {
    const server = serve({ DISCORD_TOKEN: TOKEN });
    expect(await server.exited).toBe(1);
    const { stderr, stdout } = server.output();
    expect(stderr.trim().split('\n')).toEqual([
      "summit: DISCORD_PUBLIC_KEY is not set: put your application's public key in .env (Developer Portal → General Information → Public Key).",
    ]);
    expect(stdout).toBe('');
  });

  it('listens, answers a signed PING, and on SIGTERM stops and exits 0', async () => {
    const signer = newSigner();
    const server = serve({ DISCORD_TOKEN: TOKEN, DISCORD_PUBLIC_KEY: signer.publicKeyHex, PORT: '0' });
    const { port } = await server.until('listening');
    const body = JSON.stringify({ id: '1', application_id: '2', type: 1, token: 'ping', version: 1 });
    const pong = await postSigned(`http://127.0.0.1:${port}/interactions`, signer, body);
    expect(pong).toMatchObject({ status: 200, body: { type: 1 } });
    await server.until('interaction');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.entries().map((e) => e.msg)).toEqual(
      expect.arrayContaining(['fact base loaded', 'listening', 'interaction', 'shutting down', 'stopped']),
    );
    expect(server.output().stdout).not.toContain(TOKEN);
  });
});
