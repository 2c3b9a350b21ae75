import type { AnyCommand, Invocation, RawArgs } from './command.js';
import { UsageError } from './command.js';
import { findCommand } from './registry.js';

/**
 * Reads a command line — typed in the console, sent in a mention, or carried by a button — the
 * way a user types a slash command: `/quote speaker:Putin query:triumph of light` (each value runs
 * to the next ` name:` of that command or to the end of the line) and `/when Sochi`, where bare
 * text fills the command's main option. A line without a slash is a question for /ask.
 */
export function parseLine(line: string): Invocation {
  const text = line.trim();
  if (!text.startsWith('/')) return { command: 'ask', args: { question: text } };
  const [, name = '', rest = ''] = text.match(/^\/(\S*)\s*([\s\S]*)$/) ?? [];
  const command = findCommand(name);
  if (!command) return { command: name, args: {} };
  return { command: command.name, args: parseOptions(command, rest) };
}

/** What follows the command's name on a line: `/qoute speaker:Putin` → `speaker:Putin`. */
export function typedAfterCommand(line: string): string {
  return (
    line
      .trim()
      .match(/^\/\S*\s*([\s\S]*)$/)?.[1]
      ?.trim() ?? ''
  );
}

/** The command a line runs, without reading its options: `/meetings year:2015` → meetings; a question → ask. */
export function commandOf(line: string): string {
  const text = line.trim();
  return text.startsWith('/') ? (text.match(/^\/(\S*)/)?.[1] ?? '').toLowerCase() : 'ask';
}

function parseOptions(command: AnyCommand, rest: string): RawArgs {
  const names = Object.keys(command.options);
  const args: RawArgs = {};
  if (!rest) return args;
  const marker = names.length ? new RegExp(`(?:^|\\s)(${names.join('|')}):`, 'gi') : undefined;
  const marks = marker ? [...rest.matchAll(marker)] : [];
  const firstAt = marks[0]?.index ?? rest.length;
  const bare = rest.slice(0, firstAt).trim();
  if (bare) {
    const stray = bare.match(/^([a-z]+):/i);
    if (stray && !command.main) {
      throw new UsageError(
        `/${command.name} has no option “${stray[1]}”.${names.length ? ` Its options are: ${names.join(', ')}.` : ''}`,
      );
    }
    if (!command.main) {
      throw new UsageError(
        names.length
          ? `/${command.name} takes named options, like ${names.map((n) => `${n}:…`).join(' ')}.`
          : `/${command.name} takes no options.`,
      );
    }
    args[command.main] = bare;
  }
  marks.forEach((mark, i) => {
    const key = (mark[1] as string).toLowerCase();
    const start = (mark.index ?? 0) + mark[0].length;
    const end = marks[i + 1]?.index ?? rest.length;
    args[key] = rest.slice(start, end).trim();
  });
  return args;
}
