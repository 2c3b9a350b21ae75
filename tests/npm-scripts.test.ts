import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyKnowledge, mutate, removeKnowledgeCopies } from './support/knowledge-copy.js';

/** The npm scripts as a user meets them: nothing silent, JSON kept pure, builds only when due. */

const ROOT = resolve(import.meta.dirname, '..');
const temporary: string[] = [];
afterAll(() => {
  removeKnowledgeCopies();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
) {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
    ...(options.input !== undefined && { input: options.input }),
  });
  if (result.error) throw result.error;
  return result;
}

describe('npm run, seen by a user', { timeout: 120_000 }, () => {
  it('npm run ask --json prints one JSON object and nothing else on stdout', () => {
    const { status, stdout, stderr } = run('npm', ['run', 'ask', '--json', '/when Sochi']);
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string).input).toBe('/when Sochi');
    // npm's banner is still shown, on stderr.
    expect(stderr).toContain('> summit@');
  });

  it('npm run ask --json answers a batch on stdin, one JSON line each', () => {
    const input = 'When did they meet in Sochi?\n/help\n\n/meetings year:2015\n';
    const { status, stdout } = run('npm', ['run', 'ask', '--json'], { input });
    expect(status).toBe(0);
    const answers = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { input: string });
    expect(answers.map((a) => a.input)).toEqual([
      'When did they meet in Sochi?',
      '/help',
      '/meetings year:2015',
    ]);
  });

  it('a mistyped script name is named, with npm’s own words', () => {
    const { status, stderr } = run('npm', ['run', 'consol']);
    expect(status).not.toBe(0);
    expect(stderr).toContain('Missing script: "consol"');
  });

  it('a fact base with problems fails the build with knowledge:check’s file:line lines', () => {
    const dir = copyKnowledge();
    mutate(dir, 'meetings.yaml', 'participants: [netanyahu, putin]', 'participants: [netanyahu, putn]');
    const check = run(process.execPath, ['dist/src/cli/knowledge-check.js', dir]);
    const build = run(process.execPath, ['scripts/fresh.mjs'], { env: { KNOWLEDGE_DIR: dir } });
    expect(check.status).toBe(1);
    expect(build.status).toBe(1);
    expect(check.stderr).toMatch(/^meetings\.yaml:\d+:\d+ .*unknown person "putn"/m);
    expect(build.stderr.split('\n').filter((l) => /^\w+\.yaml:\d+/.test(l))).toEqual(
      check.stderr.split('\n').filter((l) => /^\w+\.yaml:\d+/.test(l)),
    );
  });
});

/**
 * The launcher in a project of its own, whose build steps only log that they ran, so that what it
 * rebuilds can be watched without rebuilding Summit under the other tests' feet.
 */
describe('scripts/fresh.mjs rebuilds only what changed', () => {
  const project = mkdtempSync(join(tmpdir(), 'summit-fresh-'));
  temporary.push(project);
  const log = join(project, 'steps.log');
  const step = (name: string, extra = '') =>
    `import { appendFileSync } from 'node:fs'; appendFileSync(${JSON.stringify(log)}, '${name}\\n'); ${extra}\n`;
  mkdirSync(join(project, 'scripts'));
  cpSync(join(ROOT, 'scripts/fresh.mjs'), join(project, 'scripts/fresh.mjs'));
  for (const dir of ['src/cli', 'knowledge', 'node_modules/.bin'])
    mkdirSync(join(project, dir), { recursive: true });
  writeFileSync(join(project, 'src/cli/ask.ts'), '// source\n');
  writeFileSync(join(project, 'knowledge/meetings.yaml'), '[]\n');
  writeFileSync(join(project, 'package-lock.json'), '{}\n');
  // The compiler writes the compiled program and the two later steps.
  const outputs = {
    'dist/src/cli/ask.js': step('program', 'console.log(JSON.stringify(process.argv.slice(2)));'),
    'dist/scripts/bundle.js': step(
      'bundle',
      `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(join(project, 'dist/src/cli/start.bundle.js'))}, '');`,
    ),
    'dist/scripts/prebuild-knowledge.js': step('prebuild', 'if (process.env.BREAK_FACTS) process.exit(1);'),
  };
  writeFileSync(
    join(project, 'node_modules/.bin/tsc'),
    `#!${process.execPath}\n${step('tsc')}import { mkdirSync, writeFileSync } from 'node:fs';\nfor (const [path, text] of Object.entries(${JSON.stringify(outputs)})) { mkdirSync(${JSON.stringify(project)} + '/' + path.replace(/\\/[^/]*$/, ''), { recursive: true }); writeFileSync(${JSON.stringify(project)} + '/' + path, text); }\n`,
  );
  chmodSync(join(project, 'node_modules/.bin/tsc'), 0o755);

  const steps = (env: NodeJS.ProcessEnv = {}, args: string[] = []) => {
    writeFileSync(log, '');
    const result = run(process.execPath, ['scripts/fresh.mjs', ...args], {
      cwd: project,
      env: { KNOWLEDGE_DIR: '', SUMMIT_SNAPSHOTS: '', ...env },
    });
    return {
      status: result.status,
      stdout: result.stdout,
      ran: readFileSync(log, 'utf8').split('\n').filter(Boolean),
    };
  };
  /** An edit: a later modification time (file systems may keep only whole seconds). */
  const edit = (path: string) => {
    edits += 1;
    const later = new Date(Date.now() + 5_000 * edits);
    writeFileSync(join(project, path), `// edit ${edits}\n`);
    utimesSync(join(project, path), later, later);
  };
  let edits = 0;

  it('builds everything the first time, then nothing while nothing changes', () => {
    expect(steps().ran).toEqual(['tsc', 'bundle', 'prebuild']);
    expect(steps().ran).toEqual([]);
  });

  it('compiles again after a source edit, and only saves the fact base after a fact-base edit', () => {
    edit('src/cli/ask.ts');
    expect(steps().ran).toEqual(['tsc', 'bundle', 'prebuild']);
    edit('knowledge/meetings.yaml');
    expect(steps().ran).toEqual(['prebuild']);
    edit('package-lock.json');
    expect(steps().ran).toEqual(['tsc', 'bundle', 'prebuild']);
  });

  it('fails with the fact-base step, and tries only that step again next time', () => {
    edit('knowledge/meetings.yaml');
    expect(steps({ BREAK_FACTS: '1' })).toMatchObject({ status: 1, ran: ['prebuild'] });
    expect(steps({ BREAK_FACTS: '1' })).toMatchObject({ status: 1, ran: ['prebuild'] });
    expect(steps()).toMatchObject({ status: 0, ran: ['prebuild'] });
    expect(steps().ran).toEqual([]);
  });

  it('runs the program with its own arguments when fresh, and builds everything on --force', () => {
    const { stdout, ran } = steps({}, ['dist/src/cli/ask.js', '--json', 'When?']);
    expect(ran).toEqual(['program']);
    expect(JSON.parse(stdout)).toEqual(['--json', 'When?']);
    expect(steps({}, ['--force']).ran).toEqual(['tsc', 'bundle', 'prebuild']);
  });
});
