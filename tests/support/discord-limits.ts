/**
 * Discord's validation of message, autocomplete and command payloads, re-stated independently of the
 * bot's own limits (src/limits.ts) so that the fake Discord is a real check on the bot rather than an
 * echo of it. Every check is a pure function over the JSON the bot sends; the fake turns the issues
 * into Discord's 400 "Invalid Form Body" (code 50035) answer.
 *
 * Lengths are counted in UTF-16 code units. Discord counts code points, so this is never more lenient
 * than Discord: a payload that passes here passes there.
 */

export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  chatInputCommands: 100,
  contextMenuCommands: 5,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  commandTotal: 4000,
  modalTitle: 45,
  attachmentDescription: 1024,
} as const;

/** JSON path of a rejected property, as Discord reports it: object keys and array indexes. */
export type IssuePath = readonly (string | number)[];

/** One reason Discord would reject a payload. */
export interface Issue {
  path: IssuePath;
  /** Discord's error code for the property, e.g. BASE_TYPE_MAX_LENGTH. */
  code: string;
  /** Discord's message for it. */
  message: string;
  /** What was actually sent, for humans reading a failed test; not part of Discord's answer. */
  detail?: string;
}

/** The body of Discord's 400 answer for issues: `{code: 50035, message, errors}` with `_errors` leaves. */
export interface InvalidFormBody {
  code: 50035;
  message: 'Invalid Form Body';
  errors: ErrorTree;
}

export interface ErrorTree {
  _errors?: { code: string; message: string }[];
  [key: string]: ErrorTree | { code: string; message: string }[] | undefined;
}

// Message flags and component types that change what a valid payload looks like.
const IS_COMPONENTS_V2 = 1 << 15;
const ACTION_ROW = 1;
const BUTTON = 2;
const STRING_SELECT = 3;
const AUTO_POPULATED_SELECTS = new Set([5, 6, 7, 8]);
const LINK_BUTTON = 5;
const PREMIUM_BUTTON = 6;
const CHAT_INPUT = 1;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;
const STRING_OPTION = 3;
/** Discord's pattern for chat-input command and option names (letters must also be lowercase). */
const CHAT_INPUT_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** `embeds[0].fields[2].value`, the way the bot's author would write the path. */
export function formatPath(path: IssuePath): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : text === '' ? key : `.${key}`;
  return text === '' ? '(message)' : text;
}

export function formatIssue(issue: Issue): string {
  const detail = issue.detail === undefined ? '' : ` (${issue.detail})`;
  return `${formatPath(issue.path)}: ${issue.message}${detail}`;
}

/** Builds Discord's nested `errors` object, e.g. `{embeds: {0: {title: {_errors: [...]}}}}`. */
export function invalidFormBody(issues: readonly Issue[]): InvalidFormBody {
  const errors: ErrorTree = {};
  for (const issue of issues) {
    let node = errors;
    for (const key of issue.path) {
      const existing = node[String(key)];
      const child: ErrorTree = existing !== undefined && !Array.isArray(existing) ? existing : {};
      node[String(key)] = child;
      node = child;
    }
    node._errors ??= [];
    node._errors.push({ code: issue.code, message: issue.message });
  }
  return { code: 50035, message: 'Invalid Form Body', errors };
}

// ---------------------------------------------------------------------------------------------------
// Messages

export interface MessageCheckOptions {
  /** An edit may leave out content, embeds and components (they keep their old values). */
  edit?: boolean;
  /** Prefix for every path, e.g. `['data']` for an interaction callback. */
  at?: IssuePath;
}

/**
 * Everything Discord would reject in a message create/edit payload (channel message, interaction
 * callback `data`, webhook execute/edit), as `path: reason` lines. Empty when Discord would accept it.
 */
export function messageProblems(payload: unknown, options: MessageCheckOptions = {}): string[] {
  return messageIssues(payload, options).map(formatIssue);
}

export function messageIssues(payload: unknown, options: MessageCheckOptions = {}): Issue[] {
  const check = new Checker(options.at ?? []);
  if (payload === undefined || payload === null) {
    if (!options.edit) check.add([], 'MESSAGE_EMPTY', 'Cannot send an empty message');
    return check.issues;
  }
  if (!isRecord(payload)) {
    check.add([], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return check.issues;
  }
  checkString(check, ['content'], payload.content, { max: DISCORD_LIMITS.content });
  checkEmbeds(check, payload.embeds);
  checkComponents(check, payload.components, flagsOf(payload));
  checkAllowedMentions(check, payload.allowed_mentions);
  if (!options.edit && isEmptyMessage(payload))
    check.add([], 'MESSAGE_EMPTY', 'Cannot send an empty message');
  return check.issues;
}

/** True when a message (payload or stored) has nothing to show: Discord refuses to send those. */
export function isEmptyMessage(message: object): boolean {
  const { content, embeds, components, attachments, sticker_ids, poll } = message as Record<string, unknown>;
  const hasContent = typeof content === 'string' && content.trim() !== '';
  return (
    !hasContent &&
    isEmptyList(embeds) &&
    isEmptyList(components) &&
    isEmptyList(attachments) &&
    isEmptyList(sticker_ids) &&
    poll === undefined
  );
}

function flagsOf(payload: Record<string, unknown>): number {
  return typeof payload.flags === 'number' ? payload.flags : 0;
}

function checkEmbeds(check: Checker, embeds: unknown): void {
  const list = checkArray(check, ['embeds'], embeds, { max: DISCORD_LIMITS.embeds });
  let total = 0;
  for (const [index, embed] of list.entries()) {
    total += checkEmbed(check, ['embeds', index], embed);
  }
  if (total > DISCORD_LIMITS.embedTotal) {
    check.add(
      ['embeds'],
      'MAX_EMBED_SIZE_EXCEEDED',
      `Embed size exceeds maximum size of ${DISCORD_LIMITS.embedTotal}`,
      `${total} characters over all embeds`,
    );
  }
}

/** Checks one embed and returns the characters it counts towards the 6000-character total. */
function checkEmbed(check: Checker, path: IssuePath, embed: unknown): number {
  if (!isRecord(embed)) {
    check.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return 0;
  }
  let total = checkString(check, [...path, 'title'], embed.title, { max: DISCORD_LIMITS.embedTitle });
  total += checkString(check, [...path, 'description'], embed.description, {
    max: DISCORD_LIMITS.embedDescription,
  });
  const fields = checkArray(check, [...path, 'fields'], embed.fields, { max: DISCORD_LIMITS.embedFields });
  for (const [index, field] of fields.entries()) {
    const at = [...path, 'fields', index];
    if (!isRecord(field)) {
      check.add(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used');
      continue;
    }
    total += checkString(check, [...at, 'name'], field.name, {
      min: 1,
      max: DISCORD_LIMITS.fieldName,
      blank: false,
    });
    total += checkString(check, [...at, 'value'], field.value, {
      min: 1,
      max: DISCORD_LIMITS.fieldValue,
      blank: false,
    });
  }
  if (embed.footer !== undefined) {
    const footer = isRecord(embed.footer) ? embed.footer : {};
    total += checkString(check, [...path, 'footer', 'text'], footer.text, {
      min: 1,
      max: DISCORD_LIMITS.footerText,
      required: true,
    });
    checkUrl(check, [...path, 'footer', 'icon_url'], footer.icon_url);
  }
  if (embed.author !== undefined) {
    const author = isRecord(embed.author) ? embed.author : {};
    total += checkString(check, [...path, 'author', 'name'], author.name, {
      min: 1,
      max: DISCORD_LIMITS.authorName,
      required: true,
    });
    checkUrl(check, [...path, 'author', 'url'], author.url);
    checkUrl(check, [...path, 'author', 'icon_url'], author.icon_url);
  }
  checkUrl(check, [...path, 'url'], embed.url);
  for (const media of ['image', 'thumbnail'] as const) {
    const value = embed[media];
    if (value !== undefined)
      checkUrl(check, [...path, media, 'url'], isRecord(value) ? value.url : undefined, true);
  }
  if (embed.color !== undefined && !(Number.isInteger(embed.color) && Number(embed.color) >= 0)) {
    check.add([...path, 'color'], 'NUMBER_TYPE_COERCE', 'Value is not int.', String(embed.color));
  } else if (typeof embed.color === 'number' && embed.color > 0xffffff) {
    check.add([...path, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
  }
  return total;
}

function checkComponents(check: Checker, components: unknown, flags: number): void {
  if (components === undefined || components === null) return;
  if (flags & IS_COMPONENTS_V2) {
    check.add(['components'], 'FAKE_DISCORD_UNSUPPORTED', 'The fake Discord does not model components v2');
    return;
  }
  const rows = checkArray(check, ['components'], components, { max: DISCORD_LIMITS.actionRows });
  const customIds = new Map<string, IssuePath>();
  for (const [index, row] of rows.entries()) {
    checkActionRow(check, ['components', index], row, customIds);
  }
}

function checkActionRow(
  check: Checker,
  path: IssuePath,
  row: unknown,
  customIds: Map<string, IssuePath>,
): void {
  if (!isRecord(row) || row.type !== ACTION_ROW) {
    check.add(
      [...path, 'type'],
      'COMPONENT_TYPE_INVALID',
      'Top-level components must be action rows (type 1)',
    );
    return;
  }
  const children = checkArray(check, [...path, 'components'], row.components, {
    min: 1,
    max: DISCORD_LIMITS.buttonsPerRow,
  });
  const types = children.map((child) => (isRecord(child) ? child.type : undefined));
  const selects = types.filter((type) => type === STRING_SELECT || AUTO_POPULATED_SELECTS.has(Number(type)));
  if (selects.length > 0 && children.length > 1) {
    check.add(
      [...path, 'components'],
      'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
      'The specified component exceeds the maximum width',
      'a select menu must be alone in its row',
    );
  }
  for (const [index, child] of children.entries()) {
    const at = [...path, 'components', index];
    if (!isRecord(child)) {
      check.add(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used');
      continue;
    }
    if (child.type === BUTTON) checkButton(check, at, child);
    else if (child.type === STRING_SELECT || AUTO_POPULATED_SELECTS.has(Number(child.type))) {
      checkSelect(check, at, child);
    } else
      check.add([...at, 'type'], 'COMPONENT_TYPE_INVALID', 'Action rows hold only buttons and select menus');
    rememberCustomId(check, at, child.custom_id, customIds);
  }
}

function rememberCustomId(
  check: Checker,
  path: IssuePath,
  customId: unknown,
  seen: Map<string, IssuePath>,
): void {
  if (typeof customId !== 'string') return;
  if (seen.has(customId)) {
    check.add(
      [...path, 'custom_id'],
      'COMPONENT_CUSTOM_ID_DUPLICATED',
      'Component custom id cannot be duplicated',
      `"${customId}" is also used at ${formatPath(seen.get(customId) ?? [])}`,
    );
  }
  seen.set(customId, path);
}

function checkButton(check: Checker, path: IssuePath, button: Record<string, unknown>): void {
  const style = button.style;
  if (typeof style !== 'number' || !Number.isInteger(style) || style < 1 || style > PREMIUM_BUTTON) {
    check.add([...path, 'style'], 'BUTTON_COMPONENT_INVALID_STYLE', 'Invalid button style', String(style));
    return;
  }
  checkString(check, [...path, 'label'], button.label, { max: DISCORD_LIMITS.buttonLabel });
  if (style === PREMIUM_BUTTON) {
    if (button.sku_id === undefined)
      check.add([...path, 'sku_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (button.label === undefined && button.emoji === undefined) {
    check.add(
      [...path, 'label'],
      'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED',
      'A label or an emoji is required',
    );
  }
  if (style === LINK_BUTTON) {
    if (button.custom_id !== undefined) {
      check.add(
        [...path, 'custom_id'],
        'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
        'A link button cannot have a custom id',
      );
    }
    checkUrl(check, [...path, 'url'], button.url, true);
    return;
  }
  if (button.url !== undefined) {
    check.add([...path, 'url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'Only link buttons may have a url');
  }
  checkString(check, [...path, 'custom_id'], button.custom_id, {
    min: 1,
    max: DISCORD_LIMITS.customId,
    required: true,
  });
}

function checkSelect(check: Checker, path: IssuePath, select: Record<string, unknown>): void {
  checkString(check, [...path, 'custom_id'], select.custom_id, {
    min: 1,
    max: DISCORD_LIMITS.customId,
    required: true,
  });
  checkString(check, [...path, 'placeholder'], select.placeholder, { max: DISCORD_LIMITS.selectPlaceholder });
  let optionCount: number = DISCORD_LIMITS.selectOptions;
  if (select.type === STRING_SELECT) {
    const options = checkArray(check, [...path, 'options'], select.options, {
      min: 1,
      max: DISCORD_LIMITS.selectOptions,
      required: true,
    });
    optionCount = options.length;
    checkSelectOptions(check, [...path, 'options'], options);
  }
  const min = checkCount(
    check,
    [...path, 'min_values'],
    select.min_values,
    0,
    DISCORD_LIMITS.selectOptions,
    1,
  );
  const max = checkCount(
    check,
    [...path, 'max_values'],
    select.max_values,
    1,
    DISCORD_LIMITS.selectOptions,
    1,
  );
  if (min > max)
    check.add([...path, 'min_values'], 'SELECT_COMPONENT_MIN_GREATER_THAN_MAX', 'min_values > max_values');
  if (max > optionCount) {
    check.add(
      [...path, 'max_values'],
      'SELECT_COMPONENT_MAX_VALUES_TOO_LARGE',
      'max_values must not exceed the number of options',
      `${max} > ${optionCount}`,
    );
  }
}

function checkSelectOptions(check: Checker, path: IssuePath, options: unknown[]): void {
  const values = new Set<unknown>();
  for (const [index, option] of options.entries()) {
    const at = [...path, index];
    if (!isRecord(option)) {
      check.add(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used');
      continue;
    }
    const limit = { min: 1, max: DISCORD_LIMITS.selectOptionText, required: true };
    checkString(check, [...at, 'label'], option.label, limit);
    checkString(check, [...at, 'value'], option.value, limit);
    checkString(check, [...at, 'description'], option.description, { max: DISCORD_LIMITS.selectOptionText });
    if (values.has(option.value)) {
      check.add([...at, 'value'], 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED', 'Option values must be unique');
    }
    values.add(option.value);
  }
}

function checkAllowedMentions(check: Checker, allowed: unknown): void {
  if (allowed === undefined || allowed === null) return;
  if (!isRecord(allowed)) {
    check.add(['allowed_mentions'], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used');
    return;
  }
  const parse = Array.isArray(allowed.parse) ? allowed.parse : [];
  for (const [kind, list] of [
    ['users', allowed.users],
    ['roles', allowed.roles],
  ] as const) {
    if (parse.includes(kind) && Array.isArray(list) && list.length > 0) {
      check.add(
        ['allowed_mentions'],
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      );
    }
  }
  for (const [index, value] of parse.entries()) {
    if (value !== 'users' && value !== 'roles' && value !== 'everyone') {
      check.add(
        ['allowed_mentions', 'parse', index],
        'BASE_TYPE_CHOICES',
        'Value must be one of users, roles, everyone.',
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Autocomplete

/** Problems with the `choices` of an autocomplete result (callback type 8). */
export function choiceProblems(choices: unknown, at: IssuePath = []): string[] {
  return choiceIssues(choices, at).map(formatIssue);
}

export function choiceIssues(choices: unknown, at: IssuePath = []): Issue[] {
  const check = new Checker(at);
  const list = checkArray(check, ['choices'], choices, { max: DISCORD_LIMITS.choices, required: true });
  for (const [index, choice] of list.entries()) {
    checkChoice(check, ['choices', index], choice);
  }
  return check.issues;
}

function checkChoice(check: Checker, path: IssuePath, choice: unknown): number {
  if (!isRecord(choice)) {
    check.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used');
    return 0;
  }
  let size = checkString(check, [...path, 'name'], choice.name, {
    min: 1,
    max: DISCORD_LIMITS.choiceName,
    required: true,
  });
  if (typeof choice.value === 'string') {
    size += checkString(check, [...path, 'value'], choice.value, { max: DISCORD_LIMITS.choiceValue });
  } else if (typeof choice.value === 'number' && Number.isFinite(choice.value)) {
    size += String(choice.value).length;
  } else {
    check.add([...path, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required', String(choice.value));
  }
  return size;
}

// ---------------------------------------------------------------------------------------------------
// Application commands

/** Problems with a bulk-overwrite list of application commands (`PUT .../commands`). */
export function commandProblems(commands: unknown): string[] {
  return commandIssues(commands).map(formatIssue);
}

export function commandIssues(commands: unknown): Issue[] {
  const check = new Checker([]);
  if (!Array.isArray(commands)) {
    check.add([], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return check.issues;
  }
  const namesByType = new Map<number, Set<string>>();
  const countByType = new Map<number, number>();
  for (const [index, command] of commands.entries()) {
    if (!isRecord(command)) {
      check.add([index], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used');
      continue;
    }
    const type = typeof command.type === 'number' ? command.type : CHAT_INPUT;
    countByType.set(type, (countByType.get(type) ?? 0) + 1);
    const names = namesByType.get(type) ?? new Set<string>();
    namesByType.set(type, names);
    if (typeof command.name === 'string' && names.has(command.name)) {
      check.add(
        [index, 'name'],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        'Application command names must be unique',
      );
    }
    if (typeof command.name === 'string') names.add(command.name);
    checkCommand(check, [index], command, type);
  }
  for (const [type, count] of countByType) {
    const max = type === CHAT_INPUT ? DISCORD_LIMITS.chatInputCommands : DISCORD_LIMITS.contextMenuCommands;
    if (count > max) {
      check.add(
        [],
        'APPLICATION_COMMANDS_TOO_MANY',
        `Maximum number of type ${type} commands reached (${max})`,
      );
    }
  }
  return check.issues;
}

function checkCommand(check: Checker, path: IssuePath, command: Record<string, unknown>, type: number): void {
  let size: number;
  if (type === CHAT_INPUT) {
    size = checkChatInputName(check, [...path, 'name'], command.name);
    size += checkString(check, [...path, 'description'], command.description, {
      min: 1,
      max: DISCORD_LIMITS.commandDescription,
      required: true,
    });
    size += checkOptions(check, [...path, 'options'], command.options, 'command');
  } else {
    size = checkString(check, [...path, 'name'], command.name, {
      min: 1,
      max: DISCORD_LIMITS.commandName,
      required: true,
    });
    if (command.description !== undefined && command.description !== '') {
      check.add(
        [...path, 'description'],
        'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION',
        'Context menu commands cannot have a description',
      );
    }
    if (command.options !== undefined) {
      check.add(
        [...path, 'options'],
        'APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS',
        'Context menu commands cannot have options',
      );
    }
  }
  size += longestLocalizationExtra(command);
  if (size > DISCORD_LIMITS.commandTotal) {
    check.add(
      path,
      'APPLICATION_COMMAND_TOO_LARGE',
      `Command exceeds maximum size (${DISCORD_LIMITS.commandTotal})`,
      `${size} characters in names, descriptions and choices`,
    );
  }
}

/** Checks a list of options (nested for sub-commands) and returns the characters they count. */
/** Where a list of options sits: a command's top level, a sub-command group, or a sub-command. */
type OptionLevel = 'command' | 'group' | 'subcommand';

function checkOptions(check: Checker, path: IssuePath, options: unknown, level: OptionLevel): number {
  const list = checkArray(check, path, options, { max: DISCORD_LIMITS.commandOptions });
  let size = 0;
  let sawOptional = false;
  const names = new Set<unknown>();
  for (const [index, option] of list.entries()) {
    const at = [...path, index];
    if (!isRecord(option)) {
      check.add(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used');
      continue;
    }
    if (names.has(option.name))
      check.add([...at, 'name'], 'APPLICATION_COMMAND_OPTION_NAME_NOT_UNIQUE', 'Option names must be unique');
    names.add(option.name);
    if (option.required === true && sawOptional) {
      check.add(
        [...at, 'required'],
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    if (option.required !== true) sawOptional = true;
    size += checkOption(check, at, option, level);
  }
  return size;
}

function checkOption(
  check: Checker,
  path: IssuePath,
  option: Record<string, unknown>,
  level: OptionLevel,
): number {
  let size = checkChatInputName(check, [...path, 'name'], option.name);
  size += checkString(check, [...path, 'description'], option.description, {
    min: 1,
    max: DISCORD_LIMITS.commandDescription,
    required: true,
  });
  size += longestLocalizationExtra(option);
  const type = option.type;
  if (typeof type !== 'number' || !Number.isInteger(type) || type < 1 || type > 11) {
    check.add([...path, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of the option types.', String(type));
    return size;
  }
  // Groups sit only at the top, sub-commands at the top or in a group, values only outside groups.
  const allowed =
    type === SUB_COMMAND_GROUP
      ? level === 'command'
      : type === SUB_COMMAND
        ? level !== 'subcommand'
        : level !== 'group';
  if (!allowed) {
    check.add(
      [...path, 'type'],
      'APPLICATION_COMMAND_OPTION_NESTING',
      `This option type cannot be in a ${level}`,
    );
  }
  if (type === SUB_COMMAND || type === SUB_COMMAND_GROUP) {
    const inner: OptionLevel = type === SUB_COMMAND ? 'subcommand' : 'group';
    return size + checkOptions(check, [...path, 'options'], option.options, inner);
  }
  if (option.choices !== undefined && option.autocomplete === true) {
    check.add(
      [...path, 'autocomplete'],
      'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE',
      'Autocomplete cannot be used with choices',
    );
  }
  const choices = checkArray(check, [...path, 'choices'], option.choices, { max: DISCORD_LIMITS.choices });
  for (const [index, choice] of choices.entries()) {
    size += checkChoice(check, [...path, 'choices', index], choice);
    if (type !== STRING_OPTION && isRecord(choice) && typeof choice.value === 'string') {
      check.add([...path, 'choices', index, 'value'], 'NUMBER_TYPE_COERCE', 'Value is not a number.');
    }
  }
  return size;
}

function checkChatInputName(check: Checker, path: IssuePath, name: unknown): number {
  const length = checkString(check, path, name, { min: 1, max: DISCORD_LIMITS.commandName, required: true });
  if (typeof name === 'string' && (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase())) {
    check.add(
      path,
      'APPLICATION_COMMAND_INVALID_NAME',
      'Command name is invalid',
      `"${name}": lowercase letters, digits, - and _ only`,
    );
  }
  return length;
}

/**
 * Discord counts the longest of a name/description and its localizations towards the 4000 total;
 * this returns how much longer than the default the longest localization is, for each of the two.
 */
function longestLocalizationExtra(item: Record<string, unknown>): number {
  let extra = 0;
  for (const key of ['name', 'description'] as const) {
    const base = typeof item[key] === 'string' ? item[key].length : 0;
    const localized = item[`${key}_localizations`];
    if (!isRecord(localized)) continue;
    const longest = Math.max(
      base,
      ...Object.values(localized).map((text) => (typeof text === 'string' ? text.length : 0)),
    );
    extra += longest - base;
  }
  return extra;
}

// ---------------------------------------------------------------------------------------------------
// Modals (callback type 9): only the outer shape; the fake does not model modal submission yet.

export function modalIssues(data: unknown, at: IssuePath = []): Issue[] {
  const check = new Checker(at);
  if (!isRecord(data)) {
    check.add([], 'BASE_TYPE_REQUIRED', 'This field is required');
    return check.issues;
  }
  checkString(check, ['custom_id'], data.custom_id, { min: 1, max: DISCORD_LIMITS.customId, required: true });
  checkString(check, ['title'], data.title, { min: 1, max: DISCORD_LIMITS.modalTitle, required: true });
  checkArray(check, ['components'], data.components, {
    min: 1,
    max: DISCORD_LIMITS.actionRows,
    required: true,
  });
  return check.issues;
}

// ---------------------------------------------------------------------------------------------------
// Small checking helpers

/** Collects issues under a common path prefix. */
class Checker {
  readonly issues: Issue[] = [];
  constructor(private readonly prefix: IssuePath) {}

  add(path: IssuePath, code: string, message: string, detail?: string): void {
    const issue: Issue = { path: [...this.prefix, ...path], code, message };
    if (detail !== undefined) issue.detail = detail;
    this.issues.push(issue);
  }
}

interface LengthRule {
  min?: number;
  max: number;
  /** Report a missing value (undefined or null). */
  required?: boolean;
  /** `false` rejects whitespace-only text, as Discord does for embed field names and values. */
  blank?: boolean;
}

/** Checks an optional string's length and returns it (0 when absent or not a string). */
function checkString(check: Checker, path: IssuePath, value: unknown, rule: LengthRule): number {
  const min = rule.min ?? 0;
  if (value === undefined || value === null) {
    if (rule.required || rule.blank === false)
      check.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return 0;
  }
  if (typeof value !== 'string') {
    check.add(path, 'STRING_TYPE_CONVERT', 'Could not interpret the value as string.', typeof value);
    return 0;
  }
  if (rule.blank === false && value.trim() === '') {
    check.add(path, 'BASE_TYPE_REQUIRED', 'This field is required', 'empty or whitespace only');
  } else if (value.length < min || value.length > rule.max) {
    const [code, message] =
      min > 0
        ? ['BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${rule.max} in length.`]
        : ['BASE_TYPE_MAX_LENGTH', `Must be ${rule.max} or fewer in length.`];
    check.add(path, code, message, `got ${value.length}`);
  }
  return value.length;
}

/** Checks an optional array's length and returns its items (none when absent or not an array). */
function checkArray(
  check: Checker,
  path: IssuePath,
  value: unknown,
  rule: { min?: number; max: number; required?: boolean },
): unknown[] {
  if (value === undefined || value === null) {
    if (rule.required) check.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return [];
  }
  if (!Array.isArray(value)) {
    check.add(path, 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
    return [];
  }
  const min = rule.min ?? 0;
  if (value.length < min || value.length > rule.max) {
    const message =
      min > 0
        ? `Must be between ${min} and ${rule.max} in length.`
        : `Must be ${rule.max} or fewer in length.`;
    check.add(
      path,
      min > 0 ? 'BASE_TYPE_BAD_LENGTH' : 'BASE_TYPE_MAX_LENGTH',
      message,
      `got ${value.length}`,
    );
  }
  return value;
}

/** Checks an optional integer count (select min/max values) and returns it or its default. */
function checkCount(
  check: Checker,
  path: IssuePath,
  value: unknown,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    check.add(path, 'NUMBER_TYPE_OUT_OF_RANGE', `Must be between ${min} and ${max}.`, String(value));
    return fallback;
  }
  return value;
}

function checkUrl(check: Checker, path: IssuePath, value: unknown, required = false): void {
  if (value === undefined || value === null) {
    if (required) check.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  const scheme =
    typeof value === 'string' ? /^([a-z][a-z0-9+.-]*):\/\/\S/i.exec(value)?.[1]?.toLowerCase() : undefined;
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'attachment') {
    check.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.', String(value));
  }
}

function isEmptyList(value: unknown): boolean {
  return !Array.isArray(value) || value.length === 0;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
