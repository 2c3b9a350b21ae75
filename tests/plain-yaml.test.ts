import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { generateKnowledge } from '../scripts/synthetic/generate.js';
import { yamlRecord } from '../scripts/synthetic/yaml-writer.js';
import { checkKnowledge } from '../src/knowledge/load.js';
import { readPlainYamlList } from '../src/knowledge/plain-yaml.js';
import { PROPERTY_TIMEOUT_MS } from './support/property-runs.js';

/**
 * The fast reader of machine-written YAML must never disagree with the YAML parser: whatever it
 * reads, it reads as the parser does, and anything else (every YAML mistake included) it leaves
 * to the parser.
 */

const FILES = ['sources', 'people', 'places', 'topics', 'meetings', 'events', 'quotes'].map(
  (n) => `${n}.yaml`,
);
const temp = mkdtempSync(join(tmpdir(), 'summit-plain-yaml-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** What the YAML parser makes of a text: its records, or undefined when it reports a mistake. */
function parsed(source: string): unknown {
  const doc = parseDocument(source);
  return doc.errors.length > 0 ? undefined : doc.toJS();
}

/** The reader agrees with the parser, or declines. */
function agrees(source: string): void {
  const plain = readPlainYamlList(source);
  if (plain !== undefined) expect(plain).toEqual(parsed(source));
}

const text = fc.string({ unit: 'binary', maxLength: 30 });
const key = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,8}$/);
const record: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ record: Record<string, unknown> }>(
  (tie) => ({
    record: fc.dictionary(
      key,
      fc.oneof(
        { weight: 4, arbitrary: text },
        { weight: 2, arbitrary: fc.array(text, { maxLength: 4 }) },
        { weight: 1, arbitrary: fc.array(tie('record'), { minLength: 1, maxLength: 3 }) },
        { weight: 1, arbitrary: tie('record') },
      ),
      { minKeys: 1, maxKeys: 5, depthIdentifier: 'record' },
    ),
  }),
).record;

describe('readPlainYamlList', () => {
  it('reads what the synthetic generator writes exactly as the YAML parser does', () => {
    const dir = join(temp, 'synthetic');
    generateKnowledge(dir, { meetings: 40, seed: 3 });
    for (const file of FILES) {
      const source = readFileSync(join(dir, file), 'utf8');
      const plain = readPlainYamlList(source);
      expect(plain, file).toBeDefined();
      expect(plain).toEqual(parsed(source));
    }
  });

  it('leaves the hand-written fact base to the YAML parser or agrees with it', () => {
    for (const file of FILES)
      agrees(readFileSync(resolve(import.meta.dirname, '../knowledge', file), 'utf8'));
  });

  it('reads any records written in plain form as the parser does, but leaves it odd line breaks', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 4 }), (records) => {
        const source = records.map(yamlRecord).join('');
        // JSON leaves NEL, LS, PS and the BOM unescaped; YAML gives them meanings of their own.
        const expected = /[\u0085\u2028\u2029\uFEFF]/.test(source) ? undefined : parsed(source);
        expect(readPlainYamlList(source)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the parser or declines when a plain file is edited by hand', {
    timeout: PROPERTY_TIMEOUT_MS,
  }, () => {
    const edits = fc.constantFrom(
      ' ',
      '  ',
      '\t',
      '#',
      ' # note',
      '- ',
      ': ',
      '"',
      "'",
      '[',
      ']',
      '&a ',
      '*a',
      '\\x41',
      '\\u0041',
      'null',
      '~',
      '|',
      '>-',
      '---',
      '\r',
    );
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.nat(),
        edits,
        (records, line, column, edit) => {
          const lines = records.map(yamlRecord).join('').split('\n');
          const at = line % lines.length;
          const target = lines[at] ?? '';
          const cut = column % (target.length + 1);
          lines[at] = target.slice(0, cut) + edit + target.slice(cut);
          agrees(lines.join('\n'));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it.each([
    ['a duplicate key', '- id: "a"\n  id: "b"\n'],
    ['a key YAML reads as null', '- id: "a"\n  null: "b"\n'],
    ['a plain scalar', '- id: a\n'],
    ['an anchor', '- id: &x "a"\n'],
    ['a comment after a value', '- id: "a" # why\n'],
    ['a YAML-only escape', '- id: "\\x41"\n'],
    ['a top-level mapping', 'id: "a"\n'],
    ['an empty value', '- id:\n  kind: "x"\n'],
    ['a list at its key’s indentation', '- tags:\n  - a: "b"\n'],
    ['a document marker', '---\n- id: "a"\n'],
    ['nothing at all', '# only a comment\n'],
  ])('declines %s', (_what, source) => {
    expect(readPlainYamlList(source)).toBeUndefined();
  });

  it('reads JSON escapes as YAML does', () => {
    const source = '- text: "\\"quoted\\" \\\\ \\/ \\u00e9 \\n"\n  list: ["a", "\\t"]\n';
    expect(readPlainYamlList(source)).toEqual(parsed(source));
  });
});

describe('loading a fact base in plain form', () => {
  it('reports a bad record at its line, as it would any hand-written file', () => {
    const dir = join(temp, 'broken');
    generateKnowledge(dir, { meetings: 5, seed: 4 });
    const path = join(dir, 'meetings.yaml');
    const source = readFileSync(path, 'utf8');
    const broken = source.replace('kind: "', 'kind: "bogus-');
    writeFileSync(path, broken);
    const line = broken.split('\n').findIndex((l) => l.includes('bogus-')) + 1;
    const { problems } = checkKnowledge(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'meetings.yaml', line });
    expect(problems[0]?.path).toMatch(/^\[0\]\.kind/);
  });
});
