#!/usr/bin/env bash
# npm run test:image: builds the image and proves it in containers (tests/image/container.proof.ts):
# every mode, the health check of each long-running mode with settings passed as the docs say,
# /when answered through a fake Discord over the host network, serve's signature check, a clean
# stop on SIGTERM, an unprivileged user, and the compose file. Needs a Docker engine and
# docker-compose; not part of npm test. docs/docker.md explains it.
set -euo pipefail
cd "$(dirname "$0")/.."
image=${SUMMIT_IMAGE:-summit:test}

if ! docker info >/dev/null 2>&1; then
  echo "test:image: no Docker engine answers here; start one (dockerd, or the Docker service) and run it again." >&2
  exit 1
fi
command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || {
  echo "test:image: the compose proof needs docker-compose (or the docker compose plugin)." >&2
  exit 1
}

started=$(date +%s)
base=$(bash scripts/image/base.sh)
echo "test:image: base ready in $(($(date +%s) - started)) s; building $image on $base"
started=$(date +%s)
# The build's own output is kept and shown only if it fails, so that npm's or the compiler's
# errors are read here rather than a bare "returned a non-zero code".
log=$(mktemp)
trap 'rm -f "$log"' EXIT
docker build --build-arg NODE_IMAGE="$base" -t "$image" . >"$log" 2>&1 || {
  tail -60 "$log" >&2
  echo "test:image: the build failed (its last lines above)" >&2
  exit 1
}
built=$(date +%s)
size=$(docker image inspect -f '{{.Size}}' "$image")
echo "test:image: built in $((built - started)) s; image size $((size / 1000000)) MB"

SUMMIT_IMAGE="$image" npx vitest run --config vitest.image.config.ts --reporter=verbose
