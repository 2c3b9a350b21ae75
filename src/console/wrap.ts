import { stripVTControlCharacters } from 'node:util';
import wrapAnsi from 'wrap-ansi';

/**
 * Text folded at word boundaries to a terminal's width, colours included (wrap-ansi measures
 * what is visible, not the escape codes around it). A line that starts with an indent or a quote
 * bar keeps it on every line it folds into, so that a wrapped quote still reads as one.
 */
export function wrapToWidth(text: string, width: number | undefined): string {
  if (!width || width < 20) return text;
  return text
    .split('\n')
    .map((line) => {
      const lead = hangingIndent(line);
      const body = line.slice(lead.length);
      const folded = wrapAnsi(body, Math.max(10, width - visibleLength(lead)), { hard: true, trim: true });
      return folded
        .split('\n')
        .map((part, i) => (i === 0 ? lead : continuation(lead)) + part)
        .join('\n');
    })
    .join('\n');
}

// Spaces, a quote bar (possibly coloured) and the space after it.
const COLOUR = `(?:${String.fromCharCode(27)}\\[[\\d;]*m)*`;
const LEAD = new RegExp(`^(?: *${COLOUR}│${COLOUR} | *)`);

function hangingIndent(line: string): string {
  return line.match(LEAD)?.[0] ?? '';
}

/** What a folded line starts with: the same bar, or spaces as wide as the indent. */
function continuation(lead: string): string {
  return lead.includes('│') ? lead : ' '.repeat(visibleLength(lead));
}

function visibleLength(text: string): number {
  return stripVTControlCharacters(text).length;
}
