/** The part of opentype.js (which ships no types) that measures text. */
declare module 'opentype.js' {
  export interface Font {
    unitsPerEm: number;
    charToGlyph(char: string): { advanceWidth?: number };
  }
  export function parse(buffer: ArrayBuffer): Font;
}
