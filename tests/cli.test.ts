import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Reply } from '../src/answers/reply.js';
import { renderText } from '../src/console/render.js';

const ROOT = resolve(import.meta.dirname, '..');
const ASK_CLI = join(ROOT, 'dist/src/cli/ask.js');
const CONSOLE_CLI = join(ROOT, 'dist/src/cli/console.js');
const STACK_LINE = '    at ';

const home = mkdtempSync(join(tmpdir(), 'summit-cli-'));
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[], input?: string): Run {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    SUMMIT_HISTORY: join(home, 'history'),
  };
  delete env.KNOWLEDGE_DIR;
  delete env.SUMMIT_DEBUG;
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 20_000,
    ...(input !== undefined && { input }),
  });
  // A failed run should show what the program said.
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ask = (...args: string[]) => run(ASK_CLI, args);

interface JsonAnswer {
  input: string;
  text: string;
  reply: Reply;
}

function jsonLines(stdout: string): JsonAnswer[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as JsonAnswer);
}

describe('npm run ask (dist/src/cli/ask.js)', () => {
  it('answers a question with its sources and exits 0', () => {
    const { status, stdout, stderr } = ask('When did Netanyahu and Putin meet in Sochi?');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/September 2019/);
    expect(stdout).toContain('Sources:');
    expect(stdout).toMatch(/\[1\] .*“.+” — /);
    // NO_COLOR and a pipe: no escape codes.
    expect(stdout).not.toContain('\u001b[');
  });

  it('runs a slash command line', () => {
    const { status, stdout, stderr } = ask('/quote speaker:Putin query:triumph of light');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/triumph of light over dark/);
    expect(stdout).toContain('Vladimir Putin');
    expect(stdout).toContain('Sources:');
  });

  it('--json prints exactly one JSON object {input, text, reply} for one line', () => {
    const line = '/meetings year:2015';
    const { status, stdout, stderr } = ask('--json', line);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    const answers = jsonLines(stdout);
    expect(answers).toHaveLength(1);
    const answer = answers[0] as JsonAnswer;
    expect(Object.keys(answer).sort()).toEqual(['input', 'reply', 'text']);
    expect(answer.input).toBe(line);
    expect(answer.reply.kind).toBe('answer');
    expect(answer.reply.citations.length).toBeGreaterThan(0);
    // `text` is the plain rendering of `reply`, as the console would print it.
    expect(answer.text).toBe(renderText(answer.reply));
    expect(answer.text).not.toContain('\u001b[');
  });

  it('--json with lines on stdin prints one JSON object per non-empty line, in order', () => {
    const lines = ['When did they meet in Sochi?', '/help', '/meetings year:2015', '/sources'];
    const input = `${lines[0]}\n\n${lines[1]}\n   \n${lines[2]}\r\n${lines[3]}`;
    const { status, stdout, stderr } = run(ASK_CLI, ['--json'], input);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const answers = jsonLines(stdout);
    expect(stdout.trimEnd().split('\n')).toHaveLength(lines.length);
    expect(answers.map((a) => a.input)).toEqual(lines);
    expect(answers.map((a) => a.reply.kind)).toEqual(['answer', 'answer', 'answer', 'answer']);
    expect(answers[1]?.text).toMatch(/^Summit: /);
  });

  it('exits 2 with usage on stderr when given no arguments', () => {
    const { status, stdout, stderr } = ask();
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Usage: /);
    expect(stderr).toContain('--json');
    expect(stderr).not.toContain(STACK_LINE);
  });

  it('exits 2 for an unknown flag, naming it', () => {
    const { status, stdout, stderr } = ask('--verbose', 'When did they meet in Sochi?');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Unknown option --verbose');
    expect(stderr).toContain('Usage: ');
    expect(stderr).not.toContain(STACK_LINE);
  });

  it.each([
    {
      line: '/meetings city:Paris',
      message: /\/meetings has no option “city”. Its options are: year, place/,
    },
    { line: '/meeting', message: /\/meeting needs query/ },
    { line: '/meetings year:abc', message: /year must be a whole number/ },
  ])('exits 2 with a friendly message for the usage error $line', ({ line, message }) => {
    const { status, stdout, stderr } = ask(line);
    expect(status).toBe(2);
    expect(stdout).toMatch(/^• Not quite\n/);
    expect(stdout).toMatch(message);
    expect(stdout).not.toMatch(/UsageError|Error:/);
    expect(stdout).not.toContain(STACK_LINE);
    expect(stderr).not.toContain(STACK_LINE);
  });
});

describe('npm run console (dist/src/cli/console.js) on a pipe', () => {
  const lines = [
    '/next',
    '/meetings',
    '/next',
    '/prev',
    '/help',
    'When did they meet in Sochi?',
    '',
    '/quit',
    '/sources',
  ];
  let result: Run | undefined;
  const session = (): Run => {
    result ??= run(CONSOLE_CLI, [], `${lines.join('\n')}\n`);
    return result;
  };

  it('answers each line, turns pages with /next and /prev, and exits 0', () => {
    const { status, stdout, stderr } = session();
    expect(stderr).toBe('');
    expect(status).toBe(0);
    // Not a TTY: no banner, no prompt, no colour.
    expect(stdout).not.toContain('summit>');
    expect(stdout).not.toContain('Summit offline console');
    expect(stdout).not.toContain('\u001b[');

    const noList = stdout.indexOf('No list to turn');
    const first = stdout.indexOf('Page 1 of 2');
    const second = stdout.indexOf('Page 2 of 2');
    const back = stdout.indexOf('Page 1 of 2', first + 1);
    expect(noList).toBeGreaterThanOrEqual(0);
    expect(first).toBeGreaterThan(noList);
    expect(second).toBeGreaterThan(first);
    expect(back).toBeGreaterThan(second);
    // /meetings, then /next, then /prev: the same list three times.
    expect(stdout.match(/^Netanyahu–Putin meetings$/gm)).toHaveLength(3);
  });

  it('answers /help and questions, with sources, and stops at /quit', () => {
    const { stdout } = session();
    const help = stdout.indexOf('Summit: the Netanyahu–Putin meetings');
    expect(help).toBeGreaterThan(0);
    for (const command of ['/ask', '/meetings', '/meeting', '/quote', '/when', '/where', '/sources']) {
      expect(stdout.slice(help)).toContain(`\n${command}\n`);
    }
    const answer = stdout.indexOf('When: Sochi', help);
    expect(answer).toBeGreaterThan(help);
    expect(stdout.slice(answer)).toContain('Sources:');
    // The line after /quit is not answered.
    expect(stdout).not.toContain('Source articles');
  });

  it('exits 0 at the end of input without /quit', () => {
    const { status, stdout, stderr } = run(CONSOLE_CLI, [], '/meetings year:abc\n/meetngs');
    expect(status).toBe(0);
    expect(stdout).toContain('year must be a whole number');
    expect(stdout).toContain('There is no command /meetngs');
    expect(stderr).not.toContain(STACK_LINE);
  });
});
