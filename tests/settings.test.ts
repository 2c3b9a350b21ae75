import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knowledgeSettings, readShardCount, SettingsError, settingNames } from '../src/settings.js';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );

/** Files that still name a setting themselves. */
const READ_ELSEWHERE = [
  // Not a read: discord.js's ShardingManager hands SHARD_COUNT to its shards, and an unsharded
  // bot removes it so that discord.js does not take start:sharded's setting for an instruction.
  'gateway/sharding.ts SHARD_COUNT',
];

describe('settings', () => {
  it('documents every setting in .env.example, each with a one-line comment above it, and nothing else', () => {
    const lines = readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n');
    const documented = lines.flatMap((line, i) => {
      const name = line.match(/^([A-Z_]+)=/)?.[1];
      return name ? [{ name, comment: lines[i - 1] ?? '', before: lines[i - 2] ?? '' }] : [];
    });
    expect(documented.map((d) => d.name).sort()).toEqual([...settingNames()].sort());
    for (const { name, comment, before } of documented) {
      expect(comment, name).toMatch(/^# \S.{10,}$/);
      expect(before.startsWith('#') && !before.startsWith('# ---'), `${name} has one comment line`).toBe(
        false,
      );
    }
  });

  it('is read only through src/settings.ts', () => {
    const names = settingNames().join('|');
    const reads = sources(SRC)
      .filter((file) => !file.endsWith('/src/settings.ts'))
      .flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(new RegExp(`\\benv\\.(${names})\\b`, 'g'))].map(
          (m) => `${relative(SRC, file)} ${m[1]}`,
        ),
      );
    expect([...new Set(reads)]).toEqual(READ_ELSEWHERE);
  });

  it('gives the offline programs their defaults, and one line for a bad value', () => {
    const settings = knowledgeSettings({ KNOWLEDGE_DIR: '  ', SUMMIT_HISTORY: '/tmp/h' });
    expect(settings.KNOWLEDGE_DIR).toBe(resolve('knowledge'));
    expect(settings.SUMMIT_HISTORY).toBe('/tmp/h');
    expect(settings.SUMMIT_DEBUG).toBe('0');
    expect(() => knowledgeSettings({ SUMMIT_DEBUG: 'yes' })).toThrow(
      new SettingsError('SUMMIT_DEBUG must be 0 or 1.'),
    );
  });

  it('reads the shard count as auto or a whole number from 1', () => {
    expect(readShardCount({})).toBe('auto');
    expect(readShardCount({ SHARD_COUNT: ' 4 ' })).toBe(4);
    for (const bad of ['0', '1.5', 'two']) {
      expect(() => readShardCount({ SHARD_COUNT: bad })).toThrow(
        'SHARD_COUNT must be a whole number of shards from 1 up, or auto for the number Discord recommends.',
      );
    }
  });
});
