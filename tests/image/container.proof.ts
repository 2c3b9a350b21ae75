/**
 * `npm run test:image`: the built image (SUMMIT_IMAGE) proved in containers, every mode as the
 * docs run it, against a fake Discord on this machine reached over the host network. Not part of
 * `npm test`: it needs a Docker engine and an image built by scripts/test-image.sh.
 */
import { execFile, type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ROOT, TOKEN } from '../support/bot.js';
import { FakeDiscord } from '../support/fake-discord/index.js';
import { newSigner, postSigned } from '../support/http-signing.js';
import { imageModes } from '../support/image-modes.js';
import { copyKnowledge, removeKnowledgeCopies, scratchFolder } from '../support/knowledge-copy.js';
import { freePort } from '../support/process.js';

const IMAGE = process.env.SUMMIT_IMAGE ?? 'summit:test';
const QUESTION = 'When did Netanyahu and Putin meet in Sochi?';
const execFileAsync = promisify(execFile);
/** The image's own health check, asked every second instead of every 30 so that the proof is quick. */
const FAST_HEALTH = ['--health-interval=1s', '--health-start-period=60s'];
const containers: string[] = [];
const fakes: FakeDiscord[] = [];
let composeDown: (() => void) | undefined;

afterEach(async () => {
  // With -v: each container's anonymous /app/data volume goes with it.
  for (const name of containers.splice(0)) docker('rm', '-f', '-v', name);
  composeDown?.();
  composeDown = undefined;
  for (const fake of fakes.splice(0)) await fake.close();
});
afterAll(removeKnowledgeCopies);

function docker(...args: string[]): SpawnSyncReturns<string> {
  return run('docker', args);
}

function run(command: string, args: string[], input?: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { encoding: 'utf8', input, timeout: 120_000 });
}

/** Starts a long-running mode in the background on the host network; returns the container's name. */
function detached(options: string[], mode: string): string {
  const name = `summit-proof-${mode.replace(':', '-')}-${process.pid}-${containers.length}`;
  const started = docker(
    'run',
    '-d',
    '--name',
    name,
    '--network',
    'host',
    ...FAST_HEALTH,
    ...options,
    IMAGE,
    mode,
  );
  expect(started.status, started.stderr).toBe(0);
  containers.push(name);
  return name;
}

const inspect = (name: string, format: string) => docker('inspect', '-f', format, name).stdout.trim();
const logs = (name: string) => {
  const out = docker('logs', name);
  return out.stdout + out.stderr;
};

/** Waits for the health check to report `status`; returns what its last probe printed. */
async function health(name: string, status = 'healthy', timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = inspect(name, '{{.State.Health.Status}}');
    const probe = JSON.parse(inspect(name, '{{json .State.Health.Log}}') || '[]').at(-1)?.Output ?? '';
    if (state === status) {
      console.log(`${name}: ${state} — ${probe.trim().replaceAll('\n', ' | ')}`);
      return probe;
    }
    if (Date.now() > deadline || inspect(name, '{{.State.Running}}') !== 'true') {
      throw new Error(`${name} is ${state}, not ${status}: ${probe}\n${logs(name)}`);
    }
    await sleep(500);
  }
}

/**
 * Sends SIGTERM as `docker stop` does; resolves with the exit code and how long the stop took.
 * Asynchronously: the fake Discord lives in this process and must answer the bot's goodbye.
 */
async function stop(name: string): Promise<{ exitCode: number; ms: number }> {
  const started = Date.now();
  await execFileAsync('docker', ['stop', '-t', '10', name]);
  const ms = Date.now() - started;
  const exitCode = Number(inspect(name, '{{.State.ExitCode}}'));
  console.log(`${name}: stopped by SIGTERM in ${ms} ms, exit code ${exitCode}`);
  if (exitCode !== 0) console.log(logs(name).split('\n').slice(-8).join('\n'));
  // Within the programs' own 5 s, past which they give up stopping cleanly and exit 1.
  expect(ms).toBeLessThan(5_000);
  return { exitCode, ms };
}

/** The README's way: .env.example copied to a file with the token (and the fake's URL) filled in. */
function envFile(settings: Record<string, string>): string {
  let text = readFileSync(join(ROOT, '.env.example'), 'utf8');
  for (const [name, value] of Object.entries(settings)) {
    text = text.replace(new RegExp(`^${name}=.*$`, 'm'), `${name}=${value}`);
  }
  const path = join(scratchFolder(), '.env');
  writeFileSync(path, text);
  return path;
}

async function fakeDiscord(options: Parameters<typeof FakeDiscord.start>[0] = {}): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start({ token: TOKEN, log: () => {}, ...options });
  fakes.push(fake);
  return fake;
}

async function until(read: () => string, match: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = read();
    if (match.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`no ${match} in:\n${text}`);
    await sleep(250);
  }
}

describe(`the image ${IMAGE}`, () => {
  it('runs as an unprivileged user: its fact base owned by root and read-only to it, its data folder a volume it owns', () => {
    const probe = docker(
      'run',
      '--rm',
      '--entrypoint',
      'sh',
      IMAGE,
      '-c',
      [
        'id -u',
        'stat -c %U /app/knowledge /app/knowledge/meetings.yaml',
        'touch /app/knowledge/x 2>/dev/null && echo writable || echo read-only',
        'stat -c %U /app/data',
        'touch /app/data/x 2>/dev/null && echo writable || echo read-only',
        'node --version',
      ].join('; '),
    );
    const [uid, dirOwner, fileOwner, knowledge, dataOwner, data, node] = probe.stdout.trim().split('\n');
    console.log(
      `user ${uid}; knowledge/ owned by ${dirOwner}, ${knowledge}; data/ owned by ${dataOwner}, ${data}; Node ${node}`,
    );
    expect(uid).not.toBe('0');
    expect([dirOwner, fileOwner]).toEqual(['root', 'root']);
    expect(knowledge).toBe('read-only');
    expect([dataOwner, data]).toEqual(['node', 'writable']);
    expect(
      Object.keys(JSON.parse(docker('image', 'inspect', '-f', '{{json .Config.Volumes}}', IMAGE).stdout)),
    ).toEqual(['/app/data']);
    expect(node).toMatch(/^v24\./);
  });

  it('lists its modes for help and for a mistyped mode', () => {
    const help = docker('run', '--rm', IMAGE, 'help');
    expect(help.status).toBe(0);
    const typo = docker('run', '--rm', IMAGE, 'server');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain("summit: there is no mode called 'server'.");
    for (const mode of imageModes()) {
      expect(help.stdout).toMatch(new RegExp(`^  ${mode} `, 'm'));
      expect(typo.stderr).toMatch(new RegExp(`^  ${mode} `, 'm'));
    }
  });

  it('knowledge:check validates the baked-in fact base', () => {
    const check = docker('run', '--rm', IMAGE, 'knowledge:check');
    console.log(`knowledge:check: exit ${check.status}: ${check.stdout.trim().split('\n').at(-1)}`);
    expect(check.status, check.stderr).toBe(0);
  });

  it('ask answers one question and exits', () => {
    const ask = docker('run', '--rm', IMAGE, 'ask', QUESTION);
    console.log(`ask: exit ${ask.status}: ${ask.stdout.trim().split('\n')[0]}`);
    expect(ask.status, ask.stderr).toBe(0);
    expect(ask.stdout).toContain('2019');
  });

  it('console answers on its input, and a console container is not reported unhealthy', async () => {
    const session = run('docker', ['run', '-i', '--rm', IMAGE, 'console'], '/when Sochi\n');
    console.log(`console: exit ${session.status}`);
    expect(session.status, session.stderr).toBe(0);
    expect(session.stdout).toContain('12 September 2019');
    const name = detached(['-i'], 'console');
    expect(await health(name)).toContain('nothing to check');
  });

  it('start without a token says how to pass it to the container, not .env and npm', () => {
    const start = docker('run', '--rm', IMAGE, 'start');
    expect(start.status).toBe(1);
    console.log(`start without settings: ${start.stderr.trim()}`);
    expect(start.stderr).toContain('docker run -e DISCORD_TOKEN=');
    expect(start.stderr).toContain('docker run -it --rm summit console');
    expect(start.stderr).not.toMatch(/\.env\b|npm run/);
  });

  it('start with --env-file from .env.example (METRICS_PORT blank) is healthy, answers /when, and stops cleanly', async () => {
    const fake = await fakeDiscord();
    const env = envFile({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl });
    expect(readFileSync(env, 'utf8')).toMatch(/^METRICS_PORT=$/m);
    const name = detached(['--env-file', env], 'start');
    expect(await health(name)).toMatch(/start\.bundle\.js .*:9090\/healthz 200/);
    const when = await fake.slash('when', { query: 'Sochi' });
    expect(JSON.stringify((await when.response()).data)).toContain('12 September 2019');
    expect(await stop(name)).toMatchObject({ exitCode: 0 });
    expect(logs(name)).toMatch(/"msg":"stopped"/);
  });

  it('start:sharded with -e settings checks every shard, answers, and stops cleanly', async () => {
    const fake = await fakeDiscord({ shards: 2, maxConcurrency: 16 });
    const port = await freePort();
    const name = detached(
      ['-e', `DISCORD_TOKEN=${TOKEN}`, '-e', `DISCORD_API_URL=${fake.apiUrl}`, '-e', `METRICS_PORT=${port}`],
      'start:sharded',
    );
    const probe = await health(name);
    expect(probe).toContain(`:${port}/healthz 200`);
    expect(probe).toContain(`:${port + 1}/healthz 200`);
    const when = await fake.slash('when', { query: 'Sochi' });
    expect(JSON.stringify((await when.response()).data)).toContain('12 September 2019');
    expect(await stop(name)).toMatchObject({ exitCode: 0 });
  });

  it('serve answers a signed PING, refuses an unsigned request, is healthy, and stops cleanly', async () => {
    const signer = newSigner();
    const [port, metrics] = [await freePort(), await freePort()];
    const name = detached(
      [
        '-e',
        `DISCORD_TOKEN=${TOKEN}`,
        '-e',
        `DISCORD_PUBLIC_KEY=${signer.publicKeyHex}`,
        '-e',
        `PORT=${port}`,
        '-e',
        `METRICS_PORT=${metrics}`,
      ],
      'serve',
    );
    await health(name);
    const url = `http://127.0.0.1:${port}/interactions`;
    const ping = JSON.stringify({ id: '1', application_id: '2', type: 1, token: 'ping', version: 1 });
    const pong = await postSigned(url, signer, ping);
    expect(pong).toMatchObject({ status: 200, body: { type: 1 } });
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: ping,
    });
    console.log(
      `serve: signed PING ${pong.status} ${JSON.stringify(pong.body)}, unsigned ${unsigned.status}`,
    );
    expect(unsigned.status).toBe(401);
    expect(await stop(name)).toMatchObject({ exitCode: 0 });
  });

  it('the compose file runs the bot healthy on a mounted fact base, reloads each rename-replaced save, keeps its record on a volume, and stops cleanly', async () => {
    const fake = await fakeDiscord();
    const project = scratchFolder();
    const knowledge = copyKnowledge(join(project, 'knowledge'));
    // A file the container's user may not read: one warning, not an error for each watch.
    writeFileSync(join(knowledge, 'notes.private'), 'for the editors only\n');
    chmodSync(join(knowledge, 'notes.private'), 0o600);
    writeFileSync(
      join(project, '.env'),
      readFileSync(envFile({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl })),
    );
    // The image under test, on the host network to reach the fake, and the health check asked often.
    writeFileSync(
      join(project, 'compose.proof.yaml'),
      `services:\n  bot:\n    image: ${IMAGE}\n    network_mode: host\n    healthcheck:\n      interval: 1s\n      start_period: 60s\n`,
    );
    const compose = (...args: string[]) =>
      run('docker-compose', [
        '--project-directory',
        project,
        '-p',
        `summitproof${process.pid}`,
        '-f',
        join(ROOT, 'compose.yaml'),
        '-f',
        join(project, 'compose.proof.yaml'),
        ...args,
      ]);
    const up = compose('up', '-d', '--no-build');
    expect(up.status, up.stderr).toBe(0);
    composeDown = () => compose('down', '-v', '-t', '10');
    const name = compose('ps', '-q', 'bot').stdout.trim();
    await health(name);
    const when = await fake.slash('when', { query: 'Sochi' });
    expect(JSON.stringify((await when.response()).data)).toContain('12 September 2019');
    const ask = await fake.slash('ask', { question: QUESTION });
    expect(JSON.stringify((await ask.response()).data)).toContain('2019');

    // Saved as editors and sed -i save: a new file renamed over the old, twice in a row.
    const topics = join(knowledge, 'topics.yaml');
    for (const [n, alias] of ['Lichterfest', 'Chanukka-Fest'].entries()) {
      const text = readFileSync(topics, 'utf8').replace(
        '      Chanukkah,\n',
        `      Chanukkah,\n      ${alias},\n`,
      );
      writeFileSync(`${topics}.new`, text);
      renameSync(`${topics}.new`, topics);
      const seen = await until(() => logs(name), new RegExp(`("msg":"fact base reloaded".*){${n + 1}}`, 's'));
      console.log(
        `compose: rename-replaced save ${n + 1} reloaded (${seen.match(/"msg":"fact base reloaded"/g)?.length} reloads logged)`,
      );
    }
    const output = logs(name);
    expect(output.match(/cannot be read by this user/g)).toHaveLength(1);
    expect(output).not.toContain('EACCES');
    expect(await stop(name)).toMatchObject({ exitCode: 0 });

    // The record the bot wrote (SQLite, better-sqlite3 as built in the image) outlives its
    // container: the insights mode reads it from the compose file's data volume.
    const exported = compose('run', '--rm', '-T', 'bot', 'insights', '--format', 'json');
    console.log(`compose: insights from the data volume: ${exported.stderr.trim().split('\n').at(-1)}`);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(QUESTION);
  });
});
