#!/usr/bin/env bash
# Replays the Dockerfile's steps without Docker (none on the development and CI machines): the
# build stage (npm ci, npm run build) on a copy of the build context as .dockerignore leaves it,
# the runtime stage (npm ci --omit=dev, then dist/ copied over), and starts the migrations, the
# API, the worker and an agent from it with NODE_ENV=production, checking each answers ready.
# Not part of npm test (two npm installs); run it after changing the Dockerfile or dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
ensure_postgres
ensure_redis

work=$(mktemp -d /tmp/sg-container-XXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS sg_container_replay" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

log "build stage: copying the build context"
mkdir -p "$work/build" "$work/runtime"
git ls-files -co --exclude-standard | grep -vE '^(\.git|node_modules|dist|coverage|\.test-results|test/|docs/|deploy/|README\.md)' | tar cf - -T - | tar xf - -C "$work/build"
(cd "$work/build" && npm ci --no-audit --no-fund --loglevel=error && npm run -s build)
log "runtime stage: npm ci --omit=dev"
cp package.json package-lock.json .npmrc "$work/runtime/"
(cd "$work/runtime" && NODE_ENV=production npm ci --omit=dev --no-audit --no-fund --loglevel=error)
cp -r "$work/build/dist" "$work/runtime/dist"

export NODE_ENV=production LOG_FORMAT=json
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/sg_container_replay QUEUE_PREFIX="sg-container-replay-$$"
export API_KEYS=replay-member-key:demo:member,replay-operator-key:ops:operator AGENT_API_KEY=replay-operator-key AGENT_TOKEN=replay-agent-token
AUDIT_SIGNING_KEY="$(node -e "process.stdout.write(require('node:crypto').generateKeyPairSync('ed25519').privateKey.export({type:'pkcs8',format:'der'}).toString('base64'))")"
export AUDIT_SIGNING_KEY
export HOST=127.0.0.1 PORT=3931 WORKER_PORT=3932 AGENT_PORT=3933 AGENT_ID=hv-replay API_URL=http://127.0.0.1:3931
cd "$work/runtime"
log "migrate"; node dist/libs/infra/src/cli/migrate.js
node dist/apps/api/src/main.js > "$work/api.log" 2>&1 & pids+=($!)
node dist/apps/worker/src/main.js > "$work/worker.log" 2>&1 & pids+=($!)
node dist/apps/agent/src/main.js > "$work/agent.log" 2>&1 & pids+=($!)
for port in 3931 3932 3933; do
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "http://127.0.0.1:$port/health/ready" || { echo "port $port not ready"; cat "$work"/*.log; exit 1; }
  echo
done
log "the image's steps work: migrate, api, worker and agent ready with production dependencies only"
redis-cli --scan --pattern "sg-container-replay-$$*" | xargs -r redis-cli del >/dev/null
