/**
 * Question sets written by people who had read the five articles but never the engine: the
 * honest measure of how well free-text questions are understood. Each set must stay at or above
 * the score it has reached, with no "Yes" to an unsupported claim and every answer cited.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSet, type Outcome, score, table } from './support/scoring.js';

/**
 * The scores reached (per cent correct): a change that lowers one fails. `falseYes` lists the
 * "Yes" answers to unsupported claims a set found and that are not fixed yet, each with its
 * cause: the list must stay exactly so, so that a fix removes its entry and any new one fails.
 */
const SETS: { file: string; threshold: number; falseYes?: Record<string, string> }[] = [
  { file: 'dev.json', threshold: 82 },
  { file: 'blind-a.json', threshold: 95 },
  { file: 'blind-b.json', threshold: 97 },
  { file: 'blind-c.json', threshold: 94 },
  { file: 'blind-d.json', threshold: 93 },
  { file: 'blind-e.json', threshold: 94 },
  { file: 'blind-f.json', threshold: 93 },
  { file: 'blind-g.json', threshold: 95 },
  { file: 'blind-h.json', threshold: 92 },
  { file: 'blind-i.json', threshold: 95 },
  { file: 'blind-j.json', threshold: 91 },
  { file: 'blind-k.json', threshold: 95 },
  { file: 'blind-l.json', threshold: 94 },
  { file: 'blind-m.json', threshold: 90 },
  { file: 'blind-n.json', threshold: 89 },
  { file: 'blind-o.json', threshold: 92 },
  { file: 'blind-p.json', threshold: 94 },
  { file: 'blind-q.json', threshold: 88 },
  { file: 'blind-r.json', threshold: 95 },
  { file: 'blind-s.json', threshold: 92 },
  { file: 'blind-t.json', threshold: 93 },
  { file: 'blind-u.json', threshold: 91 },
  { file: 'blind-v.json', threshold: 96 },
  { file: 'blind-w.json', threshold: 86 },
];

for (const { file, threshold, falseYes = {} } of SETS) {
  const present = existsSync(resolve(import.meta.dirname, 'questions', file));
  describe.runIf(present)(`blind question set ${file}`, () => {
    const outcomes: Outcome[] = present ? loadSet(file).map(score) : [];
    const passed = outcomes.filter((o) => !o.failures.length).length;

    it('prints its score by question type', () => {
      const byType = table(outcomes, (q) => q.type ?? q.persona ?? 'question');
      const falseRefusals = outcomes.filter((o) => o.falseRefusal).length;
      const failing = outcomes
        .filter((o) => o.failures.length)
        .map((o) => `${o.q.id} ${o.q.question}\n   ${o.failures.join('; ')}`)
        .join('\n');
      console.log(
        `${file}\n${byType}\nfalse refusals: ${falseRefusals}\n${process.env.SHOW_FAILURES ? failing : ''}`,
      );
      expect(outcomes.length).toBeGreaterThan(0);
    });

    it(`answers at least ${threshold} % correctly`, () => {
      expect((100 * passed) / outcomes.length).toBeGreaterThanOrEqual(threshold);
    });

    it('never says "Yes" to a claim the articles do not support', () => {
      const found = outcomes.filter((o) => o.falseYes).map((o) => [o.q.id, o.q.question]);
      expect(Object.fromEntries(found)).toEqual(falseYes);
    });
  });
}
