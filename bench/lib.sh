# lib.sh: what the benchmark scripts share (sourced by web.sh and load.sh). Every wait
# is bounded. The caller sets POK, NGINX and WORK.

# stop PID: SIGTERM, wait at most 10 s, then SIGKILL.
stop() {
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || return 0
  tries=0
  while kill -0 "$1" 2>/dev/null && [ $tries -lt 100 ]; do
    sleep 0.1
    tries=$((tries + 1))
  done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# pok_serve_start DB OUT [ARGS...]: pok serve on a free port of 127.0.0.1, its output in
# OUT; sets started_pid, and started_url once it listens ("" if it did not start in 10 s).
pok_serve_start() {
  ps_db=$1
  ps_out=$2
  shift 2
  "$POK" --db "$ps_db" serve --listen 127.0.0.1 --port 0 "$@" >"$ps_out" 2>&1 &
  started_pid=$!
  started_url=""
  ls_tries=0
  while [ -z "$started_url" ] && [ $ls_tries -lt 100 ] && kill -0 "$started_pid" 2>/dev/null; do
    started_url=$(sed -n 's|^pok serve: \(http://127\.0\.0\.1:[0-9]*\)/ .*|\1|p' "$ps_out")
    [ -z "$started_url" ] && sleep 0.1
    ls_tries=$((ls_tries + 1))
  done
}

# nginx_start FIRST_PORT PROBE [CONF_ARGS...]: nginx on the first free port from
# FIRST_PORT on (at most 20 ls_tries), with the configuration the caller's
# `nginx_conf PORT CONF_ARGS...` writes to WORK/nginx.conf; it counts as started once
# PROBE (a path) answers 2xx, saved in WORK/nginx-probe. Sets nginx_pid, and nginx_url
# ("" when it did not start; WORK/nginx.out and WORK/nginx-error.log say why).
nginx_start() {
  ng_first=$1
  ng_probe=$2
  shift 2
  nginx_url=""
  ng_port=$ng_first
  while [ -z "$nginx_url" ] && [ "$ng_port" -lt $((ng_first + 20)) ]; do
    if curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$ng_port/" 2>/dev/null; then
      ng_port=$((ng_port + 1)) # something answers there already
      continue
    fi
    nginx_conf "$ng_port" "$@"
    "$NGINX" -p "$WORK" -c "$WORK/nginx.conf" >"$WORK/nginx.out" 2>&1 &
    nginx_pid=$!
    ls_tries=0
    while kill -0 "$nginx_pid" 2>/dev/null && [ $ls_tries -lt 50 ]; do
      if curl -sf --max-time 2 -o "$WORK/nginx-probe" "http://127.0.0.1:$ng_port$ng_probe" 2>/dev/null; then
        nginx_url="http://127.0.0.1:$ng_port"
        break
      fi
      sleep 0.1
      ls_tries=$((ls_tries + 1))
    done
    if [ -z "$nginx_url" ]; then # could not bind (taken meanwhile): the next port
      stop "$nginx_pid"
      nginx_pid=""
      ng_port=$((ng_port + 1))
    fi
  done
}
