/**
 * Summit's programs as an operator runs them: the built program in a child process, settings
 * from the environment only, its output collected; a test file calls `stopPrograms` after each
 * test.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_ENV, GATEWAY_NODE_FLAGS, GATEWAY_PROGRAM } from '../../src/cli/gateway-launch.js';
import { ROOT } from './bot.js';

/** One line of a program's JSON log. */
export type LogLine = Record<string, unknown>;

export interface Program {
  child: ChildProcessWithoutNullStreams;
  /** The exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
  /** The JSON log lines on stdout so far, from the program and any process it started. */
  lines(): LogLine[];
  /**
   * Resolves with the `nth` log line that is the message `match` or satisfies it, waiting for it
   * to be written; throws, showing the output, if the program exits or the time runs out first.
   */
  until(match: string | ((line: LogLine) => boolean), nth?: number, timeoutMs?: number): Promise<LogLine>;
}

const running: ChildProcessWithoutNullStreams[] = [];
const alongside: { close(): Promise<unknown> }[] = [];

/** Kills every program still running and closes what `stopWithPrograms` was given: after each test. */
export async function stopPrograms(): Promise<void> {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const resource of alongside.splice(0)) await resource.close();
}

/** Closes `resource` (a fake Discord, say) at the next `stopPrograms()`. */
export function stopWithPrograms<T extends { close(): Promise<unknown> }>(resource: T): T {
  alongside.push(resource);
  return resource;
}

/**
 * How Node runs a program: the gateway bot (`start`) as npm start runs it, bundled and with its
 * flags and environment; any other as built, `dist/src/cli/<program>.js`.
 */
function launch(program: string): { args: string[]; env: Record<string, string> } {
  if (program === 'start') {
    return {
      args: [...GATEWAY_NODE_FLAGS, join(ROOT, 'dist/src/cli', GATEWAY_PROGRAM)],
      env: { ...GATEWAY_ENV },
    };
  }
  return { args: [join(ROOT, `dist/src/cli/${program}.js`)], env: {} };
}

/** Starts a program (see `launch`) with the fact base in the repository and `env`, nothing else. */
export function runProgram(program: string, env: Record<string, string>): Program {
  const how = launch(program);
  // Run from an empty folder so that a developer's own .env cannot leak into the test.
  const child = spawn(process.execPath, how.args, {
    cwd: mkdtempSync(join(tmpdir(), `summit-${program}-`)),
    env: { PATH: process.env.PATH, KNOWLEDGE_DIR: join(ROOT, 'knowledge'), ...how.env, ...env },
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
  const lines = (): LogLine[] =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  const until = async (match: string | ((line: LogLine) => boolean), nth = 1, timeoutMs = 20_000) => {
    const matches = typeof match === 'string' ? (line: LogLine) => line.msg === match : match;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = lines().filter(matches)[nth - 1];
      if (found) return found;
      if (Date.now() > deadline || child.exitCode !== null) {
        const wanted = typeof match === 'string' ? `"${match}"` : 'such';
        throw new Error(`no ${wanted} log line in stdout:\n${stdout}\nstderr:\n${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { child, exited, lines, until, output: () => ({ stdout, stderr }) };
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
