/**
 * `npm run bench:http`: throughput and latency of the HTTP interactions endpoint, signature
 * verification included. The endpoint runs in a child process (one core, as one replica would),
 * logging one line per interaction as in production; autocannon drives it from this process with
 * requests signed as Discord signs them: PINGs alone, then a mix of slash commands, autocomplete
 * and button clicks over the real fact base, each at 1 and at 50 connections.
 *
 *   BENCH_SECONDS=10 npm run bench:http
 */
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createEngine } from '../src/engine/create.js';
import { createDiscordRest } from '../src/http/discord-rest.js';
import { createInteractionServer, INTERACTIONS_PATH } from '../src/http/server.js';
import { publicKeyFromHex } from '../src/http/verify.js';
import { createLogger } from '../src/ops/log.js';
import { knowledgeDir } from '../src/settings.js';
import { newSigner, type Signer } from '../tests/support/http-signing.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = [1, 50];

/** The child: one endpoint replica, answering from the fact base with no cooldowns to ration the load. */
async function serve(): Promise<void> {
  const log = createLogger({ level: 'info', secrets: [] });
  const app = createInteractionServer({
    deps: { engine: createEngine(knowledgeDir()), log },
    // Nothing in the mix posts through REST; a call there would fail the run.
    rest: createDiscordRest({ DISCORD_TOKEN: 'unused', DISCORD_API_URL: 'http://127.0.0.1:9/api' }),
    publicKey: publicKeyFromHex(process.env.DISCORD_PUBLIC_KEY ?? ''),
  });
  process.send?.({ port: await app.listen(0, '127.0.0.1') });
}

async function bench(): Promise<void> {
  const signer = newSigner();
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    env: { ...process.env, DISCORD_PUBLIC_KEY: signer.publicKeyHex },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const [{ port }] = (await once(child, 'message')) as [{ port: number }];
    const url = `http://127.0.0.1:${port}`;
    const scenarios = { 'PING only': [ping()], 'commands, autocomplete, clicks': mix() };
    console.log(`HTTP interactions endpoint, ${SECONDS} s per run, signatures verified on every request\n`);
    console.log('| requests | connections | req/s | p50 ms | p99 ms | non-2xx |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [name, bodies] of Object.entries(scenarios)) {
      // Signed now, so that every timestamp is fresh for the whole run.
      const requests = bodies.map((body) => signed(signer, body));
      await autocannon({ url, connections: 10, duration: 2, requests }); // warm-up
      for (const connections of CONNECTIONS) {
        const { result, latencies } = await run({ url, connections, duration: SECONDS, requests });
        const row = [
          name,
          connections,
          Math.round(result.requests.average),
          percentile(latencies, 0.5).toFixed(2),
          percentile(latencies, 0.99).toFixed(2),
          result.non2xx + result.errors,
        ];
        console.log(`| ${row.join(' | ')} |`);
      }
    }
  } finally {
    await stop(child);
  }
}

/**
 * One autocannon run, keeping each response's latency as measured (autocannon's own histogram
 * rounds to whole milliseconds, coarser than what is measured here).
 */
function run(options: autocannon.Options): Promise<{ result: autocannon.Result; latencies: number[] }> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) =>
      error ? reject(error) : resolve({ result, latencies }),
    );
    instance.on('response', (_client, _status, _bytes, ms: number) => latencies.push(ms));
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function signed(signer: Signer, body: string) {
  return { method: 'POST' as const, path: INTERACTIONS_PATH, headers: signer.headers(body), body };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

// ---------------------------------------------------------------------------------------------
// Interactions as Discord sends them

const APPLICATION = '1100000000000000001';
const GUILD = '1100000000000000002';
const CHANNEL = '1100000000000000003';
let sequence = 0n;
function nextId(): string {
  sequence += 1n;
  return String(1200000000000000000n + sequence);
}

/** A guild member; ids vary so that the mix looks like many people asking. */
function member(n: number) {
  return {
    user: { id: String(1300000000000000000n + BigInt(n)), username: `reader${n}` },
    permissions: '0',
    roles: [],
  };
}

function interaction(
  type: number,
  data: Record<string, unknown>,
  n: number,
  extra: Record<string, unknown> = {},
) {
  return JSON.stringify({
    id: nextId(),
    application_id: APPLICATION,
    type,
    token: `token-${nextId()}`,
    version: 1,
    guild_id: GUILD,
    channel: { id: CHANNEL, type: 0 },
    channel_id: CHANNEL,
    member: member(n),
    app_permissions: '0',
    locale: 'en-US',
    data,
    ...extra,
  });
}

const ping = () =>
  JSON.stringify({ id: nextId(), application_id: APPLICATION, type: 1, token: 'ping', version: 1 });

const option = (name: string, value: string | number, focused = false) => ({
  name,
  type: typeof value === 'number' ? 4 : 3,
  value,
  ...(focused && { focused }),
});

const slash = (n: number, name: string, ...options: ReturnType<typeof option>[]) =>
  interaction(2, { id: nextId(), name, type: 1, options }, n);

const typing = (n: number, name: string, focused: ReturnType<typeof option>) =>
  interaction(4, { id: nextId(), name, type: 1, options: [focused] }, n);

/** A click on "Next ▶" under a list someone else asked for: their page, privately. */
const nextPage = (n: number) =>
  interaction(3, { custom_id: 'page.2:/meetings', component_type: 2 }, n, {
    message: {
      id: nextId(),
      channel_id: CHANNEL,
      timestamp: new Date().toISOString(),
      flags: 0,
      interaction_metadata: { id: nextId(), type: 2, user: member(n + 1).user },
    },
  });

/** Keystrokes outnumber commands, as they do in use: every letter typed is a request. */
function mix(): string[] {
  const bodies: string[] = [];
  for (let n = 0; n < 20; n += 1) {
    bodies.push(
      typing(n, 'meeting', option('query', 'so', true)),
      typing(n, 'meeting', option('query', 'soch', true)),
      typing(n, 'meetings', option('place', 'Mosc', true)),
      typing(n, 'quote', option('speaker', 'put', true)),
      slash(n, 'when', option('query', 'Sochi')),
      slash(n, 'ask', option('question', 'What did they discuss about Syria?')),
      slash(n, 'meeting', option('query', 'Paris')),
      slash(n, 'meetings', option('year', 2016)),
      slash(n, 'quote', option('speaker', 'netanyahu')),
      nextPage(n),
    );
  }
  return bodies;
}

// Last, so that everything above is initialised.
if (process.argv.includes('--serve')) {
  await serve();
} else {
  await bench();
}
