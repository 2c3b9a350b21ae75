import type { InsightsSource } from '../insights/source.js';
import type { Context } from './command.js';
import type { Invocation } from './dispatch.js';
import { DEFAULT_INSIGHTS_DAYS, insightsCommand } from './insights.js';
import { commandOf, parseLine } from './parse-line.js';

/** Whether a command line or invocation asks for /insights, which waits for the store. */
export function readsTheRecord(run: Invocation | string): boolean {
  return (typeof run === 'string' ? commandOf(run) : run.command) === insightsCommand.name;
}

/**
 * Commands answer synchronously from what the context holds; /insights needs the store, which
 * answers asynchronously. Adapters call this before running a command: for /insights it reads
 * the period asked for and returns it in the context (nothing when the store cannot answer).
 */

export async function insightsContext(
  run: Invocation | string,
  source: InsightsSource | undefined,
): Promise<Partial<Context>> {
  if (!source) return {};
  let invocation: Invocation;
  try {
    invocation = typeof run === 'string' ? parseLine(run) : run;
  } catch {
    return {};
  }
  if (!readsTheRecord(invocation)) return {};
  const days = Number(invocation.args.days ?? DEFAULT_INSIGHTS_DAYS);
  if (!Number.isInteger(days) || days < 1) return {};
  const insights = await source.report(days).catch(() => undefined);
  return insights ? { insights } : {};
}
