#!/bin/sh
# web.sh [POK]: benchmark pok serve against nginx, in one run, on 127.0.0.1 only.
#
# Makes a demo database, starts `pok serve` on a free loopback port, saves the
# municipality page (/gemeente/GM1734) from it with curl, starts nginx (not as a daemon,
# its own config in a temp dir, 2 workers, no access log) serving that saved page as a
# static file under the same path, runs wrk against both and prints requests per second,
# the ratio to nginx and the p50 and p99 latency. Both servers are stopped at the end.
#
# The machine may be shared, so nginx and pok take turns for ROUNDS rounds and the table
# shows the median of each column.
#
# Environment: DURATION (wrk -d, default 10s), CONNECTIONS (default 64), THREADS (wrk -t,
# default 2), ROUNDS (default 3), PAGE (default /gemeente/GM1734), NGINX_PORT (the first
# port tried, default 18089; the next free one is used).
set -eu

POK=${1:-build/pok}
POK=$(cd "$(dirname "$POK")" && pwd)/$(basename "$POK")
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-3}
PAGE=${PAGE:-/gemeente/GM1734}
NGINX_PORT=${NGINX_PORT:-18089}

for tool in wrk nginx curl; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    echo "web.sh: $tool is missing (make bench installs it)" >&2
    exit 1
  fi
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pok-bench.XXXXXX")
pok_pid=""
nginx_pid=""
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
cleanup() {
  stop "$pok_pid"
  stop "$nginx_pid"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# nginx's workers run as nobody and must read the saved page.
chmod 755 "$WORK"

"$POK" --db "$WORK/bench.db" demo --quiet >"$WORK/demo.out" 2>&1 || {
  cat "$WORK/demo.out" >&2
  exit 1
}

# pok serve on a free port; it prints its address once it listens.
pok_serve_start "$WORK/bench.db" "$WORK/pok.out"
pok_pid=$started_pid
pok_url=$started_url
if [ -z "$pok_url" ]; then
  echo "web.sh: pok serve did not start" >&2
  cat "$WORK/pok.out" >&2
  exit 1
fi

# The same page as a static file, under the same path.
mkdir -p "$WORK/www$(dirname "$PAGE")"
chmod -R 755 "$WORK/www"
curl -sf --max-time 10 -o "$WORK/www$PAGE" "$pok_url$PAGE"
chmod 644 "$WORK/www$PAGE"
page_bytes=$(wc -c <"$WORK/www$PAGE")

# Same headers as pok sends, so both answer with about the same number of bytes.
csp="default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
# nginx_conf PORT: the configuration, listening on 127.0.0.1:PORT.
nginx_conf() {
  cat >"$WORK/nginx.conf" <<EOF
daemon off;
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx-body;
    proxy_temp_path $WORK/nginx-proxy;
    fastcgi_temp_path $WORK/nginx-fastcgi;
    uwsgi_temp_path $WORK/nginx-uwsgi;
    scgi_temp_path $WORK/nginx-scgi;
    types { }
    default_type "text/html; charset=utf-8";
    keepalive_requests 1000000;
    # Keep the file open between requests: the strongest static baseline.
    open_file_cache max=16 inactive=60s;
    open_file_cache_valid 60s;
    server {
        listen 127.0.0.1:$1;
        root $WORK/www;
        add_header Content-Security-Policy "$csp" always;
        add_header X-Content-Type-Options nosniff always;
        add_header Referrer-Policy same-origin always;
    }
}
EOF
}
# Start nginx on the first free port from NGINX_PORT on (at most 20 tries).
nginx_start "$NGINX_PORT" "$PAGE"
if [ -z "$nginx_url" ]; then
  echo "web.sh: nginx did not start on ports $NGINX_PORT-$((NGINX_PORT + 19))" >&2
  cat "$WORK/nginx.out" "$WORK/nginx-error.log" >&2 2>/dev/null || true
  exit 1
fi
cmp -s "$WORK/nginx-probe" "$WORK/www$PAGE" || {
  echo "web.sh: nginx does not serve the saved page" >&2
  exit 1
}

# bench NAME URL: a short warm-up, then the measured run; output in $WORK/NAME.wrk.
bench() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$2" >/dev/null 2>&1 || true
  timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2" >"$WORK/$1.wrk" 2>&1
}
# ms FILE PERCENT: that latency percentile in milliseconds.
ms() {
  awk -v p="$2%" '$1 == p {
      v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
      if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000;
      printf "%.2f", v; exit }' "$1"
}
rps() { awk '$1 == "Requests/sec:" { printf "%.0f", $2 }' "$1"; }
errors() { awk '/Non-2xx|Socket errors/ { print }' "$1"; }
# median FILE COLUMN: the median of that column (rows "server round rps p50 p99").
median() {
  sort -k"$2","$2"n "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}

cores=$(nproc 2>/dev/null || echo "?")
echo "web.sh: $cores cores; $ROUNDS rounds of wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, nginx then pok; page $PAGE ($page_bytes bytes)"
echo "web.sh: nginx at $nginx_url, pok at $pok_url"
: >"$WORK/nginx.rows"
: >"$WORK/pok.rows"
round=1
while [ "$round" -le "$ROUNDS" ]; do
  for name in nginx pok; do
    if [ "$name" = nginx ]; then url="$nginx_url$PAGE"; else url="$pok_url$PAGE"; fi
    bench "$name" "$url"
    r=$(rps "$WORK/$name.wrk")
    if [ -z "$r" ]; then
      echo "web.sh: wrk gave no result for $name" >&2
      cat "$WORK/$name.wrk" >&2
      exit 1
    fi
    e=$(errors "$WORK/$name.wrk")
    [ -z "$e" ] || echo "web.sh: $name round $round: $e"
    echo "$name $round $r $(ms "$WORK/$name.wrk" 50) $(ms "$WORK/$name.wrk" 99)" >>"$WORK/$name.rows"
  done
  echo "web.sh: round $round: nginx $(tail -n 1 "$WORK/nginx.rows" | cut -d' ' -f3-) | pok $(tail -n 1 "$WORK/pok.rows" | cut -d' ' -f3-) (rps p50 p99)"
  round=$((round + 1))
done

n_rps=$(median "$WORK/nginx.rows" 3)
p_rps=$(median "$WORK/pok.rows" 3)
ratio=$(awk -v p="$p_rps" -v n="$n_rps" 'BEGIN { printf "%.2f", (n > 0) ? p / n : 0 }')
printf '\nmedian of %s rounds\n| server | requests/s | ratio to nginx | p50 ms | p99 ms |\n' "$ROUNDS"
printf '|---|---:|---:|---:|---:|\n'
printf '| nginx (static file) | %s | 1.00 | %s | %s |\n' "$n_rps" \
  "$(median "$WORK/nginx.rows" 4)" "$(median "$WORK/nginx.rows" 5)"
printf '| pok serve | %s | %s | %s | %s |\n' "$p_rps" "$ratio" \
  "$(median "$WORK/pok.rows" 4)" "$(median "$WORK/pok.rows" 5)"
