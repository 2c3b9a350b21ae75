import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Terminal } from './support/terminal.js';

/** The console and `npm run ask` in a real pseudo-terminal: what only a terminal shows. */

const ROOT = resolve(import.meta.dirname, '..');
const home = mkdtempSync(join(tmpdir(), 'summit-terminal-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const PROMPT = 'summit> ';
const COLUMNS = 50;
const env = { SUMMIT_HISTORY: join(home, 'history'), NO_COLOR: '' };
const program = (name: string) => `${process.execPath} ${join(ROOT, 'dist/src/cli', name)}`;

/**
 * Runs the console, types each line after a prompt, and returns the screen after each answer;
 * then types exit.
 */
async function session(lines: string[]): Promise<{ terminal: Terminal; answers: string[] }> {
  const terminal = new Terminal(program('console.js'), { columns: COLUMNS, env });
  const answers: string[] = [];
  await terminal.waitFor(PROMPT);
  for (const [i, line] of lines.entries()) {
    const before = terminal.screen.length;
    terminal.type(line);
    await terminal.waitFor(PROMPT, i + 2);
    answers.push(terminal.screen.slice(before));
  }
  terminal.type('exit');
  return { terminal, answers };
}

/** Every word of the answer's text, in order, as a reader would gather them from the lines. */
const wordsOf = (text: string) => text.replace(/│|—/g, ' ').split(/\s+/).filter(Boolean);

describe('the console in a terminal', { timeout: 30_000 }, () => {
  it('folds answers at word boundaries to the terminal’s width', async () => {
    const { terminal, answers } = await session(['/quote speaker:Putin meeting:Sochi']);
    const answer = answers[0] as string;
    expect(await terminal.exited).toBe(0);
    const lines = answer.split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(COLUMNS);
    // Folded, not cut: the long quote's words are all there, whole and in order.
    const quote =
      'Russia cares a lot about who will be elected to the Knesset and I hope that whoever enters the Knesset will continue bilateral ties between the countries';
    expect(wordsOf(answer).join(' ')).toContain(quote);
    expect(lines.filter((l) => l.startsWith('│ ')).length).toBeGreaterThan(2);
  });

  it('clears the screen on clear, and leaves on exit with status 0', async () => {
    const terminal = new Terminal(program('console.js'), { columns: COLUMNS, env });
    await terminal.waitFor(PROMPT);
    terminal.type('clear');
    await terminal.waitFor(PROMPT, 2);
    // Node's console.clear on a TTY: cursor home, then erase below.
    expect(terminal.raw).toContain('\u001b[1;1H\u001b[0J');
    expect(terminal.screen).not.toContain('Sources:');
    terminal.type('exit');
    expect(await terminal.exited).toBe(0);
  });

  it('turns the pages of the last answer only', async () => {
    const { terminal, answers } = await session([
      '/meetings',
      '/next',
      'When did they meet in Sochi?',
      '/next',
    ]);
    expect(answers[0]).toContain('Page 1 of 2');
    expect(answers[1]).toContain('Page 2 of 2');
    expect(answers[3]).toContain('No list to turn');
    expect(answers[3]).toContain('The last answer has no other pages');
    expect(answers[3]).not.toContain('Page ');
    expect(await terminal.exited).toBe(0);
  });
});

describe('npm run ask in a terminal', { timeout: 30_000 }, () => {
  it('folds to the width too, and stays whole when piped', async () => {
    const terminal = new Terminal(`${program('ask.js')} "/quote speaker:Putin meeting:Sochi"`, {
      columns: COLUMNS,
      env,
    });
    expect(await terminal.exited).toBe(0);
    const lines = terminal.screen.split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(COLUMNS);
    expect(lines.filter((l) => l.startsWith('│ ')).length).toBeGreaterThan(2);
  });
});
