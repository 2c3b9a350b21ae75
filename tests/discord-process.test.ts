/**
 * `npm start` as an operator runs it: the built program, settings from the environment, logs on
 * stdout, and a clean stop on SIGTERM / SIGINT.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TOKEN } from './support/bot.js';
import { FakeDiscord } from './support/fake-discord/index.js';
import { copyKnowledge, mutate, removeKnowledgeCopies } from './support/knowledge-copy.js';
import { freePort, runProgram, stopPrograms, stopWithPrograms } from './support/process.js';

afterAll(removeKnowledgeCopies);

afterEach(stopPrograms);

describe('npm start', () => {
  it('stops at once with one line naming the missing setting, and where to try Summit without Discord', async () => {
    const bot = runProgram('start', {});
    expect(await bot.exited).toBe(1);
    const { stderr, stdout } = bot.output();
    expect(stderr.trim().split('\n')).toEqual([
      'summit: DISCORD_TOKEN is not set: put your bot token in .env (see .env.example). To try Summit without Discord, run: npm run console',
    ]);
    expect(stdout).toBe('');
  });

  it('logs in, answers, and on SIGTERM disconnects and exits 0, without ever logging the token', async () => {
    const fake = stopWithPrograms(await FakeDiscord.start({ token: TOKEN, log: () => {} }));
    const bot = runProgram('start', {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      LOG_LEVEL: 'debug',
    });
    await bot.until('ready');
    const ask = await fake.slash('when', { query: 'Sochi' });
    expect(JSON.stringify((await ask.response()).data)).toContain('12 September 2019');
    await bot.until('interaction');
    // The bundled bot loads the renderer from node_modules on the first picture.
    const timeline = await fake.slash('timeline', { place: 'paris' });
    const first = await timeline.response(20_000);
    const answered = first.data?.attachments ? first.data : await timeline.waitForEdit(undefined, 20_000);
    expect(answered.attachments).toMatchObject([{ filename: 'timeline.png' }]);

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
  }, 30_000);

  it('serves /healthz and /metrics on METRICS_PORT, and reloads an edited fact base', async () => {
    const fake = stopWithPrograms(await FakeDiscord.start({ token: TOKEN, log: () => {} }));
    const dir = copyKnowledge();
    const port = await freePort();
    const bot = runProgram('start', {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR: dir,
      METRICS_PORT: String(port),
    });
    await bot.until('ready');
    const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);

    const health = await get('/healthz');
    expect(health.status).toBe(200);
    const body = (await health.json()) as Record<string, Record<string, unknown>>;
    expect(body).toMatchObject({ ready: true, mode: 'gateway', gateway: { status: 'Ready' } });
    expect(body.knowledge).toMatchObject({ meetings: 8, version: expect.stringMatching(/^[0-9a-f]{12}$/) });

    await (await fake.slash('when', { query: 'Sochi' })).response();
    await bot.until('interaction');
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
    await bot.until('fact base reloaded');
    const after = (await (await get('/healthz')).json()) as typeof body;
    expect(after.knowledge?.version).not.toBe(body.knowledge?.version);
    expect(after.knowledge?.reloadedAt).toEqual(expect.any(String));

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 30_000);

  it('stops with a clear line when Discord refuses the token', async () => {
    const fake = stopWithPrograms(await FakeDiscord.start({ token: TOKEN, log: () => {} }));
    const wrong = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong.not-the-right-token';
    const bot = runProgram('start', { DISCORD_TOKEN: wrong, DISCORD_API_URL: fake.apiUrl });
    expect(await bot.exited).toBe(1);
    const { stdout, stderr } = bot.output();
    expect(stderr).toMatch(/^summit: could not log in to Discord: .+\. Check DISCORD_TOKEN/);
    expect(stdout + stderr).not.toContain(wrong);
  });
});
