import { readdirSync, readFileSync } from 'node:fs';
import { GATEWAY_PROGRAM } from './gateway-launch.js';

/**
 * The image's health check: asks `/healthz` of every Summit process in the container that serves
 * one (the gateway bot, each shard of start:sharded, the HTTP endpoint), on the METRICS_PORT
 * that process itself started with, so it holds however the setting arrived (`-e`,
 * `--env-file`, compose). A container running a one-shot or interactive mode (ask, console…)
 * has nothing to check and counts as healthy. Exits 0 when healthy, 1 when not, with one line
 * per process for `docker inspect`.
 */

const SERVERS = [GATEWAY_PROGRAM, 'serve.js'];
const SHARD_MANAGER = 'start-sharded.js';
const TIMEOUT_MS = 2_000;

interface Running {
  pid: string;
  program: string;
  env: Map<string, string>;
}

/** Summit's programs running in this container that this user may look at. */
function running(): Running[] {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .flatMap((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        const program = argv
          .find((arg) => arg.endsWith('.js'))
          ?.split('/')
          .at(-1);
        if (!program || ![...SERVERS, SHARD_MANAGER].includes(program)) return [];
        const env = new Map(
          readFileSync(`/proc/${pid}/environ`, 'utf8')
            .split('\0')
            .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
        );
        return [{ pid, program, env }];
      } catch {
        return []; // gone meanwhile, or another user's
      }
    });
}

async function healthy({ pid, program, env }: Running): Promise<boolean> {
  const port = env.get('METRICS_PORT');
  const name = `${program} (pid ${pid}${env.has('SHARDS') ? `, shard ${env.get('SHARDS')}` : ''})`;
  if (!port) {
    console.log(`${name}: serves no /healthz (METRICS_PORT is not set)`);
    return false;
  }
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    console.log(`${name}: :${port}/healthz ${response.status} ${await response.text()}`);
    return response.ok;
  } catch (error) {
    console.log(`${name}: :${port}/healthz ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

const programs = running();
const servers = programs.filter((p) => SERVERS.includes(p.program));
if (programs.length === 0) {
  console.log('nothing to check: no long-running Summit program in this container');
  process.exit(0);
}
if (servers.length === 0) {
  console.log('the shard manager has no shard running yet');
  process.exit(1);
}
// Every shard carries the total; one missing (dead, or not started yet) makes the whole unhealthy.
const shards = Number(
  servers.find((p) => p.env.has('SHARD_COUNT'))?.env.get('SHARD_COUNT') ?? servers.length,
);
if (servers.length < shards) console.log(`${servers.length} of ${shards} shards running`);
const results = await Promise.all(servers.map(healthy));
if (servers.length < shards) process.exit(1);
process.exit(results.every(Boolean) ? 0 : 1);
