import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingNames } from '../src/settings.js';

/** The README and docs/ as a newcomer follows them: every command they show exists, and runs. */

const ROOT = resolve(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const README = read('README.md');
const PAGES = readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));
const scripts = Object.keys(
  (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts,
);

/** The command lines of a page's shell blocks, comments off. */
function shellLines(markdown: string): string[] {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    (m[1] as string)
      .split('\n')
      .map((line) => line.replace(/\s+#\s.*$/, '').trim())
      .filter(Boolean),
  );
}

function runShell(line: string, input = '') {
  return spawnSync('sh', ['-c', line], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', SUMMIT_HISTORY: '/dev/null' },
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
}

describe('README.md', () => {
  it('fits one screen', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(45);
  });

  it('links every docs page, and every link leads to one', () => {
    const links = [...README.matchAll(/\]\((docs\/[^)]+\.md)\)/g)].map((m) => m[1]);
    expect(new Set(links)).toEqual(new Set(PAGES.map((p) => `docs/${p}`)));
  });

  it.each(shellLines(README).filter((line) => line.startsWith('npm run ask')))('runs %s', (line) => {
    const { status, stdout, stderr } = runShell(line);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(status, stderr).toBe(0);
    expect(stdout).toMatch(/\S/);
    if (line.includes('--json')) expect(() => JSON.parse(stdout)).not.toThrow();
    else expect(stdout).toContain('Sources:');
  });

  it('runs npm run console, answering /help until exit', () => {
    const { status, stdout } = runShell('npm run console', '/help\nexit\n/sources\n');
    expect(status).toBe(0);
    expect(stdout).toContain('/quote speaker:Putin query:triumph of light');
    expect(stdout).not.toContain('Source articles');
  });
});

describe('docs/', () => {
  const everything = [README, ...PAGES.map((p) => read(`docs/${p}`))].join('\n');

  it('names only npm scripts that exist', () => {
    const named = [...everything.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] as string);
    expect(named.length).toBeGreaterThan(10);
    expect([...new Set(named)].filter((name) => !scripts.includes(name))).toEqual([]);
  });

  it('runs the npm run ask lines of docs/console.md', () => {
    const lines = shellLines(read('docs/console.md')).filter(
      (l) => l.startsWith('npm run ask') && !l.includes('<'),
    );
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(runShell(line).status, line).toBe(0);
  }, 120_000);

  it('names only the image’s own modes in docker run lines', () => {
    const entrypoint = read('docker/entrypoint.sh');
    const modes = shellLines(read('docs/docker.md'))
      .filter((l) => l.startsWith('docker run'))
      .map((l) => {
        // The image is the word `summit` that is not a container's --name; the mode follows it.
        const words = l.split(/\s+/);
        const image = words.findIndex((w, i) => w === 'summit' && words[i - 1] !== '--name');
        return words[image + 1] ?? 'start';
      });
    expect(modes.length).toBeGreaterThan(3);
    for (const mode of modes) expect(entrypoint, mode).toMatch(new RegExp(`\\b${mode}\\)|${mode} \\|`));
  });

  it('documents every setting in docs/operations.md’s table, and only those', () => {
    const table = [...read('docs/operations.md').matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(new Set(table)).toEqual(new Set(settingNames()));
  });
});
