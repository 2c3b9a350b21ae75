/**
 * The zod/mini functions the settings' schemas use, named so that a bundler keeps only these:
 * the gateway bot, which checks its settings first thing, is bundled with them (see `useZod` in
 * src/settings.ts), 53 KB of zod instead of the 715 KB of all of zod/mini.
 */
export {
  _default,
  coerce,
  enum,
  gte,
  int,
  ipv4,
  ipv6,
  lte,
  minLength,
  object,
  optional,
  pipe,
  regex,
  string,
  transform,
  union,
  url,
} from 'zod/mini';
