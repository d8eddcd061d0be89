#!/bin/sh
# pgtest.sh COMMAND...: run COMMAND against a throwaway PostgreSQL server.
#
# Starts Debian's PostgreSQL (package postgresql, binaries in /usr/lib/postgresql/N/bin)
# in a fresh temporary directory: initdb with trust authentication for the superuser
# postgres, listening on 127.0.0.1 on a free port and on a Unix socket inside that
# directory only. Then runs COMMAND with
#   POK_TEST_PG=postgresql://postgres@127.0.0.1:PORT/postgres
# exported (the tests create and drop their own databases over that maintenance URL),
# and afterwards stops the server and deletes the directory, also when COMMAND fails or
# the script is interrupted. Exits with COMMAND's status.
#
# The data is thrown away, so the server runs with fsync, synchronous_commit and
# full_page_writes off: a crash of the machine could lose it, which does not matter here
# and makes the tests several times faster.
#
# initdb and postgres refuse to run as root: run as root, the server runs as the
# unprivileged user nobody (POK_PG_USER overrides), which owns the temporary directory.
# POK_PG_BINDIR chooses the server binaries. If POK_TEST_PG is already set, COMMAND runs
# against that server and none is started (so nested calls share one server).
set -u

if [ $# = 0 ]; then
  echo "usage: sh scripts/pgtest.sh COMMAND..." >&2
  exit 2
fi
if [ -n "${POK_TEST_PG:-}" ]; then
  exec "$@"
fi

# The server binaries: POK_PG_BINDIR, the newest /usr/lib/postgresql/N/bin, pg_config.
bindir=${POK_PG_BINDIR:-}
if [ -z "$bindir" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  bindir=$(pg_config --bindir 2>/dev/null || true)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "pgtest: no PostgreSQL server found (initdb, pg_ctl): install the Debian package postgresql (scripts/deps.sh)" >&2
  exit 1
fi

# As root the server runs as an unprivileged user; as anyone else, as that user.
as_server() { "$@"; }
server_user=""
if [ "$(id -u)" = 0 ]; then
  server_user=${POK_PG_USER:-nobody}
  if command -v runuser >/dev/null 2>&1; then
    as_server() { runuser -u "$server_user" -- "$@"; }
  elif command -v setpriv >/dev/null 2>&1; then
    as_server() {
      setpriv --reuid="$server_user" --regid="$(id -g "$server_user")" --clear-groups "$@"
    }
  else
    echo "pgtest: running as root, but neither runuser nor setpriv is there to start the server as $server_user" >&2
    exit 1
  fi
fi

PGTMP=$(mktemp -d "${TMPDIR:-/tmp}/pok-pg.XXXXXX") || exit 1
chmod 700 "$PGTMP"
[ -n "$server_user" ] && chown "$server_user" "$PGTMP"
PGDATA_DIR="$PGTMP/data"
started=0

cleanup() {
  if [ "$started" = 1 ]; then
    # immediate: no checkpoint, the data is deleted anyway
    (cd "$PGTMP" && as_server "$bindir/pg_ctl" -D "$PGDATA_DIR" -m immediate -w -t 30 stop) \
      >/dev/null 2>&1
    # should pg_ctl fail, the postmaster's pid is the first line of postmaster.pid
    if [ -f "$PGDATA_DIR/postmaster.pid" ]; then
      pid=$(head -n 1 "$PGDATA_DIR/postmaster.pid")
      [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
      sleep 1
    fi
  fi
  rm -rf "$PGTMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# A free port: ask the kernel for one (python3 is a dependency); without python3 a random
# one. A port taken between this check and the start makes the start fail: try again.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
    2>/dev/null || echo $((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
}

# cd: initdb and postgres complain when they cannot read the current directory
if ! (cd "$PGTMP" && as_server "$bindir/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust \
      --locale=C.UTF-8 --encoding=UTF8 --no-sync) >"$PGTMP/initdb.log" 2>&1; then
  echo "pgtest: initdb failed:" >&2
  cat "$PGTMP/initdb.log" >&2
  exit 1
fi

port=""
for attempt in 1 2 3 4 5; do
  try=$(free_port)
  if (cd "$PGTMP" && as_server "$bindir/pg_ctl" -D "$PGDATA_DIR" -l "$PGTMP/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $try -k $PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start) >"$PGTMP/pg_ctl.log" 2>&1; then
    started=1
    port=$try
    break
  fi
  # a start that timed out may have left a postmaster behind: the cleanup stops it
  if [ -f "$PGDATA_DIR/postmaster.pid" ]; then
    started=1
    break
  fi
  if ! grep -q "could not bind\|Address already in use" "$PGTMP/server.log" 2>/dev/null; then
    break
  fi
done
if [ -z "$port" ]; then
  echo "pgtest: the PostgreSQL server did not start:" >&2
  cat "$PGTMP/pg_ctl.log" "$PGTMP/server.log" >&2 2>/dev/null
  exit 1
fi

# pg_ctl -w waited for the server; pg_isready confirms it takes connections on TCP.
ready=0
for i in $(seq 1 50); do
  if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
    ready=1
    break
  fi
  sleep 0.2
done
if [ "$ready" != 1 ]; then
  echo "pgtest: the PostgreSQL server on 127.0.0.1:$port does not answer:" >&2
  cat "$PGTMP/server.log" >&2
  exit 1
fi

export POK_TEST_PG="postgresql://postgres@127.0.0.1:$port/postgres"
echo "pgtest: PostgreSQL $("$bindir/postgres" --version | sed 's/^[^0-9]*\([0-9.]*\).*/\1/') on 127.0.0.1:$port (throwaway, in $PGTMP)"
"$@"
status=$?
exit "$status"
