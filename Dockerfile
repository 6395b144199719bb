# syntax=docker/dockerfile:1
# The gateway as a container. scripts/docker-smoke.sh performs these same steps without a Docker
# engine (CI proof): keep the two in sync.

# ---- build: all dependencies, TypeScript → one bundle in dist/ (esbuild) ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY scripts/build.mjs ./scripts/
COPY src ./src
RUN npm run build

# ---- runtime: dist/ only; the bundle holds its dependencies (no node_modules, no npm) ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
# package.json only tells Node that dist/*.js are ES modules
COPY package.json ./
COPY --from=build /app/dist ./dist
# the image's `node` user, by number: Kubernetes' runAsNonRoot can only verify a numeric user
# (deploy/kubernetes/deployment.yaml runs it as 1000:1000 with a read-only root filesystem)
USER 1000:1000
EXPOSE 4000
# Liveness only (/healthz); /readyz also checks the upstream. Node's fetch: no curl in the image.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Without MEMBRANE_API_URL the gateway serves the embedded demo sandbox; set it (and usually
# MEMBRANE_API_TOKEN or per-request Authorization headers) for the real Membrane API.
CMD ["node", "dist/main.js"]
