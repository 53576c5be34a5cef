# Chokepoint server image (multi-stage, non-root). Built by docker-compose.yml; runs `chokepoint serve`.
# `manifests` holds the workspace's package files once; `web` builds the web view (client/dist) from it and
# `deps` installs the production dependencies; the last stage copies both with the sources (the server
# runs TypeScript through tsx, as the CLI does).
FROM node:20-bookworm-slim AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY queries/package.json queries/
COPY importers/package.json importers/
COPY server/package.json server/
COPY client/package.json client/

FROM manifests AS web
RUN npm ci --ignore-scripts
COPY client/ client/
# The client imports the server's response types (type-only: erased by the build).
COPY server/src/schemas/ server/src/schemas/
RUN npx vite build client --logLevel warn

FROM manifests AS deps
RUN npm ci --omit=dev --ignore-scripts && npm install --no-save --ignore-scripts tsx@4

FROM node:20-bookworm-slim
ENV NODE_ENV=production CHOKEPOINT_HOST=0.0.0.0 CHOKEPOINT_PORT=8080 CHOKEPOINT_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY queries/ queries/
COPY importers/ importers/
COPY server/ server/
COPY --from=web /app/client/dist client/dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --retries=5 CMD node -e "fetch('http://127.0.0.1:8080/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "--import", "tsx", "server/src/cli/main.ts", "serve"]
