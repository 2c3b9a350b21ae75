import {
  ActionRowBuilder,
  type APIEmbedField,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  embedLength,
  escapeMarkdown,
  hideLinkEmbed,
  hyperlink,
  type MessageActionRowComponentBuilder,
  StringSelectMenuBuilder,
} from 'discord.js';
import type { Citation, FollowUp, Reply, ReplyKind } from '../answers/reply.js';
import { LIMITS, truncate } from '../limits.js';
import { type Action, encodeAction, encodeVote } from './custom-id.js';

/**
 * A reply as a Discord message: one embed carrying the answer and its citations, and buttons
 * for "did you mean", follow-ups and pages. This is the one place where a message is fitted to
 * Discord's limits; the builders' own checks then stand guard behind it.
 */

export interface MessageOptions {
  /** The user asked for a private answer; buttons keep later answers private too. */
  hidden: boolean;
  /** Text shown above the answer when the question is not visible elsewhere (a context menu). */
  asked?: string;
  /** The recorded answer's id, when members may rate it with 👍/👎. */
  feedback?: string | undefined;
}

/** Replies never ping anyone, not even the user being replied to. */
export const NO_PINGS = { parse: [], repliedUser: false } as const;

export interface SummitMessage {
  embeds: EmbedBuilder[];
  components: ActionRowBuilder<MessageActionRowComponentBuilder>[];
  allowedMentions: typeof NO_PINGS;
}

const COLOURS: Record<ReplyKind, number> = {
  answer: 0x5865f2,
  'not-found': 0xfee75c,
  ambiguous: 0xeb459e,
  usage: 0x99aab5,
  error: 0xed4245,
};

/** Discord rejects blank field names and values; a zero-width space is not blank to it. */
const BLANK = '\u200b';
const nonBlank = (text: string) => (text.trim() ? text : BLANK);

export function toMessage(reply: Reply, options: MessageOptions): SummitMessage {
  const { rows, paged } = toComponents(reply, options.hidden, options.feedback);
  return {
    embeds: [toEmbed(reply, options, paged)],
    components: rows,
    allowedMentions: NO_PINGS,
  };
}

/** Whether Discord should show this reply to the asker alone. */
export function isPrivate(reply: Reply, options: Pick<MessageOptions, 'hidden'>): boolean {
  return options.hidden || reply.private === true || reply.kind === 'error';
}

function toEmbed(reply: Reply, { asked }: MessageOptions, paged: boolean): EmbedBuilder {
  const title = truncate(reply.title.trim() || 'Summit', LIMITS.embedTitle);
  const author = asked ? truncate(`❓ ${asked.replace(/\s+/g, ' ').trim()}`, LIMITS.author) : undefined;
  const sources = sourceFields(reply.citations);
  // Pages whose command line is too long for a button's custom_id cannot be turned: say so.
  const footerBase = reply.page
    ? `Summit · page ${reply.page.index} of ${reply.page.count}${paged ? '' : ' · a shorter question can be paged'}`
    : 'Summit';

  // Title, author, citations and footer come first: an answer without its sources is not sent.
  let budget =
    LIMITS.embedTotal -
    title.length -
    (author?.length ?? 0) -
    sources.reduce((n, f) => n + f.name.length + f.value.length, 0) -
    footerBase.length -
    FOOTER_NOTE_ROOM;
  const description = reply.text.trim()
    ? truncate(reply.text, Math.min(LIMITS.embedDescription, budget))
    : '';
  budget -= description.length;

  const fields: APIEmbedField[] = [];
  const room = LIMITS.embedFields - sources.length;
  for (const field of reply.fields) {
    const name = truncate(nonBlank(field.name), LIMITS.fieldName);
    const value = truncate(nonBlank(field.value), LIMITS.fieldValue);
    if (fields.length >= room || name.length + value.length > budget) break;
    budget -= name.length + value.length;
    fields.push({ name, value, ...(field.inline && { inline: true }) });
  }
  const left = reply.fields.length - fields.length;
  const footer = left > 0 ? `${footerBase} · ${left} more not shown` : footerBase;

  const embed = new EmbedBuilder()
    .setColor(COLOURS[reply.kind])
    .setTitle(title)
    .setFooter({ text: footer })
    .addFields(...fields, ...sources);
  if (description) embed.setDescription(description);
  if (author) embed.setAuthor({ name: author });
  // The picture is uploaded with the message (see attachments.ts) and shown inside the embed.
  if (reply.file) embed.setImage(`attachment://${reply.file.name}`);
  if (embedLength(embed.data) > LIMITS.embedTotal) throw new Error('embed fitting is broken');
  return embed;
}

/** Room kept for " · 25 more not shown". */
const FOOTER_NOTE_ROOM = 24;
/** Citations never crowd out the answer: at most this many fields of them. */
const MAX_SOURCE_FIELDS = 2;

function sourceFields(citations: Citation[]): APIEmbedField[] {
  const lines = citations.map((c, i) => truncate(`**[${i + 1}]** ${citationText(c)}`, LIMITS.fieldValue));
  const fields: APIEmbedField[] = [];
  let current: string[] = [];
  const flush = () => {
    if (!current.length) return;
    fields.push({
      name: fields.length ? 'Sources (continued)' : plainSources(citations),
      value: current.join('\n'),
    });
    current = [];
  };
  for (const [i, line] of lines.entries()) {
    if ([...current, line].join('\n').length > LIMITS.fieldValue) flush();
    if (fields.length === MAX_SOURCE_FIELDS) {
      const rest = `…and ${lines.length - i} more`;
      const last = fields.at(-1) as APIEmbedField;
      last.value = `${truncate(last.value, LIMITS.fieldValue - rest.length - 1)}\n${rest}`;
      return fields;
    }
    current.push(line);
  }
  flush();
  return fields;
}

const plainSources = (citations: Citation[]) => (citations.length === 1 ? 'Source' : 'Sources');

/** "Vladimir Putin · Sochi, Russia · 12 September 2019 — [Title](url) · Publisher · published …". */
function citationText(c: Citation): string {
  const title = escapeMarkdown(c.title);
  const linked = c.url ? hyperlink(title, hideLinkEmbed(c.url)) : `“${title}”`;
  const meta = [c.publisher && escapeMarkdown(c.publisher), `published ${c.published}`].filter(Boolean);
  const said = c.quote ? `${[c.quote.speaker, c.quote.place, c.quote.date].join(' · ')} — ` : '';
  return `${said}${linked} · ${meta.join(' · ')}`;
}

type Row = ActionRowBuilder<MessageActionRowComponentBuilder>;

function toComponents(reply: Reply, hidden: boolean, feedback?: string): { rows: Row[]; paged: boolean } {
  const used = new Set<string>();
  /** A custom_id that fits and is not yet used in this message (Discord rejects duplicates). */
  const claim = (action: Action) => {
    const id = encodeAction(action);
    if (!id || used.has(id)) return undefined;
    used.add(id);
    return id;
  };
  const pages = pageRow(reply, hidden, claim);
  const rows = [
    suggestionRow(reply.suggestions, hidden, claim),
    pages,
    buttonRow(reply.followUps, ButtonStyle.Secondary, hidden, claim),
    feedback === undefined ? undefined : feedbackRow(feedback),
  ].filter((row): row is Row => row !== undefined);
  return {
    rows: rows.slice(0, LIMITS.actionRows),
    paged: pages !== undefined || (reply.page?.count ?? 1) < 2,
  };
}

type Claim = (action: Action) => string | undefined;

/** 👍 and 👎 for an answer; the click carries the answer's id, so any process can record it. */
function feedbackRow(answer: string): Row {
  const vote = (up: boolean) =>
    new ButtonBuilder()
      .setCustomId(encodeVote({ answer, up }))
      .setEmoji(up ? '👍' : '👎')
      .setStyle(ButtonStyle.Secondary);
  return new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(vote(true), vote(false));
}

/** Up to five choices as buttons; more as a menu, which holds 25. */
function suggestionRow(suggestions: FollowUp[], hidden: boolean, claim: Claim): Row | undefined {
  if (suggestions.length <= LIMITS.buttonsPerRow)
    return buttonRow(suggestions, ButtonStyle.Primary, hidden, claim);
  const options = unique(suggestions)
    .filter((s) => s.command.length <= LIMITS.selectValue)
    .slice(0, LIMITS.selectOptions)
    .map((s) => ({ label: truncate(s.label.trim() || s.command, LIMITS.selectLabel), value: s.command }));
  const id = claim({ kind: 'pick', hidden });
  if (!id || options.length === 0) return undefined;
  const menu = new StringSelectMenuBuilder()
    .setCustomId(id)
    .setPlaceholder('Did you mean…')
    .addOptions(options);
  return new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(menu);
}

function buttonRow(items: FollowUp[], style: ButtonStyle, hidden: boolean, claim: Claim): Row | undefined {
  const buttons = items.flatMap((item) => {
    const id = claim({ kind: 'run', line: item.command, hidden });
    if (!id) return [];
    const label = truncate(item.label.trim() || item.command, LIMITS.buttonLabel);
    return [new ButtonBuilder().setCustomId(id).setLabel(label).setStyle(style)];
  });
  if (buttons.length === 0) return undefined;
  return new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
    buttons.slice(0, LIMITS.buttonsPerRow),
  );
}

/** ◀ · page n of N · ▶, with the ends disabled rather than hidden so the buttons stay put. */
function pageRow(reply: Reply, hidden: boolean, claim: Claim): Row | undefined {
  const page = reply.page;
  if (!page || page.count < 2) return undefined;
  const to = (n: number) => claim({ kind: 'page', line: page.command, page: n, hidden });
  const here = to(page.index);
  if (!here) return undefined;
  const prev = page.index > 1 ? to(page.index - 1) : undefined;
  const next = page.index < page.count ? to(page.index + 1) : undefined;
  const button = (id: string | undefined, fallback: string, label: string, disabled: boolean) =>
    new ButtonBuilder()
      .setCustomId(id ?? fallback)
      .setLabel(label)
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(disabled || !id);
  return new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
    button(prev, 'noop.prev', '◀ Previous', false),
    button(here, 'noop.here', `Page ${page.index} of ${page.count}`, true),
    button(next, 'noop.next', 'Next ▶', false),
  );
}

function unique(items: FollowUp[]): FollowUp[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.command) && seen.add(item.command));
}

/**
 * The same answer as Markdown text within 2,000 characters, for a channel where the bot may
 * not embed links. Citations come first after the answer's lead so they survive the cut.
 */
export function toText(reply: Reply): string {
  const sources = reply.citations.map((c, i) => `[${i + 1}] ${citationText(c)}`).join('\n');
  const tail = sources ? `\n${truncate(sources, LIMITS.content / 2)}` : '';
  const body = [`**${reply.title}**`, reply.text, ...reply.fields.map((f) => `**${f.name}**\n${f.value}`)]
    .filter((part) => part.trim())
    .join('\n');
  return `${truncate(body, LIMITS.content - tail.length)}${tail}`;
}
