import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentInteraction,
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Utils,
} from 'discord.js';
import { type Reply, usage } from '../answers/reply.js';
import type { RawArgs } from '../commands/command.js';
import { commandOf } from '../commands/parse-line.js';
import { createContext, findCommand } from '../commands/registry.js';
import { answer, type BotDeps } from '../discord/answer.js';
import { withoutMentionOf } from '../discord/bot-mention.js';
import { decodeVote, readClick } from '../discord/custom-id.js';
import { CHANNEL_OPTION, HIDE_OPTION } from '../discord/definitions.js';
import { commandLine, recordAnswer, takeVote } from '../discord/feedback.js';
import { isPrivate, type MessageOptions } from '../discord/message.js';
import { expiredButton, foldedPrompt, madeBeforeReload, nothingToAsk } from '../discord/notices.js';
import { isThreadType, mayPost } from '../discord/permissions.js';
import { isModeratorLine, splitChannel } from '../discord/summary.js';
import { LIMITS } from '../limits.js';
import type { InteractionToken } from './discord-rest.js';
import type { Handled, InteractionDeps } from './handled.js';
import { moderate } from './moderation.js';
import {
  choicesResponse,
  deferFor,
  messageBody,
  NO_MENTIONS,
  PONG,
  replyWith,
  updateWith,
} from './respond.js';
import { upload } from './upload.js';

/**
 * Interactions as Discord posts them to the endpoint, answered by the same core and the same
 * message building as the gateway bot, with the same rules for who sees what. Everything an
 * answer depends on arrives in the request (buttons carry their state in their custom_id), so
 * any replica can answer any request.
 */

export async function handleInteraction(
  interaction: APIInteraction,
  deps: InteractionDeps,
): Promise<Handled> {
  switch (interaction.type) {
    case InteractionType.Ping:
      return { response: PONG, outcome: 'pong' };
    case InteractionType.ApplicationCommandAutocomplete:
      return onAutocomplete(interaction, deps);
    case InteractionType.ApplicationCommand:
      if (Utils.isChatInputApplicationCommandInteraction(interaction)) return onCommand(interaction, deps);
      if (interaction.data.type === ApplicationCommandType.Message) {
        return onAskMenu(interaction as APIMessageApplicationCommandInteraction, deps);
      }
      return notMine();
    case InteractionType.MessageComponent:
      return onClick(interaction, deps);
    default:
      return notMine();
  }
}

/** The kind of interaction, for the log and the metrics (the gateway bot's names). */
export function kindOf(interaction: APIInteraction): string {
  switch (interaction.type) {
    case InteractionType.Ping:
      return 'ping';
    case InteractionType.ApplicationCommandAutocomplete:
      return 'autocomplete';
    case InteractionType.ApplicationCommand:
      return Utils.isChatInputApplicationCommandInteraction(interaction) ? 'command' : 'context-menu';
    case InteractionType.MessageComponent:
      return 'component';
    default:
      return `unhandled-${interaction.type}`;
  }
}

/** The command an interaction runs, for the log; what the user typed stays out of it. */
export function commandNameOf(interaction: APIInteraction): string | undefined {
  if (
    interaction.type === InteractionType.ApplicationCommand ||
    interaction.type === InteractionType.ApplicationCommandAutocomplete
  ) {
    return interaction.data.name;
  }
  if (interaction.type !== InteractionType.MessageComponent) return undefined;
  if (decodeVote(interaction.data.custom_id)) return 'vote';
  const { line } = clicked(interaction);
  return line?.startsWith('/') ? commandOf(line) : 'expired-button';
}

export const userOf = (interaction: APIInteraction): string | undefined =>
  interaction.member?.user.id ?? interaction.user?.id;

/** Interactions Summit never asks for (user menus, modals): a polite private note. */
function notMine(): Handled {
  const reply = usage('Not something I answer', 'Try `/help` to see what Summit can do.');
  return { response: replyWith(reply, { hidden: true }), outcome: reply.kind };
}

function onAutocomplete(interaction: APIApplicationCommandAutocompleteInteraction, deps: BotDeps): Handled {
  const command = findCommand(interaction.data.name);
  const focused = (interaction.data.options ?? []).find(
    (option) => 'focused' in option && option.focused && 'value' in option,
  );
  const choices =
    focused && 'value' in focused
      ? (command?.autocomplete?.(focused.name, String(focused.value), createContext(deps.engine)) ?? [])
      : [];
  return { response: choicesResponse(choices.slice(0, LIMITS.choices)), outcome: 'choices' };
}

async function onCommand(
  interaction: APIChatInputApplicationCommandInteraction,
  deps: InteractionDeps,
): Promise<Handled> {
  const { name, options = [] } = interaction.data;
  const command = findCommand(name);
  const { args, hidden, channelId } = readOptions(options);
  const user = userOf(interaction);
  if (command?.moderator) {
    const run = { command: command.name, args };
    return moderate(interaction, { run, ...(channelId && { channelId }) }, user, deps);
  }
  const started = performance.now();
  const reply = await answer(deps, { command: name, args }, 1, user);
  const asked = name === 'ask' ? String(args.question ?? '') : undefined;
  const feedback = recordAnswer(deps, {
    ...(asked !== undefined && { via: 'ask' as const }),
    text: asked ?? commandLine(name, args),
    reply,
    guild: interaction.guild_id ?? null,
    started,
  });
  return answerWith(reply, { hidden: hidden || !mayPostHere(interaction), feedback }, interaction, deps);
}

/**
 * The reply as the response; one with a file is deferred instead, and the answer with its file
 * replaces "thinking…" through REST (Discord takes no file in the HTTP response).
 */
function answerWith(
  reply: Reply,
  options: MessageOptions,
  interaction: InteractionToken,
  deps: InteractionDeps,
): Handled {
  if (!reply.file) return { response: replyWith(reply, options), outcome: reply.kind };
  return {
    response: deferFor(reply, options),
    outcome: 'deferred',
    afterwards: async () => {
      const { body, files } = await upload(reply, options, deps);
      await deps.rest.editOriginal(interaction, body, files);
      return reply.kind;
    },
  };
}

/** The command's own options as typed; Discord's additions (hide, channel) are the adapter's. */
function readOptions(options: APIApplicationCommandInteractionDataOption[]) {
  const args: RawArgs = {};
  let hidden = false;
  let channelId: string | undefined;
  for (const option of options) {
    if (!('value' in option)) continue;
    if (option.name === HIDE_OPTION) hidden = option.value === true;
    else if (option.name === CHANNEL_OPTION) channelId = String(option.value);
    else args[option.name] = option.value;
  }
  return { args, hidden, channelId };
}

async function onAskMenu(
  interaction: APIMessageApplicationCommandInteraction,
  deps: InteractionDeps,
): Promise<Handled> {
  const target = interaction.data.resolved.messages[interaction.data.target_id];
  if (!target) throw new Error('the interaction does not carry the message it was used on');
  // A bot's user id is its application's id.
  const question = withoutMentionOf(target.content, interaction.application_id);
  if (!question) {
    const reply = nothingToAsk();
    return { response: replyWith(reply, { hidden: true }), outcome: reply.kind };
  }
  const started = performance.now();
  const reply = await answer(deps, { command: 'ask', args: { question } }, 1, userOf(interaction));
  const guild = interaction.guild_id ?? null;
  const feedback = recordAnswer(deps, { via: 'menu', text: question, reply, guild, started });
  return answerWith(
    reply,
    { hidden: !mayPostHere(interaction), asked: question, feedback },
    interaction,
    deps,
  );
}

function clicked(interaction: APIMessageComponentInteraction) {
  const { data } = interaction;
  return readClick(
    data.custom_id,
    data.component_type === ComponentType.StringSelect ? data.values : undefined,
  );
}

async function onClick(interaction: APIMessageComponentInteraction, deps: InteractionDeps): Promise<Handled> {
  const vote = decodeVote(interaction.data.custom_id);
  const voter = userOf(interaction);
  if (vote && voter) {
    const { thanks, outcome } = takeVote(deps, vote, voter);
    return {
      response: {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { content: thanks, flags: MessageFlags.Ephemeral, allowed_mentions: NO_MENTIONS },
      },
      outcome,
    };
  }
  const { action, line } = clicked(interaction);
  if (!action || !line?.startsWith('/')) {
    return { response: replyWith(expiredButton(), { hidden: true }), outcome: 'stale' };
  }
  if (isModeratorLine(line)) return moderate(interaction, splitChannel(line), undefined, deps);

  const { message } = interaction;
  if (action.kind === 'page') {
    const reply = madeBeforeReload(madeAt(message), deps.reloadedAt, await answer(deps, line, action.page));
    // The asker turns their own list's pages in place; anyone else gets the page privately.
    const inPlace = isEphemeral(message) || ownerOf(message) === userOf(interaction);
    return {
      response: inPlace
        ? updateWith(messageBody(reply, { hidden: action.hidden }))
        : replyWith(reply, { hidden: true }),
      outcome: reply.kind,
    };
  }

  const reply = madeBeforeReload(madeAt(message), deps.reloadedAt, await answer(deps, line));
  // A button whose record has gone since its message was made tells only the one who clicked.
  const options = { hidden: action.hidden || reply.kind === 'not-found' || !mayPostHere(interaction) };
  if (!isEphemeral(message)) return answerWith(reply, options, interaction, deps);
  // A pick from a private prompt ("which meeting?") answers in its place…
  if (isPrivate(reply, options) && reply.file) {
    return {
      response: { type: InteractionResponseType.DeferredMessageUpdate },
      outcome: 'deferred',
      afterwards: async () => {
        const { body, files } = await upload(reply, options, deps);
        await deps.rest.editOriginal(interaction, body, files);
        return reply.kind;
      },
    };
  }
  if (isPrivate(reply, options))
    return { response: updateWith(messageBody(reply, options)), outcome: reply.kind };
  // …unless the user asked in public: fold the prompt away and answer where everyone can see.
  return {
    response: updateWith({ content: foldedPrompt(reply), embeds: [], components: [] }),
    outcome: reply.kind,
    afterwards: async () => {
      const { body, files } = await upload(reply, options, deps);
      await deps.rest.followUp(interaction, body, files);
      return reply.kind;
    },
  };
}

/**
 * Whether the member could write in the channel themselves (Discord computed `member.permissions`
 * there): an answer they ask for is public only then. In a DM, yes.
 */
const mayPostHere = (interaction: APIInteraction) =>
  mayPost(interaction.member?.permissions, isThreadType(interaction.channel?.type));

const isEphemeral = (message: APIMessage) => ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

const madeAt = (message: APIMessage) => Date.parse(message.timestamp);

/** Who a bot message answered: the user of the slash command, or the author of the mention. */
function ownerOf(message: APIMessage): string | undefined {
  return message.interaction_metadata?.user.id ?? message.referenced_message?.author.id;
}
