import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type RepliableInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import type { RawArgs } from '../commands/command.js';
import { apology, newReference } from '../commands/dispatch.js';
import { commandOf } from '../commands/parse-line.js';
import { createContext, findCommand } from '../commands/registry.js';
import { answer, type BotDeps } from '../discord/answer.js';
import { drawFiles, drawingFailed, drawOrDefer } from '../discord/attachments.js';
import { withoutMentionOf } from '../discord/bot-mention.js';
import { decodeVote, readClick } from '../discord/custom-id.js';
import { CHANNEL_OPTION, HIDE_OPTION } from '../discord/definitions.js';
import { commandLine, recordAnswer } from '../discord/feedback.js';
import { isPrivate, toMessage } from '../discord/message.js';
import { expiredButton, foldedPrompt, madeBeforeReload, nothingToAsk } from '../discord/notices.js';
import { mayPost } from '../discord/permissions.js';
import { isModeratorLine, splitChannel } from '../discord/summary.js';
import { LIMITS } from '../limits.js';
import { runModeratorTool } from './moderation.js';
import { isGone, onVote, send } from './respond.js';

/**
 * Every interaction Summit answers, by kind: a static table, each entry a small handler that
 * turns the interaction into a command line or invocation for the core and its reply into a
 * response. The wrapper logs one line per interaction and turns any failure into a private
 * apology; nothing a user does can take the process down.
 */

/** What a handler reports for the log: the reply's kind, or what happened instead. */
type Outcome = string;

interface Route<T extends Interaction> {
  type: string;
  accepts(interaction: Interaction): interaction is T;
  handle(interaction: T, deps: BotDeps): Promise<Outcome>;
}

const route = <T extends Interaction>(r: Route<T>) => r as unknown as Route<Interaction>;

const ROUTES: Route<Interaction>[] = [
  route({ type: 'autocomplete', accepts: (i) => i.isAutocomplete(), handle: onAutocomplete }),
  route({ type: 'command', accepts: (i) => i.isChatInputCommand(), handle: onCommand }),
  route({ type: 'context-menu', accepts: (i) => i.isMessageContextMenuCommand(), handle: onAskMenu }),
  route({ type: 'component', accepts: (i) => i.isButton() || i.isStringSelectMenu(), handle: onClick }),
];

export async function handleInteraction(interaction: Interaction, deps: BotDeps): Promise<void> {
  const started = performance.now();
  const entry = ROUTES.find((r) => r.accepts(interaction));
  const fields = {
    interaction: interaction.id,
    type: entry?.type ?? `unhandled-${interaction.type}`,
    command: describe(interaction),
    user: interaction.user.id,
    guild: interaction.guildId ?? undefined,
  };
  if (!entry) return deps.log.debug(fields, 'interaction ignored');
  let outcome: Outcome;
  try {
    // A handler's own log lines (a failed command) carry the interaction they belong to.
    outcome = await entry.handle(interaction, {
      ...deps,
      log: deps.log.child({ interaction: interaction.id }),
    });
  } catch (error) {
    outcome = await recover(interaction, error, deps, fields);
  }
  const latencyMs = performance.now() - started;
  deps.metrics?.observe(fields.type, fields.command, outcome, latencyMs / 1000);
  deps.log.info({ ...fields, outcome, latencyMs: Math.round(latencyMs) }, 'interaction');
}

/** The command an interaction runs, for the log; what the user typed stays out of it. */
function describe(interaction: Interaction): string | undefined {
  if (interaction.isCommand() || interaction.isAutocomplete()) return interaction.commandName;
  if (!interaction.isButton() && !interaction.isStringSelectMenu()) return undefined;
  if (decodeVote(interaction.customId)) return 'vote';
  const { line } = clicked(interaction);
  return line?.startsWith('/') ? commandOf(line) : 'expired-button';
}

async function recover(
  interaction: Interaction,
  error: unknown,
  deps: BotDeps,
  fields: Record<string, unknown>,
): Promise<Outcome> {
  if (isGone(error)) {
    deps.log.warn({ ...fields, err: error }, 'interaction expired or already answered');
    return 'expired';
  }
  const reference = newReference();
  deps.log.error({ ...fields, err: error, reference }, 'interaction failed');
  try {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
    } else if (interaction.isRepliable()) {
      await send(interaction, apology(reference), { hidden: true });
    }
  } catch (second) {
    deps.log.warn({ ...fields, err: second, reference }, 'could not send the apology');
  }
  return 'failed';
}

async function onAutocomplete(interaction: AutocompleteInteraction, deps: BotDeps): Promise<Outcome> {
  const command = findCommand(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  const choices =
    command?.autocomplete?.(focused.name, String(focused.value), createContext(deps.engine)) ?? [];
  await interaction.respond(choices.slice(0, LIMITS.choices));
  return 'choices';
}

async function onCommand(interaction: ChatInputCommandInteraction, deps: BotDeps): Promise<Outcome> {
  const command = findCommand(interaction.commandName);
  const args = optionValues(interaction);
  if (command?.moderator) {
    const channelId = interaction.options.getChannel(CHANNEL_OPTION)?.id;
    const run = { command: command.name, args };
    return runModeratorTool(interaction, { run, ...(channelId && { channelId }) }, deps);
  }
  const hidden = (interaction.options.getBoolean(HIDE_OPTION) ?? false) || !mayPostHere(interaction);
  const started = performance.now();
  const reply = await answer(deps, { command: interaction.commandName, args }, 1, interaction.user.id);
  const asked = interaction.commandName === 'ask' ? String(args.question ?? '') : undefined;
  const feedback = recordAnswer(deps, {
    ...(asked !== undefined && { via: 'ask' as const }),
    text: asked ?? commandLine(interaction.commandName, args),
    reply,
    guild: interaction.guildId,
    started,
  });
  await send(interaction, reply, { hidden, feedback }, deps.log);
  return reply.kind;
}

/** The command's own options as typed; Discord's additions (hide, channel) are the adapter's. */
function optionValues(interaction: ChatInputCommandInteraction): RawArgs {
  const args: RawArgs = {};
  for (const option of interaction.options.data) {
    if (option.name === HIDE_OPTION || option.name === CHANNEL_OPTION || option.value === undefined) continue;
    args[option.name] = option.value;
  }
  return args;
}

async function onAskMenu(interaction: MessageContextMenuCommandInteraction, deps: BotDeps): Promise<Outcome> {
  const question = withoutMentionOf(interaction.targetMessage.content, interaction.client.user.id);
  if (!question) {
    const reply = nothingToAsk();
    await send(interaction, reply, { hidden: true });
    return reply.kind;
  }
  const started = performance.now();
  const reply = await answer(deps, { command: 'ask', args: { question } }, 1, interaction.user.id);
  const feedback = recordAnswer(deps, {
    via: 'menu',
    text: question,
    reply,
    guild: interaction.guildId,
    started,
  });
  await send(interaction, reply, { hidden: !mayPostHere(interaction), asked: question, feedback }, deps.log);
  return reply.kind;
}

type Clicked = ButtonInteraction | StringSelectMenuInteraction;

const clicked = (interaction: Clicked) =>
  readClick(interaction.customId, interaction.isStringSelectMenu() ? interaction.values : undefined);

async function onClick(interaction: Clicked, deps: BotDeps): Promise<Outcome> {
  const vote = interaction.isButton() ? decodeVote(interaction.customId) : undefined;
  if (vote) return onVote(interaction as ButtonInteraction, vote, deps);
  const { action, line } = clicked(interaction);
  if (!action || !line?.startsWith('/')) {
    const reply = expiredButton();
    await send(interaction, reply, { hidden: true });
    return 'stale';
  }
  if (isModeratorLine(line)) return runModeratorTool(interaction, splitChannel(line), deps);
  if (action.kind === 'page') return turnPage(interaction, action.line, action.page, action.hidden, deps);

  const reply = madeBeforeReload(
    interaction.message.createdTimestamp,
    deps.reloadedAt,
    await answer(deps, line),
  );
  const fromPrivate = isEphemeral(interaction.message);
  // A button whose record has gone since its message was made tells only the one who clicked.
  const options = { hidden: action.hidden || reply.kind === 'not-found' || !mayPostHere(interaction) };
  if (!fromPrivate) {
    await send(interaction, reply, options, deps.log);
  } else if (isPrivate(reply, options)) {
    // A pick from a private prompt ("which meeting?") answers in its place.
    const drawn = await drawOrDefer(drawFiles(reply, drawingFailed(deps)), () => interaction.deferUpdate());
    const message = { ...toMessage(drawn.reply, options), files: drawn.files };
    await (interaction.deferred ? interaction.editReply(message) : interaction.update(message));
  } else {
    // The user asked in public: fold the prompt away and answer where everyone can see.
    await interaction.update({ content: foldedPrompt(reply), embeds: [], components: [] });
    const drawn = await drawFiles(reply, drawingFailed(deps));
    await interaction.followUp({ ...toMessage(drawn.reply, options), files: drawn.files });
  }
  return reply.kind;
}

/**
 * The asker turns their own list's pages in place; anyone else gets the page privately, so
 * that nobody flips a list under its owner.
 */
async function turnPage(
  interaction: Clicked,
  line: string,
  page: number,
  hidden: boolean,
  deps: BotDeps,
): Promise<Outcome> {
  const reply = madeBeforeReload(
    interaction.message.createdTimestamp,
    deps.reloadedAt,
    await answer(deps, line, page),
  );
  if (isEphemeral(interaction.message) || ownerOf(interaction.message) === interaction.user.id) {
    await interaction.update(toMessage(reply, { hidden }));
  } else {
    await send(interaction, reply, { hidden: true });
  }
  return reply.kind;
}

/**
 * Whether the member could write in the channel themselves: an answer they ask for is public
 * only then, so that nobody uses the bot to write where they may only read. In a DM, yes.
 */
const mayPostHere = (interaction: RepliableInteraction) =>
  mayPost(interaction.memberPermissions ?? undefined, interaction.channel?.isThread() ?? false);

const isEphemeral = (message: Message) => message.flags.has(MessageFlags.Ephemeral);

/** Who a bot message answered: the user of the slash command, or the author of the mention. */
function ownerOf(message: Message): string | undefined {
  return message.interactionMetadata?.user.id ?? message.mentions.repliedUser?.id;
}
