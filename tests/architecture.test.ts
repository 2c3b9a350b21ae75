import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The core answers without knowing who asks; adapters depend on it, never the reverse. The console
 * must start without loading discord.js (which alone costs ~300 ms and ~74 MB).
 */

const SRC = resolve(import.meta.dirname, '../src');

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1] as string);
}

/** Every module a file loads, transitively: project files by path, packages by name. */
function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
  };
  visit(join(SRC, entry));
  return { files, packages };
}

const sources = (dir: string): string[] =>
  readdirSync(join(SRC, dir), { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(SRC, dir, d.name)] : [],
  );

/** Where the adapters live: everything that knows about Discord, HTTP, a terminal or operations. */
const ADAPTER_DIR = /\/(discord|http|console|ops|cli)\//;

describe('architecture', () => {
  it.each(['cli/ask.ts', 'cli/console.ts'])('%s never loads discord.js or the bot', (entry) => {
    const { files, packages } = closure(entry);
    expect([...packages].filter((p) => p === 'discord.js' || p === 'pino')).toEqual([]);
    expect([...files].map((f) => relative(SRC, f)).filter((f) => f.startsWith('discord/'))).toEqual([]);
  });

  it('sees the bot’s own imports (so the checks above can fail)', () => {
    expect(closure('cli/start.ts').packages).toContain('discord.js');
    expect([...closure('cli/start.ts').files].some((f) => f.endsWith('discord/bot.ts'))).toBe(true);
  });

  it('keeps the core free of adapters: nothing outside the adapters (discord, http, console, ops, cli) imports them', () => {
    const core = sources('.').filter((f) => !ADAPTER_DIR.test(relative(SRC, f).replace(/^/, '/')));
    const leaks = core.flatMap((file) =>
      importsOf(file)
        .filter((spec) => ADAPTER_DIR.test(spec) || /^discord\.js$|^pino$|^prom-client$/.test(spec))
        .map((spec) => `${relative(SRC, file)} → ${spec}`),
    );
    expect(core.length).toBeGreaterThan(30);
    expect(leaks).toEqual([]);
  });

  it('answers without the commands: nothing in src/ask or src/answers imports a command module', () => {
    const answering = [...sources('ask'), ...sources('answers')];
    const cycles = answering.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.includes('/commands/'))
        .map((spec) => `${relative(SRC, file)} → ${spec}`),
    );
    expect(answering.length).toBeGreaterThan(5);
    expect(cycles).toEqual([]);
  });
});
