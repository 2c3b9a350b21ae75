/**
 * `npm start` as an operator runs it: the built program, settings from the environment, logs on
 * stdout, and a clean stop on SIGTERM / SIGINT.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ROOT, TOKEN } from './support/bot.js';
import { FakeDiscord } from './support/fake-discord/index.js';
import { copyKnowledge, mutate, removeKnowledgeCopies } from './support/knowledge-copy.js';

afterAll(removeKnowledgeCopies);

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  return port;
}

const running: { child?: ChildProcessWithoutNullStreams; fake?: FakeDiscord }[] = [];

afterEach(async () => {
  for (const { child, fake } of running.splice(0)) {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await fake?.close();
  }
});

function start(env: Record<string, string>) {
  // Run from an empty folder so that a developer's own .env cannot leak into the test.
  const child = spawn(process.execPath, [join(ROOT, 'dist/src/cli/start.js')], {
    cwd: mkdtempSync(join(tmpdir(), 'summit-start-')),
    env: { PATH: process.env.PATH, KNOWLEDGE_DIR: join(ROOT, 'knowledge'), ...env },
  });
  running.push({ child });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const until = async (pattern: RegExp, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(stdout)) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`no ${pattern} in stdout:\n${stdout}\nstderr:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { child, exited, until, output: () => ({ stdout, stderr }) };
}

describe('npm start', () => {
  it('stops at once with one line naming the missing setting, and where to try Summit without Discord', async () => {
    const bot = start({});
    expect(await bot.exited).toBe(1);
    const { stderr, stdout } = bot.output();
    expect(stderr.trim().split('\n')).toEqual([
      'summit: DISCORD_TOKEN is not set: put your bot token in .env (see .env.example). To try Summit without Discord, run: npm run console',
    ]);
    expect(stdout).toBe('');
  });

  it('logs in, answers, and on SIGTERM disconnects and exits 0, without ever logging the token', async () => {
    const fake = await FakeDiscord.start({ token: TOKEN, log: () => {} });
    running.push({ fake });
    const bot = start({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, LOG_LEVEL: 'debug' });
    await bot.until(/"msg":"ready"/);
    const ask = await fake.slash('when', { query: 'Sochi' });
    expect(JSON.stringify((await ask.response()).data)).toContain('12 September 2019');
    await bot.until(/"msg":"interaction"/);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const { stdout, stderr } = bot.output();
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['fact base loaded', 'ready', 'interaction', 'shutting down', 'stopped']),
    );
    expect(lines.find((l) => l.msg === 'shutting down')).toMatchObject({ signal: 'SIGTERM' });
    expect(stdout + stderr).not.toContain(TOKEN);
  });

  it('serves /healthz and /metrics on METRICS_PORT, and reloads an edited fact base', async () => {
    const fake = await FakeDiscord.start({ token: TOKEN, log: () => {} });
    running.push({ fake });
    const dir = copyKnowledge();
    const port = await freePort();
    const bot = start({
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR: dir,
      METRICS_PORT: String(port),
    });
    await bot.until(/"msg":"ready"/);
    const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);

    const health = await get('/healthz');
    expect(health.status).toBe(200);
    const body = (await health.json()) as Record<string, Record<string, unknown>>;
    expect(body).toMatchObject({ ready: true, mode: 'gateway', gateway: { status: 'Ready' } });
    expect(body.knowledge).toMatchObject({ meetings: 8, version: expect.stringMatching(/^[0-9a-f]{12}$/) });

    await (await fake.slash('when', { query: 'Sochi' })).response();
    await bot.until(/"msg":"interaction"/);
    const metrics = await get('/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    expect(text).toContain('summit_interactions_total{type="command",command="when",outcome="answer"} 1');
    expect(text).toContain('summit_knowledge_records{kind="meetings"} 8');
    expect(text).toMatch(/^summit_gateway_ping_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect((await get('/')).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'POST' })).status).toBe(405);

    mutate(dir, 'topics.yaml', '      Chanukkah,\n', '      Chanukkah,\n      Lichterfest,\n');
    await bot.until(/"msg":"fact base reloaded"/);
    const after = (await (await get('/healthz')).json()) as typeof body;
    expect(after.knowledge?.version).not.toBe(body.knowledge?.version);
    expect(after.knowledge?.reloadedAt).toEqual(expect.any(String));

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('stops with a clear line when Discord refuses the token', async () => {
    const fake = await FakeDiscord.start({ token: TOKEN, log: () => {} });
    running.push({ fake });
    const wrong = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong.not-the-right-token';
    const bot = start({ DISCORD_TOKEN: wrong, DISCORD_API_URL: fake.apiUrl });
    expect(await bot.exited).toBe(1);
    const { stdout, stderr } = bot.output();
    expect(stderr).toMatch(/^summit: could not log in to Discord: .+\. Check DISCORD_TOKEN/);
    expect(stdout + stderr).not.toContain(wrong);
  });
});
