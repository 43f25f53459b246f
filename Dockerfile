# One image for every app service (api, ingest, worker, firmware-sim, migrate); the compose
# service chooses the entry point. TypeScript runs through tsx, so there is no build output.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json package-lock.json tsconfig.json ./
COPY --chown=node:node platform ./platform
COPY --chown=node:node optimizer ./optimizer
COPY --chown=node:node planner ./planner
COPY --chown=node:node ingest ./ingest
COPY --chown=node:node api ./api
COPY --chown=node:node firmware-sim ./firmware-sim
COPY --chown=node:node scripts ./scripts
USER node
EXPOSE 3000
CMD ["npx", "tsx", "api/server.ts"]
