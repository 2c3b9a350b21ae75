import { readFileSync } from 'node:fs';
import { parse } from 'dotenv';

/**
 * The environment every gateway bot process starts with (npm start, each shard, the image's
 * start), from gateway.env beside this module, which package.json and the image's entry point
 * source too, so the three cannot drift apart. Both settings must be in place before the process
 * starts, hence environment variables:
 *
 * - `NODE_OPTIONS`: the young generation's semi-spaces default to 16 MB, which an idle bot fills
 *   with garbage it never needs to collect; at 1 MB (`--max-semi-space-size=1`) the idle process
 *   stays under 90 MB with no measurable cost in answer latency at the real fact base (p50 1.6 ms,
 *   p99 7 ms either way, 400 commands against a local fake). At 100,000 meetings young
 *   collections come ten times as often and take a few ms each on the gigabyte heap: p99 /ask
 *   22 ms instead of 12 (README, Speed and scale). `--expose-gc` lets the bot collect once a fact
 *   base is built (see `settleHeap`).
 * - `MALLOC_TRIM_THRESHOLD_`: glibc keeps up to 32 MB of freed memory for later, and some of what
 *   loading a fact base frees was kept: the idle bot measured 84 or 96 MB from run to run.
 *   Handing back anything over 128 KB makes it 83-86 MB every time; musl and other platforms
 *   ignore it.
 * - `MALLOC_MMAP_THRESHOLD_`: V8's compilers and collector work on threads of their own, whose
 *   allocations glibc takes from arenas of their own and trims only from the top; on Node 24
 *   3.5 MB of freed memory stayed inside them, between blocks still in use. Blocks of 32 KB and
 *   more (its compilers' zones, large buffers) are mapped apart instead, and handed back whole
 *   when freed: idle on Node 24 95.4 → 93.0 MB, with no measurable cost in start-up or answers.
 * - `GATEWAY_NODE_FLAGS`: V8 flags, which the launchers pass to node itself (see below).
 */
export const GATEWAY_ENV: Readonly<Record<string, string>> = parse(
  readFileSync(new URL('./gateway.env', import.meta.url)),
);

/**
 * V8 flags every gateway bot process starts with, before its program: an idle bot pays for each
 * compiler it has run, whose machine code in Node's binary stays resident once used, and for what
 * that compiler made. Node 24's V8 runs JavaScript through four tiers (the interpreter, Sparkplug,
 * Maglev, TurboFan) and WebAssembly (undici's HTTP parser) through two (Liftoff, TurboFan); the
 * bot keeps the interpreter and TurboFan, and its HTTP parser stays on Liftoff. Idle on Node 24
 * 92.9 → 88.4 MB, on Node 20 79.8 → 77.4 MB; ready as before (three series of 5 starts each on
 * Node 24: medians 343/494/498 ms with every tier, 431/448/538 ms without). Hot code still
 * reaches TurboFan, whose peak is what answers big fact bases: 600 questions at 10,000 meetings
 * took about the same CPU time (medians of 3 runs, 3.5 s with every tier and 3.6 s without,
 * run-to-run spread ±25%). NODE_OPTIONS refuses V8 flags, so these are passed to node itself: by
 * package.json's start, the image's entry point and the shard manager.
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = (GATEWAY_ENV.GATEWAY_NODE_FLAGS ?? '')
  .split(' ')
  .filter(Boolean);

/**
 * The gateway bot's program as they run it: start.js bundled with its dependencies into one file
 * beside it by `npm run build` (see scripts/bundle.ts), which starts in half the time.
 */
export const GATEWAY_PROGRAM = 'start.bundle.js';
