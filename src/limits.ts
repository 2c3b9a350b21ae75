/**
 * Discord's numeric limits, in one place. The core keeps to the ones that shape an answer
 * (choices, labels, field counts); the Discord adapter fits whole messages to the rest.
 */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectLabel: 100,
  selectValue: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandName: 32,
  commandDescription: 100,
  optionsPerCommand: 25,
  responseWindowMs: 3000,
  /** An attachment's description (alt text). */
  attachmentDescription: 1024,
} as const;

/**
 * Cuts text to at most `max` UTF-16 units (never more characters than Discord counts), ending
 * with an ellipsis when cut and never splitting a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

/**
 * The text on one line (runs of white space made one space), cut like `truncate`. Only the part
 * that can show is rewritten: a label of a long quotation must not cost a pass over all of it.
 */
export function oneLine(text: string, max: number): string {
  // A run of white space shrinks to one character, so `2 * max` characters always fill `max`
  // unless most of them are white space; then the cut is marked all the same.
  const head = text.length > 2 * max ? text.slice(0, 2 * max) : text;
  const line = head.replace(/\s+/g, ' ').trim();
  return head === text || line.length > max ? truncate(line, max) : truncate(`${line}…`, max);
}
