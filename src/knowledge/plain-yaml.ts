/**
 * A fast reader for the plain YAML that tools write: a top-level list of block mappings whose
 * keys are simple words and whose values are single-line double-quoted strings, lists of them
 * in brackets, or nested blocks. The full YAML parser reads such a file at a few megabytes a
 * second, which at a hundred thousand meetings means minutes.
 *
 * It reads only what it can read exactly as the full parser would and gives up on everything
 * else (plain or block scalars, anchors, comments after values, tabs, duplicate keys, escapes
 * JSON does not share with YAML): the caller then parses the file in full. So a file read here
 * yields the same records, and a file with any YAML mistake is always parsed, and reported on,
 * by the full parser.
 */

class Decline extends Error {}

const decline = (): never => {
  throw new Decline();
};

/** `key:` then spaces or the end of the line; matched in place at a line's start. */
const KEY = /([A-Za-z_][A-Za-z0-9_-]{0,63}):(?: +|$)/my;
/** Keys YAML reads as something other than their text, or that an object cannot hold as data. */
const SPECIAL_KEYS = /^(?:null|true|false|__proto__)$/i;
/** Characters whose YAML meaning differs from JSON's, or that this reader does not handle. */
const UNSUPPORTED = /[\t\r\u0085\u2028\u2029\uFEFF]/;
/** JSON escapes, which YAML double-quoted scalars read the same way. */
const JSON_ESCAPES = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/g;

/** The records of a YAML list, or undefined when the file is not in the plain form. */
export function readPlainYamlList(source: string): Record<string, unknown>[] | undefined {
  if (UNSUPPORTED.test(source)) return undefined;
  try {
    const reader = new Reader(source);
    const records = reader.list(0);
    if (reader.line || records.length === 0) return undefined;
    return records;
  } catch (error) {
    if (error instanceof Decline) return undefined;
    throw error;
  }
}

/**
 * Walks the source a line at a time by position, skipping blank and comment lines, without
 * copying lines: a large file would otherwise become millions of short-lived strings.
 */
class Reader {
  /** The current line: where its text starts and ends, and its indentation; null at the end. */
  line: { indent: number; start: number; end: number } | null = null;
  private next = 0;

  constructor(private readonly source: string) {
    this.advance();
  }

  private advance(): void {
    const { source } = this;
    while (this.next <= source.length) {
      const lineStart = this.next;
      let end = source.indexOf('\n', lineStart);
      if (end === -1) end = source.length;
      this.next = end + 1;
      let start = lineStart;
      while (source.charCodeAt(start) === 32) start++;
      while (end > start && source.charCodeAt(end - 1) === 32) end--;
      if (start < end && source.charCodeAt(start) !== 35) {
        this.line = { indent: start - lineStart, start, end };
        return;
      }
    }
    this.line = null;
  }

  private startsItem(line: { start: number; end: number }): boolean {
    return this.source.startsWith('- ', line.start) && line.end > line.start + 1;
  }

  /** A block list at `indent` whose items are mappings (`- key: value`). */
  list(indent: number): Record<string, unknown>[] {
    const items: Record<string, unknown>[] = [];
    for (let line = this.line; line && line.indent >= indent; line = this.line) {
      if (line.indent !== indent || !this.startsItem(line)) decline();
      // The item's mapping starts after "- " and its other keys line up with its first.
      let start = line.start + 2;
      while (this.source.charCodeAt(start) === 32) start++;
      this.line = { indent: indent + start - line.start, start, end: line.end };
      items.push(this.mapping(this.line.indent));
    }
    return items;
  }

  /** A block mapping at `indent`. */
  mapping(indent: number): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    for (let line = this.line; line && line.indent >= indent; line = this.line) {
      if (line.indent !== indent) decline();
      KEY.lastIndex = line.start;
      const match = KEY.exec(this.source);
      if (!match) return decline();
      const key = match[1] as string;
      if (Object.hasOwn(record, key) || SPECIAL_KEYS.test(key)) decline();
      const end = line.end;
      // The separator's spaces may run into the line's trailing spaces.
      const valueStart = Math.min(line.start + match[0].length, end);
      this.advance();
      if (valueStart < end) {
        record[key] = value(this.source, valueStart, end);
        continue;
      }
      const next = this.line;
      if (!next || next.indent <= indent) return decline(); // an empty value is null in YAML
      record[key] = this.startsItem(next) ? this.list(next.indent) : this.mapping(next.indent);
    }
    return record;
  }
}

/** A one-line value: a double-quoted string, or a bracketed list of them. */
function value(text: string, start: number, end: number): string | string[] {
  if (text.charCodeAt(start) === 34) {
    const [string, after] = quoted(text, start, end);
    if (after !== end) decline();
    return string;
  }
  if (text.charCodeAt(start) !== 91) return decline();
  const items: string[] = [];
  let at = skipSpaces(text, start + 1);
  if (text.charCodeAt(at) === 93) {
    if (at + 1 !== end) decline();
    return items;
  }
  for (;;) {
    const [item, after] = quoted(text, at, end);
    items.push(item);
    at = skipSpaces(text, after);
    const c = text.charCodeAt(at);
    if (c === 93 && at + 1 === end) return items;
    if (c !== 44 || at >= end) decline();
    at = skipSpaces(text, at + 1);
  }
}

function skipSpaces(text: string, from: number): number {
  let at = from;
  while (text.charCodeAt(at) === 32) at++;
  return at;
}

/** The double-quoted string starting at `start`, and the position after its closing quote. */
function quoted(text: string, start: number, end: number): [string, number] {
  if (text.charCodeAt(start) !== 34) decline();
  let at = start + 1;
  let escaped = false;
  for (; at < end; at++) {
    const c = text.charCodeAt(at);
    if (c === 92) {
      escaped = true;
      at++;
    } else if (c === 34) break;
  }
  if (at >= end) decline();
  if (!escaped) return [text.slice(start + 1, at), at + 1];
  const literal = text.slice(start, at + 1);
  if (literal.replace(JSON_ESCAPES, '').includes('\\')) decline();
  try {
    return [JSON.parse(literal) as string, at + 1];
  } catch {
    return decline();
  }
}
