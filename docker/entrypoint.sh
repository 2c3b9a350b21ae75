#!/bin/sh
# The image's entry point: a mode names the program to run, so that one image serves every
# deployment. `exec` hands the process over, so signals reach Node directly.
set -e
mode="${1:-start}"
[ "$#" -gt 0 ] && shift

modes() {
  cat <<'USAGE'
Modes (docker run [options] summit MODE [arguments]):
  start              the gateway bot (the default)
  start:sharded      the gateway bot as several shards (SHARD_COUNT), one process each
  serve              the HTTP interactions endpoint on PORT (8080)
  deploy-commands    register the slash commands with Discord, then exit
  knowledge:check    validate the fact base in /app/knowledge, then exit
  ask "QUESTION"     answer one question or /command, then exit
  console            an interactive session in the terminal (docker run -it)
  insights           export the record of questions (--format csv|json, --days N), then exit
USAGE
}

# The long-running modes always serve /healthz for the image's health check. A blank
# METRICS_PORT, as `--env-file` passes .env.example's, means the default here, not "off".
serving() {
  METRICS_PORT="${METRICS_PORT:-9090}"
  export METRICS_PORT
}

# The gateway bot's environment, shared with npm start and every shard (src/cli/gateway-launch.ts).
gateway() {
  set -a
  . /app/dist/src/cli/gateway.env
  set +a
}

case "$mode" in
  start) serving; gateway; exec node $GATEWAY_NODE_FLAGS /app/dist/src/cli/start.bundle.js "$@" ;;
  start:sharded | sharded) serving; exec node /app/dist/src/cli/start-sharded.js "$@" ;;
  serve) serving; exec node /app/dist/src/cli/serve.js "$@" ;;
  deploy-commands) exec node /app/dist/src/cli/deploy-commands.js "$@" ;;
  knowledge:check) exec node /app/dist/src/cli/knowledge-check.js "$@" ;;
  ask) exec node /app/dist/src/cli/ask.js "$@" ;;
  console) exec node /app/dist/src/cli/console.js "$@" ;;
  insights) exec node /app/dist/src/cli/insights.js "$@" ;;
  help | --help | -h) modes ;;
  *)
    echo "summit: there is no mode called '$mode'." >&2
    modes >&2
    exit 2
    ;;
esac
