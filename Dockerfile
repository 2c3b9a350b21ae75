# syntax=docker/dockerfile:1
#
# Summit in one image, for both ways of running it:
#   docker run --env-file .env summit                               the gateway bot (npm start)
#   docker run --env-file .env -p 8080:8080 summit serve            the HTTP interactions endpoint
# The fact base is baked in at /app/knowledge; mount a folder over it to replace it without a
# rebuild (the bot reloads on change, or on /reload).

ARG NODE_VERSION=20

# --- build: compile TypeScript and prebuild the search data, then drop dev dependencies ---
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts scripts
COPY src src
COPY knowledge knowledge
RUN npm run build && npm prune --omit=dev

# --- run: production dependencies and compiled code only, as an unprivileged user ---
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    KNOWLEDGE_DIR=/app/knowledge \
    SUMMIT_DATA_DIR=/app/data \
    METRICS_PORT=9090 \
    PORT=8080
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --chown=node:node knowledge knowledge
COPY docker/entrypoint.sh /usr/local/bin/summit
# The record of questions (SQLite) lives here unless DATABASE_URL names a PostgreSQL server.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME /app/data
USER node
EXPOSE 8080 9090
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.METRICS_PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["summit"]
CMD ["start"]
