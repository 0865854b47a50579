# Shared by start.sh, test.sh and .ci/run: bring up what the project needs, installing when missing.
# Everything here is idempotent: a second call on a ready machine only checks.

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  log "installing Debian packages: $*"
  # Another install on the machine (a second checkout's test run) holds dpkg's lock: wait for it.
  local wait=(-o DPkg::Lock::Timeout=600)
  if [ -z "${APT_UPDATED:-}" ]; then as_root apt-get "${wait[@]}" update -qq >/dev/null && APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get "${wait[@]}" install -y -qq "$@" >/dev/null
}

ensure_node_modules() {
  local stamp=node_modules/.package-lock.json
  if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
    log "installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return; fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then apt_install postgresql; fi
  log "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return; sleep 1; done
  echo "PostgreSQL did not come up on 127.0.0.1:5432" >&2; return 1
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then return; fi
  if ! command -v redis-server >/dev/null 2>&1; then apt_install redis-server; fi
  log "starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return; sleep 1; done
  echo "Redis did not come up on 127.0.0.1:6379" >&2; return 1
}

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]; }

# What the nftables driver, the lab and the enforcement tests run: nft, ip (namespaces, veths,
# routes), conntrack (cutting connections) and ping.
ensure_enforcement_tools() {
  local missing=()
  have nft || missing+=(nftables)
  have ip || missing+=(iproute2)
  have conntrack || missing+=(conntrack)
  have ping || missing+=(iputils-ping)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}

# The browser tests drive Debian's Chromium through playwright-core (Playwright's own browser
# download cannot work here).
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  apt_install chromium
}

# promtool checks the Prometheus alert rules and scrape config (deploy/prometheus); Debian's
# prometheus package carries it (its service is not started: nothing here runs Prometheus).
ensure_promtool() {
  have promtool || apt_install prometheus
}

ensure_build() {
  log "building (tsc, and the console with Vite)"
  npm run -s build
}

# The OpenStack conformance tests and client: Debian's tempest (which finds the plugin) and the
# openstack CLI (docs/openstack.md).
ensure_openstack_clients() {
  local missing=()
  have tempest || missing+=(tempest)
  [ -d /usr/lib/python3/dist-packages/neutron_tempest_plugin ] || missing+=(neutron-tempest-plugin)
  have openstack || missing+=(python3-openstackclient)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}
