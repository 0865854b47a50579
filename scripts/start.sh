#!/usr/bin/env bash
# Runs the whole system locally with defaults that need no configuration (the console at /console):
# Postgres and Redis (started if down), migrations, the API, the worker and two agents (hv-1, hv-2).
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_node_modules
ensure_postgres
ensure_redis
ensure_build
# Least privilege: migrations run as the database's owner (DATABASE_URL, by default postgres on the
# local server) and grant the service role (sg_app) what the API and the worker need: read and append
# events, write the other tables, nothing more. The services then connect as sg_app, unless
# SERVICE_DATABASE_URL says otherwise.
log "migrating the database (as its owner; the services connect as ${DATABASE_SERVICE_ROLE:-sg_app})"
npm run -s migrate
export DATABASE_URL="${SERVICE_DATABASE_URL:-$(node -e '
  const u = new URL(process.argv[1] || "postgres://postgres@127.0.0.1:5432/security_groups");
  u.username = process.argv[2]; u.password = ""; console.log(u.toString());
' "${DATABASE_URL:-}" "${DATABASE_SERVICE_ROLE:-sg_app}")}"

export PORT="${PORT:-3000}"
# The processes' output goes through sed below, so they see no terminal: ask for pretty logs
# when this script has one (JSON lines otherwise, e.g. `npm start > file`).
if [ -t 1 ]; then export LOG_FORMAT="${LOG_FORMAT:-pretty}"; fi
export API_URL="${API_URL:-http://127.0.0.1:${PORT}}"
pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

start() { # name, command...
  local name=$1; shift
  ( "$@" 2>&1 | sed -u "s/^/[$name] /" ) &
  pids+=($!)
}

start api node dist/apps/api/src/main.js
if [ -f dist/apps/worker/src/main.js ]; then start worker node dist/apps/worker/src/main.js; fi
if [ -f dist/apps/agent/src/main.js ]; then
  AGENT_ID=hv-1 AGENT_PORT=7001 AGENT_DRIVER=memory start hv-1 node dist/apps/agent/src/main.js
  AGENT_ID=hv-2 AGENT_PORT=7002 AGENT_DRIVER=memory start hv-2 node dist/apps/agent/src/main.js
fi

for _ in $(seq 1 60); do curl -fs "$API_URL/health" >/dev/null 2>&1 && break; sleep 0.5; done
log "Console on $API_URL/console (API on $API_URL, docs: $API_URL/docs). Keys: dev-member-key (tenant demo), dev-operator-key (operator). Ctrl-C stops."
wait -n "${pids[@]}"
