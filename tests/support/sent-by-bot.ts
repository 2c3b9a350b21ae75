/**
 * What the bot sent, read off the fake Discord's request log: every message it created or edited
 * and every list of autocomplete choices. Checks over them see what a user would see, and a
 * running record keeps the largest size seen against each of Discord's limits.
 */
import { InteractionResponseType } from 'discord.js';
import { markdownSentinels, maskedLinkSentinels, SENTINEL } from './arbitraries.js';
import { DISCORD_LIMITS, isRecord } from './discord-limits.js';
import type { RecordedRequest } from './fake-discord/index.js';

export type Sent =
  | { kind: 'message'; route: string; payload: Record<string, unknown>; edit: boolean }
  | { kind: 'choices'; route: string; choices: unknown };

/** Message payloads by route; `edit` where Discord keeps what the payload leaves out. */
const MESSAGE_ROUTES: [method: string, path: RegExp, edit: boolean][] = [
  ['POST', /^\/webhooks\/\d+\/[^/]+$/, false],
  ['PATCH', /^\/webhooks\/\d+\/[^/]+\/messages\/[^/]+$/, true],
  ['POST', /^\/channels\/\d+\/messages$/, false],
  ['PATCH', /^\/channels\/\d+\/messages\/\d+$/, true],
];
const CALLBACK = /^\/interactions\/\d+\/[^/]+\/callback$/;

export function sentByBot(requests: readonly RecordedRequest[]): Sent[] {
  return requests.flatMap((request): Sent[] => {
    const route = `${request.method} ${request.path}`;
    const body = isRecord(request.body) ? request.body : {};
    if (request.method === 'POST' && CALLBACK.test(request.path)) {
      const data = isRecord(body.data) ? body.data : {};
      switch (body.type) {
        case InteractionResponseType.ChannelMessageWithSource:
          return [{ kind: 'message', route, payload: data, edit: false }];
        case InteractionResponseType.UpdateMessage:
          return [{ kind: 'message', route, payload: data, edit: true }];
        case InteractionResponseType.ApplicationCommandAutocompleteResult:
          return [{ kind: 'choices', route, choices: data.choices }];
        default:
          // A deferral carries no message, only its flags.
          return [];
      }
    }
    const found = MESSAGE_ROUTES.find(
      ([method, path]) => method === request.method && path.test(request.path),
    );
    return found ? [{ kind: 'message', route, payload: body, edit: found[2] }] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// What a user sees

const records = (value: unknown): Record<string, unknown>[] =>
  (Array.isArray(value) ? value : []).filter(isRecord);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The texts Discord renders as Markdown, where an echoed mention or Markdown would show:
 * content, embed titles, descriptions and fields. Author names, footers and component labels
 * are plain text on Discord.
 */
export function renderedTexts(payload: Record<string, unknown>): { where: string; text: string }[] {
  return [
    { where: 'content', text: text(payload.content) },
    ...records(payload.embeds).flatMap((embed, e) => [
      { where: `embed ${e} title`, text: text(embed.title) },
      { where: `embed ${e} description`, text: text(embed.description) },
      ...records(embed.fields).flatMap((field, f) => [
        { where: `embed ${e} field ${f} name`, text: text(field.name) },
        { where: `embed ${e} field ${f} value`, text: text(field.value) },
      ]),
    ]),
  ].filter((t) => t.text !== '');
}

/** `@everyone`, `@here`, `<@user>`, `<@!user>`, `<@&role>`: what Discord would turn into a ping. */
const PING = /@everyone|@here|<@/;

/** Why this message could ping someone: mentions allowed, or mention syntax left in what it shows. */
export function pingProblems(payload: Record<string, unknown>): string[] {
  const allowed = payload.allowed_mentions;
  const problems: string[] = [];
  const parsesNothing =
    isRecord(allowed) &&
    Array.isArray(allowed.parse) &&
    allowed.parse.length === 0 &&
    records(allowed.users).length === 0 &&
    records(allowed.roles).length === 0 &&
    allowed.replied_user !== true;
  if (!parsesNothing) problems.push(`allowed_mentions ${JSON.stringify(allowed)} lets pings through`);
  for (const shown of renderedTexts(payload)) {
    const ping = shown.text.match(PING)?.[0];
    if (ping) problems.push(`${shown.where} shows ${JSON.stringify(ping)}: ${JSON.stringify(shown.text)}`);
  }
  return problems;
}

/** Whether `s` occurs in `text` not preceded by an escaping backslash (an odd run of them). */
export function includesUnescaped(text: string, s: string): boolean {
  for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) {
    let slashes = 0;
    while (text[at - 1 - slashes] === '\\') slashes++;
    if (slashes % 2 === 0) return true;
  }
  return false;
}

const sentinelsIn = (inputs: readonly string[]) => [
  ...new Set(inputs.flatMap((t) => [...markdownSentinels(t), ...maskedLinkSentinels(t)])),
];

/**
 * Markdown or masked links the user wrapped around a sentinel word that the message renders
 * verbatim: the user's formatting would take effect instead of showing as typed.
 */
export function echoLeaks(payload: Record<string, unknown>, inputs: readonly string[]): string[] {
  const sentinels = sentinelsIn(inputs);
  if (sentinels.length === 0) return [];
  return renderedTexts(payload).flatMap(({ where, text: shown }) =>
    sentinels
      .filter((s) => includesUnescaped(shown, s))
      .map((s) => `${where} renders ${JSON.stringify(s)} unescaped: ${JSON.stringify(shown)}`),
  );
}

/** Whether the message shows a sentinel word of the input at all: the echo check had something to check. */
export function echoes(payload: Record<string, unknown>, inputs: readonly string[]): boolean {
  const words = sentinelsIn(inputs).flatMap((s) => s.match(SENTINEL) ?? []);
  return renderedTexts(payload).some(({ text: shown }) => words.some((w) => shown.includes(w)));
}

// ---------------------------------------------------------------------------------------------
// The largest sizes seen

export interface WorstSize {
  measure: string;
  worst: number;
  limit: number;
}

/** The largest size seen against each limit a reply can reach, over every message observed. */
export class WorstSizes {
  private readonly worst = new Map<string, WorstSize>();

  constructor() {
    const L = DISCORD_LIMITS;
    const limits: [string, number][] = [
      ['message content', L.content],
      ['embeds per message', L.embeds],
      ['embed title', L.embedTitle],
      ['embed description', L.embedDescription],
      ['embed fields', L.embedFields],
      ['field name', L.fieldName],
      ['field value', L.fieldValue],
      ['embed author', L.authorName],
      ['embed footer', L.footerText],
      ['embed total', L.embedTotal],
      ['action rows', L.actionRows],
      ['components per row', L.buttonsPerRow],
      ['button label', L.buttonLabel],
      ['custom_id', L.customId],
      ['select options', L.selectOptions],
      ['select option label', L.selectOptionText],
      ['select option value', L.selectOptionText],
      ['autocomplete choices', L.choices],
      ['choice name', L.choiceName],
      ['choice value', L.choiceValue],
    ];
    for (const [measure, limit] of limits) this.worst.set(measure, { measure, worst: 0, limit });
  }

  observe(sent: Sent): void {
    if (sent.kind === 'choices') {
      const choices = records(sent.choices);
      this.see('autocomplete choices', choices.length);
      for (const c of choices) {
        this.see('choice name', text(c.name).length);
        this.see('choice value', String(c.value ?? '').length);
      }
      return;
    }
    const { payload } = sent;
    this.see('message content', text(payload.content).length);
    const embeds = records(payload.embeds);
    this.see('embeds per message', embeds.length);
    for (const embed of embeds) this.observeEmbed(embed);
    const rows = records(payload.components);
    this.see('action rows', rows.length);
    for (const row of rows) {
      const components = records(row.components);
      this.see('components per row', components.length);
      for (const c of components) {
        this.see('custom_id', text(c.custom_id).length);
        this.see('button label', text(c.label).length);
        const options = records(c.options);
        if (options.length) this.see('select options', options.length);
        for (const o of options) {
          this.see('select option label', text(o.label).length);
          this.see('select option value', text(o.value).length);
        }
      }
    }
  }

  table(): WorstSize[] {
    return [...this.worst.values()];
  }

  private observeEmbed(embed: Record<string, unknown>): void {
    const fields = records(embed.fields);
    const author = text(isRecord(embed.author) ? embed.author.name : undefined);
    const footer = text(isRecord(embed.footer) ? embed.footer.text : undefined);
    this.see('embed title', text(embed.title).length);
    this.see('embed description', text(embed.description).length);
    this.see('embed fields', fields.length);
    this.see('embed author', author.length);
    this.see('embed footer', footer.length);
    let total = text(embed.title).length + text(embed.description).length + author.length + footer.length;
    for (const field of fields) {
      this.see('field name', text(field.name).length);
      this.see('field value', text(field.value).length);
      total += text(field.name).length + text(field.value).length;
    }
    this.see('embed total', total);
  }

  private see(measure: string, size: number): void {
    const entry = this.worst.get(measure);
    if (entry && size > entry.worst) entry.worst = size;
  }
}
