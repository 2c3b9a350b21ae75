/**
 * `npm run bench:startup`: what a user waits for at the command line, side by side in one run:
 * `npm run ask` on an unchanged tree, the bare program it runs, npm running a script that does
 * nothing, and the console's prompt through npm and bare (in a pseudo-terminal, since the prompt
 * is only shown to one). npm's own cost is the floor no script can go below; the ratio says how
 * much of the rest is Summit's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, ms, ratio } from './stats.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const QUESTION = 'When did Netanyahu and Putin meet in Sochi?';
const TARGET_MS = 450;

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '11' } } });
const runs = Math.max(1, Number(options.runs) || 11);

/** Wall time of one run to its exit, in milliseconds; a failed run stops the benchmark. */
function timed(command: string, args: string[], cwd = ROOT): number {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return elapsed;
}

/** Wall time until the console's prompt appears in a pseudo-terminal (`script` provides one). */
function untilPrompt(command: string): Promise<number> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, SUMMIT_HISTORY: join(tmpdir(), 'summit-bench-history') },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let seen = '';
    let answered = false;
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('summit> ') && !answered) {
        answered = true;
        done(performance.now() - start);
        child.stdin.write('exit\r');
      }
    });
    child.on('exit', () => {
      if (!answered) fail(new Error(`no prompt from ${command}:\n${seen}`));
    });
  });
}

async function series(take: () => number | Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await take());
  return median(times);
}

// A package of its own, so that npm's fixed cost is measured without Summit's scripts.
const noopDir = mkdtempSync(join(tmpdir(), 'summit-npm-noop-'));
writeFileSync(
  join(noopDir, 'package.json'),
  JSON.stringify({ name: 'noop', version: '1.0.0', scripts: { noop: 'node -e ""' } }),
);

try {
  // The first run brings the build up to date; what is measured is an unchanged tree.
  timed('npm', ['run', 'ask', '--', QUESTION]);
  const npmAsk = await series(() => timed('npm', ['run', 'ask', '--', QUESTION]));
  const bareAsk = await series(() => timed(process.execPath, ['dist/src/cli/ask.js', QUESTION]));
  const npmNoop = await series(() => timed('npm', ['run', 'noop'], noopDir));
  const nodeNoop = await series(() => timed(process.execPath, ['-e', '']));
  const npmConsole = await series(() => untilPrompt('npm run console'));
  const bareConsole = await series(() => untilPrompt(`${process.execPath} dist/src/cli/console.js`));

  const rows: [string, number, string][] = [
    ['npm run ask, unchanged tree', npmAsk, ratio(npmAsk, npmNoop + bareAsk)],
    ['  the bare program (node dist/src/cli/ask.js)', bareAsk, ''],
    ['  npm running a no-op script', npmNoop, ''],
    ['  node doing nothing', nodeNoop, ''],
    ['npm run console, until its prompt', npmConsole, ratio(npmConsole, npmNoop + bareConsole)],
    ['  the bare console, until its prompt', bareConsole, ''],
  ];
  console.log(`Start-up, median of ${runs} runs (ratio: npm script ÷ (npm no-op + bare program))\n`);
  for (const [what, value, r] of rows) console.log(`${what.padEnd(48)} ${ms(value).padStart(8)}  ${r}`);
  // The launcher runs the program inside the Node process npm starts, so it saves one Node start.
  const overhead = npmAsk - npmNoop - bareAsk + nodeNoop;
  console.log(
    `\nWhat the freshness check costs (npm run ask − npm no-op − bare program + one Node start): ${ms(overhead)}`,
  );
  const met = npmAsk <= TARGET_MS && npmConsole <= TARGET_MS;
  console.log(
    `Target: npm run ask and the console prompt ≤ ${TARGET_MS} ms: ${met ? 'met' : 'not met on this run'}` +
      ` (npm alone takes ${ms(npmNoop)} here; machine load moves every figure)`,
  );
} finally {
  rmSync(noopDir, { recursive: true, force: true });
}
