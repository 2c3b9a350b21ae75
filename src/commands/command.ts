import type { Reply } from '../answers/reply.js';
import type { Engine } from '../engine/engine.js';
import { LIMITS, truncate } from '../limits.js';
import type { ReloadResult } from '../reload/live-engine.js';
import type { InsightsData } from '../store/store.js';

/**
 * A command is declared once: its name, options, handler and autocomplete. The console parses
 * lines against these declarations and the Discord adapter builds its slash commands from them,
 * so the handlers receive typed arguments whichever way the user asked.
 */

export interface OptionSpec {
  type: 'string' | 'integer' | 'boolean';
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
}

type ValueOf<S extends OptionSpec> = S['type'] extends 'integer'
  ? number
  : S['type'] extends 'boolean'
    ? boolean
    : string;
type RequiredKeys<O> = { [K in keyof O]: O[K] extends { required: true } ? K : never }[keyof O];

export type ArgsOf<O extends Record<string, OptionSpec>> = { [K in keyof O]?: ValueOf<O[K]> } & {
  [K in RequiredKeys<O>]-?: ValueOf<O[K]>;
};

export interface Choice {
  name: string;
  value: string;
}

export interface Context {
  engine: Engine;
  /** Every command, for /help; given by the registry so that no command imports it. */
  commands: readonly AnyCommand[];
  /** 1-based page of a long list. */
  page?: number;
  /** Source of randomness for "a random quote"; injectable so tests are repeatable. */
  random?: () => number;
  /** Loads the fact base again (/reload); absent where the adapter cannot swap it. */
  reload?: () => ReloadResult;
  /** What the record of questions holds for /insights, read by the adapter beforehand (it is async). */
  insights?: InsightsData;
}

/** How often one user may run a command: `uses` within `seconds`. */
export interface CooldownRule {
  uses: number;
  seconds: number;
}

export interface Command<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  name: string;
  description: string;
  options: O;
  /** The option that bare text fills in the console (`/when Sochi`). */
  main?: keyof O & string;
  /** Example command lines for /help. */
  examples: string[];
  /**
   * A moderator tool: Discord offers it only to members who may manage messages, and checks
   * that again when it runs. Its answers are private unless it `publishes`.
   */
  moderator?: boolean;
  /** A moderator tool whose answer is posted publicly into a channel. The console previews it. */
  publishes?: boolean;
  /** Commands that cost more than a lookup are rationed per user. */
  cooldown?: CooldownRule;
  run(args: ArgsOf<O>, ctx: Context): Reply;
  autocomplete?(option: keyof O & string, value: string, ctx: Context): Choice[];
}

/**
 * A command of any options. Handlers take their own exact argument types, which a list of
 * mixed commands cannot express; adapters always pass arguments checked by `parseArgs`.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; the arguments are validated at run time.
export type AnyCommand = Command<any>;

/** Keeps the option names as literal types so that handlers get exact argument types. */
export function defineCommand<const O extends Record<string, OptionSpec>>(command: Command<O>): Command<O> {
  return command;
}

/** An autocomplete choice within Discord's limits: name 1–100 characters, value at most 100. */
export function choice(name: string, value: string): Choice {
  return {
    name: truncate(name.trim() || value, LIMITS.choiceName),
    value: value.slice(0, LIMITS.choiceValue),
  };
}

export const MAX_QUERY_LENGTH = 200;

export type RawArgs = Record<string, string | number | boolean>;

/** A command to run with its option values as typed, before they are checked. */
export interface Invocation {
  command: string;
  args: RawArgs;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Checks raw option values against a command's declaration: names, types, ranges and required options. */
export function parseArgs<O extends Record<string, OptionSpec>>(
  command: Command<O>,
  raw: RawArgs,
): ArgsOf<O> {
  const args: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(raw)) {
    const spec = command.options[name];
    if (!spec) {
      const known = Object.keys(command.options);
      throw new UsageError(
        known.length
          ? `/${command.name} has no option “${name}”. Its options are: ${known.join(', ')}.`
          : `/${command.name} takes no options.`,
      );
    }
    args[name] = coerce(name, spec, value);
  }
  for (const [name, spec] of Object.entries(command.options)) {
    if (spec.required && (args[name] === undefined || args[name] === '')) {
      throw new UsageError(
        `/${command.name} needs ${name}: for example \`${command.examples[0] ?? `/${command.name} ${name}:…`}\``,
      );
    }
  }
  return args as ArgsOf<O>;
}

function coerce(name: string, spec: OptionSpec, value: string | number | boolean): string | number | boolean {
  if (spec.type === 'string') {
    const text = String(value).trim();
    return text.slice(0, spec.maxLength ?? MAX_QUERY_LENGTH);
  }
  if (spec.type === 'boolean') {
    if (typeof value === 'boolean') return value;
    const text = String(value).trim().toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(text)) return true;
    if (['false', 'no', '0', 'off'].includes(text)) return false;
    throw new UsageError(`${name} must be true or false.`);
  }
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(n)) throw new UsageError(`${name} must be a whole number, like 2016.`);
  if (spec.min !== undefined && n < spec.min) throw new UsageError(`${name} must be at least ${spec.min}.`);
  if (spec.max !== undefined && n > spec.max) throw new UsageError(`${name} must be at most ${spec.max}.`);
  return n;
}
