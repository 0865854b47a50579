#!/usr/bin/env bash
# The whole test suite: lint, types, the Prometheus rules (promtool), then the six tiers (unit,
# integration, e2e, enforcement, browser, and reliability: the fault suite of docs/reliability.md),
# then the OpenStack conformance tests (tempest against the Neutron face, scripts/conformance.sh).
# Installs dependencies, nftables, iproute2, conntrack, Chromium and promtool, and starts Postgres
# and Redis when they are missing. The enforcement tier sends real packets through network
# namespaces: it needs root. The browser tier drives Chromium through the console. The reliability
# tier starts a private Postgres server with the local server binaries (initdb, postgres).
# Ends with one summary line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_node_modules
ensure_postgres
ensure_redis
ensure_enforcement_tools
ensure_chromium
ensure_promtool
ensure_openstack_clients

log "lint"; npx eslint . --max-warnings 0
log "typecheck"; npx tsc -p tsconfig.json --noEmit && npx tsc -p apps/console/tsconfig.json && npx tsc -p apps/console/tsconfig.spec.json
# The alerts as Prometheus reads them, and their unit tests (each fires on its series, and only then).
log "prometheus rules"
promtool check rules deploy/prometheus/alerts.yml
promtool test rules deploy/prometheus/alerts.test.yml
promtool check config deploy/prometheus/prometheus.yml

# The e2e tier starts agents and workers as separate processes from the build; the API serves the built console.
log "build"; npm run -s build

results=.test-results
rm -rf "$results"; mkdir -p "$results"
status=0
for tier in unit int e2e enforcement browser reliability; do
  log "tests: $tier"
  # A bound on each tier: a hang fails the run in minutes instead of running out CI's 90.
  timeout --kill-after=30 1200 npx jest -c "jest.$tier.config.js" --json --outputFile="$results/$tier.json" "$@" || status=1
done
# The fault suite's figures, as docs/reliability.md shows them (`node scripts/reliability-table.mjs --write` puts them there).
node scripts/reliability-table.mjs || status=1

# tempest and neutron-tempest-plugin's security-group API tests against the started system (docs/openstack.md).
log "conformance (tempest)"
timeout --kill-after=30 1200 bash scripts/conformance.sh 2>&1 | tee "$results/conformance.log" || status=1

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, files = 0;
  for (const tier of ["unit", "int", "e2e", "enforcement", "browser", "reliability"]) {
    const file = `'"$results"'/${tier}.json`;
    if (!fs.existsSync(file)) { failed++; console.log(`${tier}: no results (the runner crashed)`); continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites; files += r.numTotalTestSuites;
    console.log(`${tier}: ${r.numPassedTests} passed, ${r.numFailedTests} failed in ${r.numTotalTestSuites} files`);
  }
  const conformance = fs.existsSync(`'"$results"'/conformance.log`) ? /conformance: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(fs.readFileSync(`'"$results"'/conformance.log`, "utf8")) : null;
  if (!conformance) { failed++; console.log("conformance: no results"); }
  else { passed += Number(conformance[1]); failed += Number(conformance[2]) + Number(conformance[3]); console.log(`conformance: ${conformance[1]} passed, ${conformance[2]} failed, ${conformance[3]} skipped`); }
  if (passed === 0) { console.log("no test ran"); process.exitCode = 1; }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
' || status=1
exit $status
