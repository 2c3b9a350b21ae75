import {
  ApplicationCommandType,
  ChannelType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from 'discord.js';
import { type AnyCommand, MAX_QUERY_LENGTH, type OptionSpec } from '../commands/command.js';
import { commands } from '../commands/registry.js';

/**
 * Discord's command definitions, built with discord.js's builders from the commands' own
 * declarations, so a command and its slash form cannot drift apart. Discord adds only what is
 * Discord's: `hide` on lookups, the permission on moderator tools, `channel` on those that post, and the
 * "Ask Summit" message menu.
 */

export const HIDE_OPTION = 'hide';
export const CHANNEL_OPTION = 'channel';
export const ASK_MENU = 'Ask Summit';

/** Moderator tools need this permission, both to see the command and to run it. */
export const MODERATOR_PERMISSION = PermissionFlagsBits.ManageMessages;

/** Channels a summary can be posted to. */
export const POSTABLE_CHANNELS = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
] as const;

export function slashCommand(command: AnyCommand): SlashCommandBuilder {
  const builder = new SlashCommandBuilder().setName(command.name).setDescription(command.description);
  // Discord requires every required option to come before the optional ones.
  const options = Object.entries(command.options as Record<string, OptionSpec>).sort(
    ([, a], [, b]) => Number(b.required ?? false) - Number(a.required ?? false),
  );
  for (const [name, spec] of options) addOption(builder, name, spec);
  if (command.moderator) {
    builder.setDefaultMemberPermissions(MODERATOR_PERMISSION).setContexts(InteractionContextType.Guild);
  }
  if (command.publishes) {
    builder.addChannelOption((o) =>
      o
        .setName(CHANNEL_OPTION)
        .setDescription('Where to post it (default: this channel)')
        .addChannelTypes(...POSTABLE_CHANNELS),
    );
  } else if (!command.moderator) {
    builder
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .addBooleanOption((o) => o.setName(HIDE_OPTION).setDescription('Show the answer to you alone'));
  }
  return builder;
}

function addOption(builder: SlashCommandBuilder, name: string, spec: OptionSpec): void {
  const required = spec.required ?? false;
  if (spec.type === 'string') {
    builder.addStringOption((o) =>
      o
        .setName(name)
        .setDescription(spec.description)
        .setRequired(required)
        .setAutocomplete(spec.autocomplete ?? false)
        .setMaxLength(spec.maxLength ?? MAX_QUERY_LENGTH),
    );
  } else if (spec.type === 'integer') {
    builder.addIntegerOption((o) => {
      o.setName(name).setDescription(spec.description).setRequired(required);
      if (spec.min !== undefined) o.setMinValue(spec.min);
      if (spec.max !== undefined) o.setMaxValue(spec.max);
      return o;
    });
  } else {
    builder.addBooleanOption((o) => o.setName(name).setDescription(spec.description).setRequired(required));
  }
}

export function askMenu(): ContextMenuCommandBuilder {
  return new ContextMenuCommandBuilder()
    .setName(ASK_MENU)
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM);
}

/** The names of what `npm run deploy-commands` registers, without building the definitions. */
export const deployedNames = (): string[] => [...commands.map((c) => c.name), ASK_MENU];

/** Everything `npm run deploy-commands` registers, in /help's order. */
export function commandDefinitions(): RESTPostAPIApplicationCommandsJSONBody[] {
  return [...commands.map((c) => slashCommand(c).toJSON()), askMenu().toJSON()];
}
