import { PNG } from 'pngjs';

/**
 * What a PNG shows, read the way an image viewer would: the signature, the size its IHDR chunk
 * declares, and the decoded pixels, of which enough must differ from the background for the
 * picture not to be blank.
 */
export interface PngFacts {
  signature: boolean;
  width: number;
  height: number;
  /** Share of pixels that differ from the top-left (background) pixel. */
  inked: number;
  /** Distinct colours among the pixels, counted up to a few hundred. */
  colours: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function readPng(bytes: Uint8Array): PngFacts {
  const buffer = Buffer.from(bytes);
  const signature = SIGNATURE.every((b, i) => buffer[i] === b);
  // IHDR is the first chunk: length (4), type (4), then width and height as big-endian words.
  const header = buffer.subarray(8, 16).toString('latin1', 4, 8) === 'IHDR';
  const png = PNG.sync.read(buffer);
  const { data } = png;
  let inked = 0;
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += 4) {
    const rgba = data.readUInt32BE(i);
    if (rgba !== data.readUInt32BE(0)) inked++;
    if (colours.size < 500) colours.add(rgba);
  }
  return {
    signature: signature && header,
    width: header ? buffer.readUInt32BE(16) : 0,
    height: header ? buffer.readUInt32BE(20) : 0,
    inked: inked / (data.length / 4),
    colours: colours.size,
  };
}
