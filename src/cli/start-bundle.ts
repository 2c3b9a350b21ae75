import module from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The gateway bot's entry point in its bundle (scripts/bundle.ts makes it start.bundle.js): it
 * turns on Node's compile cache, then loads the bot, which the bundle keeps in separate files so
 * that they are compiled after this. From the second start on, V8 reads its compiled code from
 * the cache instead of compiling the bundle's megabytes again. Node 20 has no compile cache
 * (22.1 added it): there the bot simply starts.
 *
 * The cache goes beside the bundle; where that is read-only (the image), in Node's default place
 * under the system's temporary folder. NODE_COMPILE_CACHE, if set, wins over both.
 */

interface CompileCache {
  enableCompileCache?: (directory?: string) => { status: number };
  constants?: { compileCacheStatus?: { FAILED: number } };
}

const { enableCompileCache, constants } = module as CompileCache;
if (enableCompileCache) {
  const beside = enableCompileCache(fileURLToPath(new URL('.compile-cache', import.meta.url)));
  if (beside.status === constants?.compileCacheStatus?.FAILED) enableCompileCache();
}

await import('./start.js');
