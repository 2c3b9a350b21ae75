import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Font } from 'opentype.js';
import { BACKGROUND, WIDTH } from './chart.js';

/**
 * Draws a Vega-Lite chart as a PNG without a browser: vega-lite compiles it, vega's View renders
 * SVG, and resvg turns the SVG into pixels with the fonts shipped in `dejavu-fonts-ttf`, never the
 * machine's own, so the picture is the same everywhere. Text is measured with the same font files
 * (opentype.js), so labels are laid out and cut to fit as they will be drawn.
 *
 * This runs in the drawing thread (render-worker.ts), which imports the libraries on its first
 * picture.
 */

const require = createRequire(import.meta.url);

const FONT_FILES = {
  'DejaVu Sans': 'DejaVuSans.ttf',
  'DejaVu Sans|bold': 'DejaVuSans-Bold.ttf',
} as const;

const fontPath = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);

interface TextItem {
  font?: string;
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

export interface Rendered {
  png: Uint8Array;
  width: number;
  height: number;
}

interface Renderer {
  render(spec: Record<string, unknown>): Promise<Rendered>;
}

let renderer: Promise<Renderer> | undefined;

export function draw(spec: Record<string, unknown>): Promise<Rendered> {
  renderer ??= loadRenderer();
  return renderer.then((r) => r.render(spec));
}

/**
 * The width of text in ems, from each character's advance. Labels are short and in Latin script:
 * opentype.js's shaping (which stumbles on DejaVu's substitution tables) would change nothing here.
 */
const advances = new WeakMap<Font, Map<string, number>>();
function advance(font: Font, text: string): number {
  const widths = advances.get(font) ?? new Map<string, number>();
  advances.set(font, widths);
  let total = 0;
  for (const char of text) {
    let width = widths.get(char);
    if (width === undefined) {
      width = (font.charToGlyph(char).advanceWidth ?? 0) / font.unitsPerEm;
      widths.set(char, width);
    }
    total += width;
  }
  return total;
}

/** vega-lite's notes on a specification go nowhere: the charts are fixed, and tested. */
const quiet = {
  level: () => quiet,
  error: () => quiet,
  warn: () => quiet,
  info: () => quiet,
  debug: () => quiet,
};

async function loadRenderer(): Promise<Renderer> {
  const [vegaLite, vega, resvg] = await Promise.all([
    import('vega-lite'),
    import('vega'),
    import('@resvg/resvg-js'),
  ]);
  // opentype.js is a CommonJS (UMD) file to Node: `import` would give only its default export.
  const opentype = require('opentype.js') as typeof import('opentype.js');
  const fonts = new Map<string, Font>();
  for (const [key, file] of Object.entries(FONT_FILES)) {
    const bytes = readFileSync(fontPath(file));
    fonts.set(key, opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)));
  }
  // vega asks for the width of text as drawn: cut to the item's `limit` when it has one.
  const measure = (item: TextItem, text: string) => {
    const family = (item.font ?? 'DejaVu Sans').replace(/["']/g, '');
    const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    const font = fonts.get(`${family}${bold ? '|bold' : ''}`) ?? fonts.get('DejaVu Sans');
    const width = font ? advance(font, text) * (item.fontSize ?? 11) : 0;
    return item.limit ? Math.min(width, item.limit) : width;
  };
  // vega measures text to lay out axes and cut labels; without a canvas it guesses widths.
  // `textMetrics` is exported at run time (from vega-scenegraph) but missing from vega's types.
  const { textMetrics } = vega as unknown as {
    textMetrics: { width: (item: TextItem, text: string) => number };
  };
  textMetrics.width = (item, text) => measure(item, String(text ?? ''));
  const fontFiles = Object.values(FONT_FILES).map(fontPath);
  return {
    async render(spec) {
      const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0], {
        logger: quiet,
      }).spec;
      const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.None });
      try {
        const svg = await view.toSVG();
        const image = new resvg.Resvg(svg, {
          background: BACKGROUND,
          font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
          // Exactly the width chosen, whatever an axis label's overhang added.
          fitTo: { mode: 'width', value: WIDTH },
        }).render();
        return { png: image.asPng(), width: image.width, height: image.height };
      } finally {
        view.finalize();
      }
    },
  };
}
