# Summit in one image, for every way of running it:
#   docker run --env-file .env summit                               the gateway bot (start)
#   docker run --env-file .env -p 8080:8080 summit serve            the HTTP interactions endpoint
#   docker run --rm summit help                                     the list of modes
# The fact base is baked in at /app/knowledge, read-only to the bot; mount a folder over it to
# replace it without a rebuild (the bot reloads on change, or on /reload). docs/docker.md explains
# the rest, and `npm run test:image` builds the image and proves every mode.

# Node 24 is the current LTS; Node 20 reached its end of life on 2026-04-30.
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: compile TypeScript and prebuild the search data, then drop dev dependencies ---
FROM ${NODE_IMAGE} AS build
# better-sqlite3 (the record's embedded store) compiles SQLite where its prebuilt binary cannot be
# downloaded, as behind a registry-only mirror: the build stage carries the toolchain for that,
# and the run stage only the compiled result. node-gyp compiles against the headers the base
# image ships with its Node (/usr/local/include/node, as the official images have them) instead
# of downloading them from nodejs.org, so they match the Node that runs the result. (This is the
# name node-gyp reads its nodedir from since npm 11; npm_config_nodedir draws a warning there.)
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 make g++ >/dev/null \
 && rm -rf /var/lib/apt/lists/*
ENV npm_package_config_node_gyp_nodedir=/usr/local
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts scripts
COPY src src
COPY knowledge knowledge
RUN npm run build && npm prune --omit=dev
# What compiling better-sqlite3 leaves beside its binary (SQLite's sources and object files, 25 MB).
RUN rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/build/Release/obj node_modules/better-sqlite3/build/Release/obj.target

# --- run: production dependencies and compiled code only, as an unprivileged user ---
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    SUMMIT_IN_IMAGE=1 \
    KNOWLEDGE_DIR=/app/knowledge \
    SUMMIT_DATA_DIR=/app/data \
    METRICS_PORT=9090 \
    METRICS_HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
# Owned by root: the bot only reads its fact base, and a mounted volume replaces it anyway.
COPY knowledge knowledge
COPY docker/entrypoint.sh /usr/local/bin/summit
# The record of questions (SQLite) lives here unless DATABASE_URL names a PostgreSQL server.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME /app/data
USER node
# 8080: serve's /interactions. 9090: /healthz and /metrics (shard n of start:sharded on 9090 + n).
EXPOSE 8080 9090-9099
# Probes every process that serves /healthz on the port it started with; one-shot and
# interactive modes have nothing to probe and count as healthy (src/cli/healthcheck.ts).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "/app/dist/src/cli/healthcheck.js"]
ENTRYPOINT ["summit"]
CMD ["start"]
