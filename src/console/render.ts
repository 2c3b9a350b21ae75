import { styleText } from 'node:util';
import type { Citation, Reply } from '../answers/reply.js';

export interface RenderOptions {
  color?: boolean;
}

type Style = Parameters<typeof styleText>[0];

/**
 * A reply as terminal text: the title, the answer, its fields, then its sources, so that a
 * console answer carries the same citations as a Discord one.
 */
export function renderText(reply: Reply, { color = false }: RenderOptions = {}): string {
  const paint = (style: Style, text: string) => (color ? styleText(style, text) : text);
  const inline = (text: string) =>
    text
      // Italics first: inside bold ("**Moscow _(inferred)_**") the bold's colour codes would
      // stand where the italics' closing mark must be followed by a space or a stop.
      .replace(
        /(^|[\s(*])_(.+?)_(?=$|[\s).,;:!?*])/gm,
        (_, pre: string, t: string) => pre + paint('italic', t),
      )
      .replace(/\*\*(.+?)\*\*/gs, (_, t: string) => paint('bold', t))
      .replace(/`([^`]+)`/g, (_, t: string) => paint('cyan', t))
      .replace(/\\([\\*_`~|>#-])/g, '$1')
      .replace(/\u200b/g, '');
  const block = (text: string, indent = '') =>
    text
      .split('\n')
      .map((line) =>
        line.startsWith('> ')
          ? `${indent}${paint('gray', '│')} ${inline(line.slice(2))}`
          : `${indent}${inline(line)}`,
      )
      .join('\n');

  const out: string[] = [];
  const marker = reply.kind === 'answer' ? '' : reply.kind === 'error' ? '✖ ' : '• ';
  out.push(paint(['bold', reply.kind === 'error' ? 'red' : 'blue'], `${marker}${reply.title}`));
  if (reply.text) out.push(block(reply.text));
  for (const field of reply.fields)
    out.push(`${paint('bold', inline(field.name))}\n${block(field.value, '  ')}`);
  if (reply.page) {
    out.push(
      paint('gray', `Page ${reply.page.index} of ${reply.page.count}: type /next or /prev to turn the page.`),
    );
  }
  if (reply.suggestions.length) {
    out.push(
      `${paint('bold', 'Did you mean:')}\n${reply.suggestions.map((s) => (s.label === s.command ? `  ${s.command}` : `  ${s.label}  ${paint('gray', s.command)}`)).join('\n')}`,
    );
  }
  if (reply.citations.length)
    out.push(
      `${paint('bold', 'Sources:')}\n${reply.citations.map((c, i) => `  [${i + 1}] ${citationLine(c)}`).join('\n')}`,
    );
  if (reply.followUps.length) {
    out.push(paint('gray', `Next: ${reply.followUps.map((f) => f.command).join('  ·  ')}`));
  }
  return out.join('\n\n');
}

export function citationLine(c: Citation): string {
  const quote = c.quote ? `${c.quote.speaker}, ${c.quote.place}, ${c.quote.date}. ` : '';
  const meta = [c.publisher, `published ${c.published}`, c.url].filter(Boolean).join(' · ');
  return `${quote}“${c.title}” — ${meta}`;
}
