#!/usr/bin/env bash
# npm run bench: works on a fresh clone like the README's two commands — installs the npm
# dependencies when they are missing, starts the local Postgres and Redis when they are down,
# builds, then runs the harness (bench/run.ts) with the arguments given (--quick, --only=…).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_node_modules
ensure_postgres
ensure_redis
npm run -s build
exec node dist/bench/run.js "$@"
