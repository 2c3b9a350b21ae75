import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real PostgreSQL server for a test file, started in a temporary folder and removed after.
 * PostgreSQL refuses to run as root, so when the tests run as root (as CI does) the server runs
 * as the `postgres` account the Debian package creates, or as `nobody`.
 */

export interface TestPostgres {
  url: string;
  /** Stops the server (fast shutdown); `start` brings it back on the same port and data. */
  stop(): void;
  start(): void;
  remove(): void;
}

/** The folder of the server's programs, or nothing when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, 'bin')).find((bin) => existsSync(join(bin, 'initdb')));
}

export const POSTGRES_MISSING =
  'PostgreSQL is not installed (no initdb under /usr/lib/postgresql): apt-get install -y postgresql, as .ci/run does';

/**
 * Whether the PostgreSQL tests can run; a test file skips them (saying why) when they cannot,
 * except in CI, which installs PostgreSQL and so must run them.
 */
export function hasPostgres(file: string): boolean {
  if (postgresBin()) return true;
  if (process.env.CI) throw new Error(`${file}: ${POSTGRES_MISSING}`);
  console.warn(`${file}: the PostgreSQL tests are skipped. ${POSTGRES_MISSING}`);
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function account(): string | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const hasPostgres = spawnSync('id', ['-u', 'postgres']).status === 0;
  return hasPostgres ? 'postgres' : 'nobody';
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error(POSTGRES_MISSING);
  const user = account();
  const dir = mkdtempSync(join(tmpdir(), 'summit-pg-'));
  const data = join(dir, 'data');
  if (user) {
    const uid = Number(execFileSync('id', ['-u', user]).toString());
    const gid = Number(execFileSync('id', ['-g', user]).toString());
    chownSync(dir, uid, gid);
  }
  const run = (program: string, args: string[]) => {
    const [cmd, full] = user
      ? ['runuser', ['-u', user, '--', join(bin, program), ...args]]
      : [join(bin, program), args];
    return execFileSync(cmd, full, { stdio: 'pipe', cwd: dir });
  };
  run('initdb', ['-D', data, '-U', 'summit', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => void run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = () => void run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    url: `postgres://summit@127.0.0.1:${port}/postgres`,
    start,
    stop,
    remove() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
