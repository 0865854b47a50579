#!/usr/bin/env bash
# npm run lab -- up|down: a routed hypervisor (namespace sglab-hv) with three VMs (sglab-vm1…3) and
# an agent lab-hv with the nftables driver programming it, next to `npm start`. Needs root;
# installs nftables and iproute2 (and conntrack, ping) when missing; builds when the build is missing
# or older than the agent's sources.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

case "${1:-}" in
  up | down) ;;
  *) echo "usage: npm run lab -- up|down" >&2; exit 2 ;;
esac
if [ "$(id -u)" != 0 ]; then
  echo "the lab creates network namespaces and nftables rules: run it as root (sudo npm run lab -- $1)" >&2
  exit 1
fi

ensure_enforcement_tools
ensure_node_modules
lab=dist/apps/agent/src/lab/lab.js
if [ ! -f "$lab" ] || [ -n "$(find apps/agent/src libs/domain/src libs/protocol/src libs/config/src -name '*.ts' -newer "$lab" -print -quit)" ]; then
  ensure_build
fi
exec node "$lab" "$@"
