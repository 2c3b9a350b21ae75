import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The core answers without knowing who asks; adapters depend on it, never the reverse (the folder
 * rules below, and no import cycle). The console must start without loading discord.js (which
 * alone costs ~300 ms and ~74 MB).
 */

const SRC = resolve(import.meta.dirname, '../src');

/** What a file imports, type-only and dynamic imports included: each is a dependency to read. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms),
    ...text.matchAll(/\bimport\('([^']+)'\)/g),
  ].map((m) => m[1] as string);
}

const local = (file: string, spec: string) => resolve(dirname(file), spec.replace(/\.js$/, '.ts'));

/** Every module a file loads, transitively: project files by path, packages by name. */
function closure(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) visit(local(file, spec));
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

/** Groups of nodes that reach one another (Tarjan's strongly connected components), larger than one. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (stack.includes(next))
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
    }
    if (low.get(node) === index.get(node)) {
      const group = stack.splice(stack.indexOf(node));
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found.map((g) => g.sort()).sort();
}

function importGraph(): { files: Map<string, Set<string>>; folders: Map<string, Set<string>> } {
  const files = new Map<string, Set<string>>();
  const folders = new Map<string, Set<string>>();
  for (const file of sources('.')) {
    const from = relative(SRC, file);
    const targets = importsOf(file)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => relative(SRC, local(file, spec)));
    files.set(from, new Set(targets));
    const folder = dirname(from);
    const reached = folders.get(folder) ?? new Set<string>();
    for (const target of targets) if (dirname(target) !== folder) reached.add(dirname(target));
    folders.set(folder, reached);
  }
  return { files, folders };
}

/**
 * The core: folders that answer from the fact base with plain replies, knowing nothing of who
 * asks (files at the top of src/ are core too). Every other folder is a layer of its own:
 * - ops: logs, metrics and the health server, which every running program uses;
 * - discord: what the two Discord transports share (messages, custom ids, definitions,
 *   permissions, notices, the runtime);
 * - gateway: the discord.js bot (client, shards, mentions, interaction events);
 * - http: the HTTP interactions endpoint (signed requests in, Discord's REST API out);
 * - console: the console and `npm run ask`;
 * - cli: one program per npm script, the only place that puts the others together.
 * A new folder must be placed in one of these, which decides what it may import.
 */
const CORE = [
  'answers',
  'ask',
  'build',
  'commands',
  'engine',
  'insights',
  'knowledge',
  'language',
  'reload',
  'search',
  'store',
  'text',
  'timeline',
];
const OUTER = ['ops', 'discord', 'gateway', 'http', 'console', 'cli'] as const;
type Layer = 'core' | (typeof OUTER)[number];
const ADAPTERS: Layer[] = ['discord', 'gateway', 'http', 'console', 'cli'];

/** The folder rules: what each layer may not import, and why. */
const FORBIDDEN: Record<Layer, { layers: Layer[]; why: string }> = {
  core: { layers: [...ADAPTERS, 'ops'], why: 'the core answers without knowing who asks' },
  ops: { layers: ADAPTERS, why: 'adapters depend on ops, never the reverse' },
  discord: {
    layers: ['gateway', 'http', 'console', 'cli'],
    why: 'the shared layer serves both transports alike',
  },
  gateway: { layers: ['http', 'console', 'cli'], why: 'the transports share only src/discord/' },
  http: { layers: ['gateway', 'console', 'cli'], why: 'the transports share only src/discord/' },
  console: {
    layers: ['discord', 'gateway', 'http', 'ops', 'cli'],
    why: 'the console starts without discord.js or the servers',
  },
  cli: { layers: [], why: '' },
};

function layerOf(file: string): Layer {
  const folder = file.includes('/') ? (file.split('/')[0] as string) : '';
  if (!folder || CORE.includes(folder)) return 'core';
  const layer = OUTER.find((l) => l === folder);
  if (!layer) throw new Error(`src/${folder}/ is in no layer: add it to CORE or OUTER`);
  return layer;
}

/** Imports (source file → imported file, both relative to src/) that break a folder rule. */
function brokenRules(imports: Iterable<[string, string]>): string[] {
  const broken: string[] = [];
  for (const [from, to] of imports) {
    const rule = FORBIDDEN[layerOf(from)];
    if (rule.layers.includes(layerOf(to))) broken.push(`${from} → ${to}: ${rule.why}`);
  }
  return broken;
}

describe('architecture', () => {
  it.each(['cli/ask.ts', 'cli/console.ts'])('%s never loads discord.js or the bot', (entry) => {
    const { files, packages } = closure(entry);
    expect([...packages].filter((p) => p === 'discord.js' || p === 'pino')).toEqual([]);
    const discord = [...files]
      .map((f) => relative(SRC, f))
      .filter((f) => /^(discord|gateway|http)\//.test(f));
    expect(discord).toEqual([]);
  });

  it('sees the bot’s own imports (so the checks above can fail)', () => {
    expect(closure('cli/start.ts').packages).toContain('discord.js');
    expect([...closure('cli/start.ts').files].some((f) => f.endsWith('gateway/bot.ts'))).toBe(true);
  });

  it('places every folder in a layer, and every import keeps the folder rules', () => {
    const { files } = importGraph();
    const imports = [...files].flatMap(([from, targets]) =>
      [...targets].map((to) => [from, to] as [string, string]),
    );
    expect(imports.length).toBeGreaterThan(300);
    expect(brokenRules(imports)).toEqual([]);
  });

  it('finds an import that breaks a folder rule (so the check above can fail)', () => {
    expect(
      brokenRules([
        ['http/interactions.ts', 'gateway/mentions.ts'],
        ['engine/engine.ts', 'ops/log.ts'],
        ['ops/metrics.ts', 'discord/definitions.ts'],
        ['gateway/bot.ts', 'discord/answer.ts'],
      ]),
    ).toEqual([
      'http/interactions.ts → gateway/mentions.ts: the transports share only src/discord/',
      'engine/engine.ts → ops/log.ts: the core answers without knowing who asks',
      'ops/metrics.ts → discord/definitions.ts: adapters depend on ops, never the reverse',
    ]);
    expect(() => layerOf('newfolder/x.ts')).toThrow('src/newfolder/ is in no layer');
  });

  it('keeps the core free of Discord, logging and metrics packages', () => {
    const core = sources('.').filter((f) => layerOf(relative(SRC, f)) === 'core');
    const leaks = core.flatMap((file) =>
      importsOf(file)
        .filter((spec) => /^discord\.js$|^pino$|^prom-client$/.test(spec))
        .map((spec) => `${relative(SRC, file)} → ${spec}`),
    );
    expect(core.length).toBeGreaterThan(30);
    expect(leaks).toEqual([]);
  });

  it('has no import cycle between files or between folders', () => {
    const { files, folders } = importGraph();
    expect(files.size).toBeGreaterThan(30);
    expect(cycles(files).map((c) => c.join(' '))).toEqual([]);
    expect(cycles(folders).map((c) => c.join(' '))).toEqual([]);
  });

  it('finds a cycle when there is one (so the check above can fail)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a', 'd'])],
      ['d', new Set<string>()],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
  });

  it('loads the store’s packages only when the store opens: src imports no value from them statically', () => {
    // The gateway bot's single bundled file runs every static import at start, whatever module
    // holds it; Kysely loaded from its own modules took over 300 ms and 20 MB.
    const store = /^import\s+(?!type\s)([^;]*?)\s+from\s+'(kysely|pg|better-sqlite3)'/gms;
    const valueImports = sources('.').flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(store)]
        .filter(([, clause = '']) =>
          /^\{/.test(clause)
            ? clause
                .replace(/[{}]/g, '')
                .split(',')
                .some((name) => name.trim() && !name.trim().startsWith('type '))
            : true,
        )
        .map(([statement]) => `${relative(SRC, file)}: ${statement}`),
    );
    expect(valueImports).toEqual([]);
    expect("import { sql } from 'kysely';".match(store)).not.toBeNull();
  });

  it('answers without the commands: nothing in src/ask or src/answers imports a command module', () => {
    const answering = [...sources('ask'), ...sources('answers')];
    const commandImports = answering.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.includes('/commands/'))
        .map((spec) => `${relative(SRC, file)} → ${spec}`),
    );
    expect(answering.length).toBeGreaterThan(5);
    expect(commandImports).toEqual([]);
  });
});
