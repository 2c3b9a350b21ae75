#!/bin/sh
# The image's entry point: a mode names the program to run, so that one image serves every
# deployment. `exec` hands the process over, so signals reach Node directly.
set -e
mode="${1:-start}"
[ "$#" -gt 0 ] && shift
case "$mode" in
  # The gateway bot's environment, flags and program are GATEWAY_ENV, GATEWAY_NODE_FLAGS and
  # GATEWAY_PROGRAM in src/cli/lifecycle.ts.
  start) MALLOC_TRIM_THRESHOLD_=131072 exec node --max-semi-space-size=1 --expose-gc dist/src/cli/start.bundle.js "$@" ;;
  serve) exec node dist/src/cli/serve.js "$@" ;;
  start:sharded | sharded) exec node dist/src/cli/start-sharded.js "$@" ;;
  deploy-commands) exec node dist/src/cli/deploy-commands.js "$@" ;;
  knowledge:check) exec node dist/src/cli/knowledge-check.js "$@" ;;
  ask) exec node dist/src/cli/ask.js "$@" ;;
  console) exec node dist/src/cli/console.js "$@" ;;
  insights) exec node dist/src/cli/insights.js "$@" ;;
  *) exec "$mode" "$@" ;;
esac
