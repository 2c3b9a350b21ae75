import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKnowledge } from '../scripts/synthetic/generate.js';
import { checkKnowledge } from '../src/knowledge/load.js';

/** The benchmark's fact bases must be valid to the real loader, realistic, and the same every time. */

const temp = mkdtempSync(join(tmpdir(), 'summit-synthetic-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const files = (dir: string) =>
  [
    ...readdirSync(dir).filter((f) => f.endsWith('.yaml')),
    ...readdirSync(join(dir, 'articles')).map((f) => join('articles', f)),
  ]
    .sort()
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')]);

describe('generateKnowledge', () => {
  const dir = join(temp, 'a');
  const made = generateKnowledge(dir, { meetings: 150, seed: 9 });
  const { knowledge, problems } = checkKnowledge(dir);

  it('writes a fact base the loader validates in full, without a problem', () => {
    expect(problems).toEqual([]);
    expect(knowledge?.meetings).toHaveLength(150);
    expect(knowledge?.quotes).toHaveLength(made.quotes);
    expect(knowledge?.sources).toHaveLength(150);
  });

  it('writes realistic records: places with venues, several quotes of 20 to 40 words a meeting, topics with aliases', () => {
    const kb = knowledge;
    if (!kb) throw new Error('no fact base');
    expect(kb.places.some((p) => p.kind === 'venue')).toBe(true);
    expect(kb.quotes.length / kb.meetings.length).toBeGreaterThanOrEqual(2.5);
    for (const q of kb.quotes.filter((x) => x.kind === 'direct')) {
      const words = q.text.split(/\s+/).length;
      expect(words).toBeGreaterThanOrEqual(20);
      expect(words).toBeLessThanOrEqual(40);
    }
    expect(kb.topics.every((t) => t.aliases.length > 0)).toBe(true);
    expect(kb.meetings.filter((m) => m.occasion).length).toBeGreaterThan(10);
  });

  it('writes the same files for the same size and seed', () => {
    const again = join(temp, 'b');
    generateKnowledge(again, { meetings: 150, seed: 9 });
    expect(files(again)).toEqual(files(dir));
  });
});
