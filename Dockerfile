# syntax=docker/dockerfile:1
# Pipewatch as an image: built and packed in one stage, installed from the tarball with the steps
# the release check runs (lab/release/install-release.sh), run as a non-root user on a read-only
# root file system with its state in /data. docs/deploy.md has the run commands.

# 1. Build: every dependency, next build and the compiled server, packed as npm pack makes it.
FROM node:20-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary can be downloaded.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build && mkdir /release && npm pack --pack-destination /release && mv /release/pipewatch-*.tgz /release/pipewatch.tgz

# 2. Install: the tarball with its runtime dependencies only, read-only, as the release check does.
FROM node:20-slim AS install
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY --from=build /release/pipewatch.tgz /tmp/pipewatch.tgz
COPY lab/release/install-release.sh /tmp/install-release.sh
RUN sh /tmp/install-release.sh /tmp/pipewatch.tgz /opt/pipewatch

# 3. Run: the same base as the install (the native SQLite binding matches it), no compilers, no npm cache.
FROM node:20-slim
COPY --from=install /opt/pipewatch /opt/pipewatch
RUN mkdir /data && chown node:node /data
# The store's default path, data/pipewatch.sqlite, is relative to the working directory: /data/pipewatch.sqlite.
WORKDIR /
VOLUME /data
USER node
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PIPEWATCH_HOST=0.0.0.0 \
    PIPEWATCH_PORT=19300
EXPOSE 19300
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PIPEWATCH_PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/opt/pipewatch/node_modules/.bin/pipewatch"]
CMD ["serve"]
