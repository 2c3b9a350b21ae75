import type { Reply } from '../answers/reply.js';
import type { Engine } from '../engine/engine.js';
import { askCommand } from './ask.js';
import { type AnyCommand, type Context, parseArgs, type RawArgs } from './command.js';
import { helpCommand } from './help.js';
import { meetingCommand } from './meeting.js';
import { meetingsCommand } from './meetings.js';
import { quoteCommand } from './quote.js';
import { sourcesCommand } from './sources.js';
import { topicsCommand } from './topics.js';
import { whenCommand } from './when.js';
import { whereCommand } from './where.js';

/** Every command, in the order /help lists them. Adapters look commands up here by name. */
export const commands: readonly AnyCommand[] = [
  askCommand,
  meetingsCommand,
  meetingCommand,
  quoteCommand,
  whenCommand,
  whereCommand,
  topicsCommand,
  sourcesCommand,
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
  return command.run(parseArgs(command, raw), ctx);
}

export class UnknownCommandError extends Error {
  override name = 'UnknownCommandError';
  constructor(readonly command: string) {
    super(`Unknown command /${command}`);
  }
}
