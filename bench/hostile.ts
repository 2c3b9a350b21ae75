import fc from 'fast-check';
import type { Choice, OptionSpec } from '../src/commands/command.js';
import { dispatch } from '../src/commands/dispatch.js';
import { commands, createContext } from '../src/commands/registry.js';
import type { Engine } from '../src/engine/engine.js';
import { hostileText, invocation, page } from '../tests/support/arbitraries.js';
import { percentile } from './stats.js';

/**
 * The per-answer budget under hostile input: generated invocations of every command (any subset
 * of options, each filled with hostile text: mentions, Markdown, invisible and right-to-left
 * characters, lone surrogates, strings up to 6,000 units, the fact base's own words) and hostile
 * text typed into every autocompleted option, each timed from the call to the reply.
 */

/**
 * The budget per answer: every answer within it up to `WORST_CASE_UP_TO` meetings, and 99 in
 * 100 within it at any size. Beyond that size the slowest few answers include the pauses of a
 * garbage collector tidying a heap of more than a gigabyte, which no search can avoid.
 */
export const BUDGET_MS = 50;
export const WORST_CASE_UP_TO = 10_000;

/** Whether a run keeps the budget for a fact base of this many meetings. */
export function withinBudget(run: HostileRun, meetings: number): boolean {
  return run.p99 <= BUDGET_MS && (meetings > WORST_CASE_UP_TO || run.worst <= BUDGET_MS);
}

export interface HostileRun {
  cases: number;
  worst: number;
  p99: number;
  /** The slowest cases, slowest first. */
  slowest: string[];
}

export function hostileRun(engine: Engine, perCommand: number, seed = 20_240): HostileRun {
  const timings: { ms: number; what: string }[] = [];
  const fail = (error: unknown) => {
    throw error;
  };
  commands.forEach((command, c) => {
    const cases = fc.sample(fc.tuple(invocation(command), page), { numRuns: perCommand, seed: seed + c });
    for (const [call, pageNumber] of cases) {
      const ctx = createContext(engine, {
        random: () => 0.5,
        ...(pageNumber !== undefined && { page: pageNumber }),
      });
      const started = performance.now();
      dispatch(call, ctx, fail);
      timings.push({
        ms: performance.now() - started,
        what: `/${call.command} ${JSON.stringify(call.args).slice(0, 120)}`,
      });
    }
    const options = Object.entries(command.options as Record<string, OptionSpec>).filter(
      ([, spec]) => spec.autocomplete,
    );
    options.forEach(([option], o) => {
      const values = fc.sample(hostileText, { numRuns: perCommand, seed: seed + 100 * (c + 1) + o });
      for (const value of values) {
        const ctx = createContext(engine);
        const started = performance.now();
        const choices: Choice[] = command.autocomplete?.(option, value, ctx) ?? [];
        timings.push({
          ms: performance.now() - started,
          what: `autocomplete /${command.name} ${option}: ${JSON.stringify(value).slice(0, 120)} (${choices.length})`,
        });
      }
    });
  });
  const ms = timings.map((t) => t.ms);
  const slowest = [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5);
  return {
    cases: timings.length,
    worst: slowest[0]?.ms ?? 0,
    p99: percentile(ms, 0.99),
    slowest: slowest.map((t) => `${t.ms.toFixed(1)} ms ${t.what}`),
  };
}
