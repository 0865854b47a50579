# syntax=docker/dockerfile:1
# One multi-stage build, a target per process:
#   docker build --target api .      (likewise worker, agent, migrate)
# docker-compose.yml builds all four. Every target runs as the unprivileged `node` user, with
# node as PID 1 in exec form so SIGTERM reaches the process's own graceful shutdown.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# --- build: the whole toolchain, compiled to dist/ ---------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY bench ./bench
COPY tools ./tools
RUN npm run build

# --- runtime: production dependencies and the compiled code, nothing else -----------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node

# --- the processes ----------------------------------------------------------------------
# Creates the database when missing and applies pending migrations, then exits (a one-shot job).
FROM runtime AS migrate
CMD ["node", "dist/libs/infra/src/cli/migrate.js"]

FROM runtime AS api
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]

FROM runtime AS worker
# Its health and metrics listener; WORKER_HOST=0.0.0.0 makes it reachable from outside.
EXPOSE 3100
CMD ["node", "dist/apps/worker/src/main.js"]

# The memory driver runs as is; the nftables driver needs nft, ip and conntrack, root with
# CAP_NET_ADMIN and the hypervisor's network namespace: run that agent on the host (README).
FROM runtime AS agent
EXPOSE 7001
CMD ["node", "dist/apps/agent/src/main.js"]
