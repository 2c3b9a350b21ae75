/**
 * A read-only table of `key\tvalue` lines sorted by key, kept as one string and searched by
 * bisection. A hundred thousand English words cost one string and an array of line starts
 * (about 1.5 MB) instead of a Map of as many strings, and load from their bytes in about a
 * millisecond: the line starts are saved with them.
 */
const TAB = 9;
const ENCODINGS = ['latin1', 'utf8'] as const;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is what latin1 is.
const LATIN1 = /^[\x00-\xff]*$/;

export class SortedTable {
  readonly #text: string;
  /** Where each line starts in the text, and one past the end of the last line's newline. */
  readonly #starts: Int32Array;

  private constructor(text: string, starts: Int32Array) {
    this.#text = text;
    this.#starts = starts;
  }

  /** A table of `[key, value]` pairs; keys must be unique and hold no tab or newline. */
  static of(entries: Iterable<readonly [string, string]>): SortedTable {
    // A tab sorts before any character a key holds, so lines sort as their keys do.
    const lines = Array.from(entries, ([key, value]) => `${key}\t${value}`).sort();
    const starts = new Int32Array(lines.length + 1);
    for (let i = 0; i < lines.length; i++)
      starts[i + 1] = (starts[i] as number) + (lines[i] as string).length + 1;
    return new SortedTable(lines.join('\n'), starts);
  }

  /** The bytes `fromBytes` reads back: the number of lines, their encoding, their starts, the text. */
  toBytes(): Buffer {
    // latin1 decodes five times faster than UTF-8, and English words need no more.
    const encoding = LATIN1.test(this.#text) ? 0 : 1;
    return Buffer.concat([
      Buffer.from(new Int32Array([this.#starts.length, encoding]).buffer),
      Buffer.from(this.#starts.buffer, this.#starts.byteOffset, this.#starts.byteLength),
      Buffer.from(this.#text, ENCODINGS[encoding]),
    ]);
  }

  static fromBytes(bytes: Buffer): SortedTable {
    const count = bytes.readInt32LE(0);
    const encoding = ENCODINGS[bytes.readInt32LE(4)] as BufferEncoding;
    const end = 8 + count * 4;
    // Copied into an array of its own: a file's buffer may not be aligned for an Int32Array.
    const starts = new Int32Array(bytes.buffer.slice(bytes.byteOffset + 8, bytes.byteOffset + end));
    return new SortedTable(bytes.toString(encoding, end), starts);
  }

  get size(): number {
    return this.#starts.length - 1;
  }

  /** The value filed under `key`, or undefined. */
  get(key: string): string | undefined {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const start = this.#starts[middle] as number;
      const order = this.#compare(key, start);
      if (order === 0)
        return this.#text.slice(start + key.length + 1, (this.#starts[middle + 1] as number) - 1);
      if (order > 0) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** How `key` sorts against the key of the line at `start`, without copying it out. */
  #compare(key: string, start: number): number {
    const text = this.#text;
    for (let i = 0; ; i++) {
      // The tab that ends a line's key sorts before any character, as the end of a string does.
      const found = text.charCodeAt(start + i);
      const mine = i < key.length ? key.charCodeAt(i) : -1;
      const theirs = found === TAB ? -1 : found;
      if (mine !== theirs) return mine - theirs;
      if (mine === -1) return 0;
    }
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Every key and value, in key order. */
  *entries(): IterableIterator<[string, string]> {
    for (let i = 0; i < this.size; i++) {
      const line = this.#text.slice(this.#starts[i], (this.#starts[i + 1] as number) - 1);
      const tab = line.indexOf('\t');
      yield [line.slice(0, tab), line.slice(tab + 1)];
    }
  }
}
