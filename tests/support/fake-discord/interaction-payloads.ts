/**
 * Interaction payloads: the options of a command invocation as Discord nests them, the components a
 * user can click, and the fields Discord derives from an interaction on its response messages.
 */
import {
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIInteraction,
  type APIMessage,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type ComponentType,
  InteractionType,
  MessageType,
} from 'discord.js';
import { isRecord } from '../discord-limits.js';
import type { OptionValue } from './types.js';

export function interactionUser(interaction: APIInteraction): APIUser {
  const found = interaction.member?.user ?? interaction.user;
  if (found === undefined) throw new Error('interaction without a user');
  return found;
}

/** The message type Discord gives an interaction's response. */
export function responseMessageType(interaction: APIInteraction): MessageType {
  if (interaction.type === InteractionType.ApplicationCommand) {
    return interaction.data.type === ApplicationCommandType.ChatInput
      ? MessageType.ChatInputCommand
      : MessageType.ContextMenuCommand;
  }
  // Answers to components show as replies to the message the component is on.
  return interaction.type === InteractionType.MessageComponent ? MessageType.Reply : MessageType.Default;
}

/** The deprecated `interaction` field, still sent by Discord on command responses. */
export function legacyInteraction(interaction: APIInteraction): Pick<APIMessage, 'interaction'> {
  if (interaction.type !== InteractionType.ApplicationCommand) return {};
  return {
    interaction: {
      id: interaction.id,
      type: interaction.type,
      name: interaction.data.name,
      user: interactionUser(interaction),
    },
  };
}

/** The options a command (or its sub-command at `path`) declares; undefined when unregistered. */
export function declaredOptions(
  command: APIApplicationCommand | undefined,
  path: string[],
): APIApplicationCommandOption[] | undefined {
  if (command === undefined) return undefined;
  let options = command.options ?? [];
  for (const name of path) {
    const next = options.find((option) => option.name === name);
    if (
      next?.type !== ApplicationCommandOptionType.Subcommand &&
      next?.type !== ApplicationCommandOptionType.SubcommandGroup
    ) {
      throw new Error(`/${command.name} has no sub-command ${name}`);
    }
    options = (next.options ?? []) as APIApplicationCommandOption[];
  }
  return options;
}

/** An option with a value, as in a command invocation (`focused` only in autocomplete). */
export interface LeafOption {
  name: string;
  type: ApplicationCommandOptionType;
  value: string | number | boolean;
  focused?: boolean;
}

/** Nests leaf options under their sub-command (and group), as Discord sends them. */
export function wrapSubcommand(
  path: string[],
  leaf: LeafOption[],
): APIApplicationCommandInteractionDataOption[] {
  let options = leaf as APIApplicationCommandInteractionDataOption[];
  for (let depth = path.length - 1; depth >= 0; depth -= 1) {
    const isGroup = depth < path.length - 1;
    const type = isGroup
      ? ApplicationCommandOptionType.SubcommandGroup
      : ApplicationCommandOptionType.Subcommand;
    options = [{ name: path[depth] ?? '', type, options } as APIApplicationCommandInteractionDataOption];
  }
  return options;
}

export function inferOptionType(value: OptionValue): ApplicationCommandOptionType {
  if (typeof value === 'object') return ApplicationCommandOptionType.Channel;
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  }
  return ApplicationCommandOptionType.String;
}

interface FoundComponent {
  type: ComponentType;
  disabled?: boolean;
  options: { value: string }[];
  min_values?: number;
  max_values?: number;
}

/** The button or select with `customId` in a message's action rows. */
export function findComponent(message: APIMessage, customId: string): FoundComponent | undefined {
  for (const row of message.components ?? []) {
    if (!('components' in row)) continue;
    for (const component of row.components as unknown[]) {
      if (isRecord(component) && component.custom_id === customId) {
        const options = Array.isArray(component.options) ? (component.options as { value: string }[]) : [];
        return { ...(component as unknown as FoundComponent), options };
      }
    }
  }
  return undefined;
}

export function customIds(message: APIMessage): string[] {
  return (message.components ?? []).flatMap((row) =>
    'components' in row
      ? (row.components as unknown[]).flatMap((c) =>
          isRecord(c) && typeof c.custom_id === 'string' ? [c.custom_id] : [],
        )
      : [],
  );
}
