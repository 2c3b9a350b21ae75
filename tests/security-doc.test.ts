/**
 * docs/security.md names, for every entry point, the test that proves its check: each named test
 * must exist, so that the threat model cannot point at proof that is not there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASK_MENU } from '../src/discord/definitions.js';
import { ROOT } from './support/bot.js';

const doc = readFileSync(join(ROOT, 'docs/security.md'), 'utf8');
const rows = doc.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Entry point'));

/** `tests/file.test.ts` › name › name; … from the last cell of each row. */
function namedTests(cell: string): { file: string; name: string }[] {
  return cell
    .split('`tests/')
    .slice(1)
    .flatMap((chunk) => {
      const [file = '', ...names] = chunk.split(/`?\s*›\s*/);
      return names.map((name) => ({
        file: file.replace(/`.*$/s, ''),
        name: name.replace(/\s*\((gateway and HTTP|the decision itself)\)/g, '').replace(/[;\s]+$/, ''),
      }));
    });
}

describe('docs/security.md', () => {
  it('has a row for every entry point, each naming tests that exist', () => {
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      const proof = (row.split(' | ').at(-1) ?? '').replace(/\s*\|$/, '');
      expect(proof, row.slice(0, 60)).toContain('`tests/');
      for (const { file, name } of namedTests(proof)) {
        const source = readFileSync(join(ROOT, 'tests', file), 'utf8').replaceAll(`\${ASK_MENU}`, ASK_MENU);
        const wanted = name.replace(/…$/, '');
        expect(source.includes(wanted), `${file} › ${name}`).toBe(true);
      }
    }
  });
});
