import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWAY_ENV, GATEWAY_NODE_FLAGS, GATEWAY_PROGRAM } from '../src/cli/gateway-launch.js';
import { FakeDiscord } from '../tests/support/fake-discord/index.js';
import { median, since } from './stats.js';

/**
 * The gateway bot as `npm start` runs it (the bundled program, its Node flags and environment,
 * the fact base from its snapshot), logging in to the fake Discord of the end-to-end tests on 127.0.0.1: how long
 * from process start until it is ready and until its first answer arrives, and how much memory
 * it holds idle after answering. Loopback stands in for the network, which is left out.
 */

const START = fileURLToPath(new URL(`../src/cli/${GATEWAY_PROGRAM}`, import.meta.url));
const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAw.bench.summit-gateway-token';
/** Interactions answered before the idle reading: enough to fill the caches an answer uses. */
const WORKLOAD = 100;
const IDLE_MS = 2_000;

export interface GatewayRun {
  /** Process start to discord.js's ready, and to the first answer received by the fake. */
  readyMs: number;
  firstAnswerMs: number;
  /** Resident memory once idle after the workload. */
  rss: number;
}

/** The resident memory of a process, from /proc (Linux); NaN elsewhere. */
function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function oneRun(
  dir: string,
  query: string,
  measureMemory: boolean,
  env: Record<string, string>,
): Promise<GatewayRun> {
  const fake = await FakeDiscord.start({ token: TOKEN, log: () => {} });
  const cwd = mkdtempSync(join(tmpdir(), 'summit-bench-gateway-'));
  const started = performance.now();
  const child = spawn(process.execPath, [...GATEWAY_NODE_FLAGS, START], {
    cwd,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR: dir,
      LOG_LEVEL: 'info',
      ...GATEWAY_ENV,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let output = '';
    let readyMs = Number.NaN;
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += String(chunk);
        if (Number.isNaN(readyMs) && output.includes('"msg":"ready"')) {
          readyMs = since(started);
          resolve();
        }
      });
      child.stderr.on('data', (chunk) => {
        output += String(chunk);
      });
      child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before ready:\n${output}`)));
    });
    await ready;
    await (await fake.slash('when', { query })).response();
    const firstAnswerMs = since(started);
    if (!measureMemory) return { readyMs, firstAnswerMs, rss: Number.NaN };
    for (let i = 0; i < WORKLOAD; i++) {
      const handle = await [
        () => fake.slash('ask', { question: `When did they meet in ${query}?` }),
        () => fake.slash('quote', { query: 'coordination' }),
        () => fake.slash('where', { query }),
        () => fake.autocomplete('meeting', { query: query.slice(0, 4) }, 'query'),
      ][i % 4]?.();
      await handle?.response();
    }
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    return { readyMs, firstAnswerMs, rss: rssOf(child.pid as number) };
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await fake.close();
    rmSync(cwd, { recursive: true, force: true });
  }
}

/**
 * Start-up over `starts` starts, and memory over `idles` more that also answer a workload:
 * medians, since an idle process's resident memory varies by a dozen megabytes from run to run
 * (which pages of Node itself the workload touched, which threads allocated). `env` adds
 * settings, such as a DATABASE_URL for the record.
 */
export async function gatewayRun(
  dir: string,
  query: string,
  { starts, idles }: { starts: number; idles: number },
  env: Record<string, string> = {},
): Promise<GatewayRun> {
  const started: GatewayRun[] = [];
  for (let i = 0; i < starts; i++) started.push(await oneRun(dir, query, false, env));
  const idle: GatewayRun[] = [];
  for (let i = 0; i < idles; i++) idle.push(await oneRun(dir, query, true, env));
  return {
    readyMs: median([...started, ...idle].map((r) => r.readyMs)),
    firstAnswerMs: median([...started, ...idle].map((r) => r.firstAnswerMs)),
    rss: median(idle.map((r) => r.rss)),
  };
}
