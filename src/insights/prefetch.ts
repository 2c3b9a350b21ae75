import type { Context } from '../commands/command.js';
import type { Invocation } from '../commands/dispatch.js';
import { DEFAULT_INSIGHTS_DAYS, insightsCommand } from '../commands/insights.js';
import { parseLine } from '../commands/parse-line.js';
import type { Recorder } from './recorder.js';

/**
 * Commands answer synchronously from what the context holds; /insights needs the store, which
 * answers asynchronously. Adapters call this before running a command: for /insights it reads
 * the period asked for and returns it in the context (nothing when the store cannot answer).
 */
export async function insightsContext(
  run: Invocation | string,
  recorder: Recorder | undefined,
): Promise<Partial<Context>> {
  if (!recorder) return {};
  let invocation: Invocation;
  try {
    invocation = typeof run === 'string' ? parseLine(run) : run;
  } catch {
    return {};
  }
  if (invocation.command !== insightsCommand.name) return {};
  const days = Number(invocation.args.days ?? DEFAULT_INSIGHTS_DAYS);
  if (!Number.isInteger(days) || days < 1) return {};
  const insights = await recorder.report(days).catch(() => undefined);
  return insights ? { insights } : {};
}
