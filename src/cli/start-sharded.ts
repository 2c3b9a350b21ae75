import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { REST, type RESTGetAPIGatewayBotResult, Routes, type Shard, ShardingManager } from 'discord.js';
import { createLogger } from '../ops/log.js';
import { readDiscordSettings, readShardCount } from '../settings.js';
import { GATEWAY_ENV, GATEWAY_NODE_FLAGS, GATEWAY_PROGRAM } from './gateway-launch.js';
import { settingsOrExit } from './lifecycle.js';

/**
 * `npm run start:sharded`: the gateway bot as several shards, one process each, under
 * discord.js's ShardingManager. Each shard runs `npm start`'s program with the same environment,
 * so DISCORD_API_URL, KNOWLEDGE_DIR, LOG_LEVEL and the rest apply to all of them; each logs with
 * its shard's id. The shard count is Discord's recommendation (SHARD_COUNT=auto, the default) or
 * the number given. A shard that dies is started again; SIGINT or SIGTERM stops them all.
 */

/** Discord lets `max_concurrency` shards identify per 5 seconds; discord.js keeps half a second spare. */
const IDENTIFY_WINDOW_MS = 5_500;
/** How long a shard may take from its spawn to ready before start-up is given up. */
const READY_TIMEOUT_MS = 30_000;
/** Each shard gives itself 5 s to stop; past this the manager stops waiting. */
const STOP_TIMEOUT_MS = 8_000;

const { settings, shardCount } = settingsOrExit(() => ({
  settings: readDiscordSettings(),
  shardCount: readShardCount(),
}));
const log = createLogger({ level: settings.LOG_LEVEL, secrets: [settings.DISCORD_TOKEN] }).child({
  role: 'shard-manager',
});
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));

/** What Discord says about starting this bot: the shard count it recommends and its identify limit. */
async function gatewayBot(): Promise<RESTGetAPIGatewayBotResult> {
  const rest = new REST(settings.DISCORD_API_URL ? { api: settings.DISCORD_API_URL } : {});
  return (await rest.setToken(settings.DISCORD_TOKEN).get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
}

/** Exits once every log line is written out. */
function exit(code: number): Promise<never> {
  log.flush(() => process.exit(code));
  return new Promise(() => {});
}

async function gatewayBotOrExit(): Promise<RESTGetAPIGatewayBotResult> {
  try {
    return await gatewayBot();
  } catch (err) {
    log.fatal({ err }, 'could not reach Discord');
    console.error(
      `summit: could not ask Discord how to shard: ${err instanceof Error ? err.message : String(err)}. Check DISCORD_TOKEN (and DISCORD_API_URL if set).`,
    );
    return exit(1);
  }
}

const gateway = await gatewayBotOrExit();

const total = shardCount === 'auto' ? gateway.shards : shardCount;
const { max_concurrency: maxConcurrency } = gateway.session_start_limit;
const metricsPort = settings.METRICS_PORT;
if (metricsPort !== undefined && metricsPort + total - 1 > 65_535) {
  console.error(
    `summit: METRICS_PORT ${metricsPort} leaves no room for ${total} shards (shard n uses METRICS_PORT + n).`,
  );
  process.exit(1);
}

// Each shard starts with the manager's environment, so with the gateway's (see GATEWAY_ENV).
Object.assign(process.env, GATEWAY_ENV);
const manager = new ShardingManager(fileURLToPath(new URL(`./${GATEWAY_PROGRAM}`, import.meta.url)), {
  totalShards: total,
  token: settings.DISCORD_TOKEN,
  mode: 'process',
  execArgv: [...GATEWAY_NODE_FLAGS],
  respawn: true,
});
let stopping = false;

manager.on('shardCreate', (shard) => {
  // Each shard serves its own /healthz and /metrics, one port apart.
  if (metricsPort !== undefined)
    (shard.env as NodeJS.ProcessEnv).METRICS_PORT = String(metricsPort + shard.id);
  let spawns = 0;
  const fields = { shard: shard.id };
  shard.on('spawn', (child) => {
    spawns += 1;
    log.info({ ...fields, pid: (child as ChildProcess).pid, respawn: spawns > 1 }, 'shard spawned');
  });
  shard.on('ready', () => log.info(fields, 'shard ready'));
  shard.on('disconnect', () => log.warn(fields, 'shard disconnected'));
  shard.on('reconnecting', () => log.info(fields, 'shard reconnecting'));
  shard.on('death', (child) => {
    const { exitCode, signalCode } = child as ChildProcess;
    const died = { ...fields, exitCode, signal: signalCode, respawning: manager.respawn };
    if (stopping) log.info(died, 'shard stopped');
    else log.error(died, 'shard died');
  });
  shard.on('error', (err) => {
    // A shard started again just as the manager stops never becomes ready: that is no news.
    if (stopping) log.debug({ ...fields, err }, 'shard error');
    else log.error({ ...fields, err }, 'shard error');
  });
});

/** Starts every shard, each once the one before is ready and Discord's identify limit allows. */
async function spawnAll(): Promise<void> {
  const spacing = Math.ceil(IDENTIFY_WINDOW_MS / Math.max(1, maxConcurrency));
  log.info(
    { shards: total, recommended: gateway.shards, maxConcurrency, spacingMs: spacing },
    'starting shards',
  );
  for (let id = 0; id < total && !stopping; id++) {
    const shard = manager.createShard(id);
    const last = id === total - 1;
    await Promise.all([shard.spawn(READY_TIMEOUT_MS), last ? undefined : sleep(spacing)]);
  }
  if (!stopping) log.info({ shards: total }, 'all shards ready');
}

async function stopShard(shard: Shard): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

async function stopAll(reason: Record<string, unknown>, code: number): Promise<void> {
  if (stopping) process.exit(1); // a second signal means: now
  stopping = true;
  manager.respawn = false;
  log.info(reason, 'shutting down');
  setTimeout(() => process.exit(1), STOP_TIMEOUT_MS).unref();
  await Promise.all(manager.shards.map(stopShard));
  log.info('stopped');
  await exit(code);
}

process
  .on('SIGINT', (signal) => void stopAll({ signal }, 0))
  .on('SIGTERM', (signal) => void stopAll({ signal }, 0));

try {
  await spawnAll();
} catch (err) {
  if (!stopping) {
    log.fatal({ err }, 'a shard could not start');
    await stopAll({ reason: 'a shard could not start' }, 1);
  }
}
