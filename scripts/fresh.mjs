// Runs a built program after bringing dist/ up to date with what changed since the last build.
//
//   node scripts/fresh.mjs [--force] [dist/program.js [args…]]
//
// Every npm script starts here, so a user who edits src/ or knowledge/ gets a fresh build without
// asking, while an unchanged tree starts the program at once: the full build takes seconds, this
// check a few milliseconds (it compares sizes and modification times, the way make does). Plain
// JavaScript, so that it runs before anything is compiled. The program runs in this process,
// which saves starting Node twice.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const STAMP = resolve(ROOT, 'dist/.fresh.json');
const LOCK = resolve(ROOT, 'dist/.fresh.lock');

/** What the compiled code and the bundle are made from: sources, build configuration, dependencies. */
const CODE_INPUTS = [
  'src',
  'scripts',
  'bench',
  'tests/support/fake-discord',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json',
  // Rewritten by every `npm ci` / `npm install`, so the first run after one builds.
  'node_modules/.package-lock.json',
];
/** What the build must leave behind; a missing one means building again. */
const OUTPUTS = ['dist/src/cli/ask.js', 'dist/src/cli/start.bundle.js', 'dist/scripts/prebuild-knowledge.js'];

/** `.env` fills in what the environment lacks, as the programs themselves read it. */
function setting(name) {
  if (process.env[name] !== undefined) return process.env[name].trim();
  try {
    const line = readFileSync(resolve(ROOT, '.env'), 'utf8').match(new RegExp(`^\\s*${name}\\s*=(.*)$`, 'm'));
    return line?.[1]?.trim().replace(/^(['"])(.*)\1$/, '$2') ?? '';
  } catch {
    return '';
  }
}

/** Sizes and modification times of every file under the given paths, as one string. */
function fingerprint(paths) {
  const parts = [];
  const visit = (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      parts.push(`${path}:-`);
      return;
    }
    if (stat.isDirectory()) {
      // Dot folders hold generated data (bench/.data), not inputs.
      for (const name of readdirSync(path).sort()) if (!name.startsWith('.')) visit(`${path}/${name}`);
    } else parts.push(`${path}:${stat.size}:${stat.mtimeMs}`);
  };
  for (const path of paths) visit(resolve(ROOT, path));
  return parts.join('\n');
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return {};
  }
}

/** A build step that failed; it has said why. */
class StepFailed extends Error {
  constructor(status) {
    super(`build step failed with status ${status}`);
    this.status = status;
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  // Nothing is stamped, so the next run tries the step again.
  if (result.status !== 0) throw new StepFailed(result.status ?? 1);
}

/** Whether the build that holds the lock is still running. */
function holderAlive() {
  try {
    process.kill(Number(readFileSync(`${LOCK}/pid`, 'utf8')), 0);
    return true;
  } catch (error) {
    // EPERM: alive, someone else's. No pid file yet: the holder is between two calls.
    return error.code === 'EPERM' || error.code === 'ENOENT';
  }
}

/** One build at a time: a second script started meanwhile waits, then finds the tree fresh. */
function withLock(build) {
  mkdirSync(resolve(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(`${LOCK}/pid`, String(process.pid));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (!holderAlive()) rmSync(LOCK, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function current() {
  const knowledge = setting('KNOWLEDGE_DIR') || 'knowledge';
  return {
    code: fingerprint([...CODE_INPUTS, ...OUTPUTS]),
    knowledge: `${setting('SUMMIT_SNAPSHOTS')}\n${fingerprint([knowledge])}`,
  };
}

/** Builds what is out of date: the code (tsc, then the bundle), then the saved fact base. */
function ensureFresh({ force = false } = {}) {
  let want = current();
  let stamp = readStamp();
  if (!force && stamp.code === want.code && stamp.knowledge === want.knowledge) return;
  withLock(() => {
    stamp = force ? {} : readStamp();
    want = current();
    const tsc = resolve(ROOT, 'node_modules/.bin/tsc');
    if (stamp.code !== want.code) {
      const why = force
        ? 'building'
        : stamp.code === undefined
          ? 'building once; later runs rebuild only what changed'
          : 'rebuilding (the sources changed since the last build)';
      process.stderr.write(`summit: ${why}…\n`);
      run(tsc, ['-p', 'tsconfig.build.json']);
      run(process.execPath, ['dist/scripts/bundle.js']);
      stamp = { code: current().code };
      writeFileSync(STAMP, JSON.stringify(stamp));
    }
    if (stamp.knowledge !== want.knowledge) {
      run(process.execPath, ['dist/scripts/prebuild-knowledge.js']);
      writeFileSync(STAMP, JSON.stringify({ ...stamp, knowledge: current().knowledge }));
    }
  });
}

const [flag, ...rest] = process.argv.slice(2);
const force = flag === '--force';
const [program, ...args] = force ? rest : [flag, ...rest].filter((a) => a !== undefined);
try {
  ensureFresh({ force });
} catch (error) {
  if (!(error instanceof StepFailed)) throw error;
  process.exit(error.status);
}
if (program) {
  // The program reads its arguments as if Node had started it directly.
  process.argv = [process.argv[0], resolve(ROOT, program), ...args];
  await import(pathToFileURL(resolve(ROOT, program)).href);
}
