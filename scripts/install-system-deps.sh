#!/usr/bin/env bash
# Installs the system packages the test suite needs when they are missing:
# pgvector for the PostgreSQL server (built from Debian trixie's source package,
# since Debian 12 ships none), git for the Git connector and Debian's Chromium for Playwright.
set -euo pipefail

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

pg_major() {
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters -h | awk 'NR==1 {print $1}'
  else
    ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1
  fi
}

apt_updated=0
apt_update() {
  if [ "$apt_updated" = 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
}

PG=$(pg_major || true)
if [ -n "${PG}" ] && [ ! -f "/usr/share/postgresql/${PG}/extension/vector.control" ]; then
  echo "[deps] building pgvector for PostgreSQL ${PG} from Debian's source package"
  if ! grep -rqs "trixie" /etc/apt/sources.list /etc/apt/sources.list.d/ ; then
    # Same mirror as the machine's own apt sources (deb822 "URIs:" or one-line "deb URL" forms), never a comment.
    mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
      | grep -E '^(URIs:|deb )' | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -1 | tr -d ' ' || true)
    mirror=${mirror:-http://deb.debian.org/debian}
    printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$mirror" \
      | $SUDO tee /etc/apt/sources.list.d/groundwork-trixie-src.sources >/dev/null
  fi
  apt_update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-server-dev-${PG}" dpkg-dev make gcc >/dev/null
  build=$(mktemp -d)
  (cd "$build" && apt-get source -qq pgvector >/dev/null 2>&1 && cd pgvector-*/ \
    && make -s PG_CONFIG="/usr/lib/postgresql/${PG}/bin/pg_config" >/dev/null \
    && $SUDO make -s install PG_CONFIG="/usr/lib/postgresql/${PG}/bin/pg_config" >/dev/null)
  rm -rf "$build"
  echo "[deps] pgvector installed"
fi

# The Git connector drives the system git (its tests build repositories with it too).
if ! command -v git >/dev/null 2>&1; then
  echo "[deps] installing Debian's git"
  apt_update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git >/dev/null
fi

# The topology harness (pnpm topology, pnpm test:topology) runs Debian's PgBouncer (1.18) in transaction pooling.
if ! command -v pgbouncer >/dev/null 2>&1 && [ ! -x /usr/sbin/pgbouncer ]; then
  echo "[deps] installing Debian's pgbouncer"
  apt_update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "[deps] installing Debian's chromium"
  apt_update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The server must be running for the integration tests; this kind of machine starts it, but a stopped one is restarted.
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -n "${PG}" ]; then
  if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    $SUDO pg_ctlcluster --skip-systemctl-redirect "${PG}" main start || true
  fi
fi

# The topology harness (pnpm test:topology) makes a streaming standby with pg_basebackup, which needs a
# replication rule in the primary's pg_hba. Debian's default file has one for loopback; a trimmed one
# (this kind of machine) has none, so one is appended — loopback only, trust like the file's own
# loopback rule — and the server reloaded. The harness does the same when it can write the file.
if command -v psql >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  q() { psql -h 127.0.0.1 -U postgres -d postgres -Atqc "$1" 2>/dev/null || true; }
  if [ "$(q "select count(*) from pg_hba_file_rules where 'replication' = any(database) and type like 'host%' and error is null")" = "0" ]; then
    hba=$(q "show hba_file")
    if [ -n "$hba" ]; then
      printf '\n# Added by scripts/install-system-deps.sh: streaming replication from loopback (pnpm topology).\nhost replication all 127.0.0.1/32 trust\n' \
        | $SUDO tee -a "$hba" >/dev/null && q "select pg_reload_conf()" >/dev/null && echo "[deps] allowed loopback replication in $hba"
    fi
  fi
fi
