import type { Reply } from '../answers/reply.js';
import type { Engine } from '../engine/engine.js';
import { LIMITS } from '../limits.js';
import { askCommand } from './ask.js';
import { type AnyCommand, type Context, parseArgs, type RawArgs } from './command.js';
import { helpCommand } from './help.js';
import { insightsCommand } from './insights.js';
import { meetingCommand } from './meeting.js';
import { meetingsCommand } from './meetings.js';
import { quoteCommand } from './quote.js';
import { reloadCommand } from './reload.js';
import { sourcesCommand } from './sources.js';
import { summaryCommand } from './summary.js';
import { timelineCommand } from './timeline.js';
import { topicsCommand } from './topics.js';
import { whenCommand } from './when.js';
import { whereCommand } from './where.js';

/** Every command, in the order /help lists them. Adapters look commands up here by name. */
export const commands: readonly AnyCommand[] = [
  askCommand,
  meetingsCommand,
  meetingCommand,
  timelineCommand,
  quoteCommand,
  whenCommand,
  whereCommand,
  topicsCommand,
  sourcesCommand,
  summaryCommand,
  reloadCommand,
  insightsCommand,
  helpCommand,
];

const byName = new Map(commands.map((c) => [c.name, c]));

export function findCommand(name: string): AnyCommand | undefined {
  return byName.get(name.toLowerCase());
}

export function createContext(
  engine: Engine,
  extra: Partial<Omit<Context, 'engine' | 'commands'>> = {},
): Context {
  return { engine, commands, ...extra };
}

/** Runs a command by name with raw option values; a bad option throws a UsageError. */
export function execute(name: string, raw: RawArgs, ctx: Context): Reply {
  const command = findCommand(name);
  if (!command) throw new UnknownCommandError(name);
  return command.run(parseArgs(command, chosenValues(command, raw, ctx)), ctx);
}

/**
 * Some clients send an autocomplete choice's name ("Sochi · Russia · 1 meeting") instead of its
 * value, and a user may paste one: such a name becomes the id it stands for. Anything else is
 * left for the handler to resolve as typed.
 */
function chosenValues(command: AnyCommand, raw: RawArgs, ctx: Context): RawArgs {
  const out: RawArgs = { ...raw };
  for (const [option, value] of Object.entries(raw)) {
    if (typeof value !== 'string' || !command.options[option]?.autocomplete || !command.autocomplete)
      continue;
    const name = value.trim();
    // Only what could be a choice name is looked up, so that plain text costs no second search.
    if (name.length > LIMITS.choiceName || !CHOICE_CONTEXT.test(name)) continue;
    const picked = command.autocomplete(option, name, ctx).find((c) => c.name === name);
    if (picked) out[option] = picked.value;
  }
  return out;
}

/** Choice names carry their context after a separator: "Sochi · 12 Sep 2019", "“…” — Putin". */
const CHOICE_CONTEXT = / [·—] /;

export class UnknownCommandError extends Error {
  override name = 'UnknownCommandError';
  constructor(readonly command: string) {
    super(`Unknown command /${command}`);
  }
}
