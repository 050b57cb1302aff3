#!/usr/bin/env bash
# The hot path's overhead, as ratios measured side by side in one run on 127.0.0.1 (issue 14, docs/benchmarks.md):
#   - no-op GET: bare Kestrel's GET /hello ("hello", text/plain) vs a node whose plain IBackend answers "hello"
#     with 2 replicas on the same route (bench/hello.yaml), wrk -t1 at 32 connections and at 1 connection;
#   - A/B: nginx (Debian's) with split_clients 50/50 over two bare Kestrel apps vs a node splitting the route
#     0.5/0.5 between two backends (bench/hello-ab.yaml), wrk -t1 at 32 connections; and the same nginx answering
#     "hello" itself (the ceiling: what this wrk reaches against a server doing almost nothing on this machine);
#   - handle path: in-process ServeHandle.CallAsync through the router to a local replica, 64 concurrent callers,
#     a no-op function backend with 2 replicas in an embedded node (Switchyard.Benchmarks handle), bytes per call by type;
#   - what one no-op GET allocates in the server, by type, in a node and in bare Kestrel (Switchyard.Benchmarks http);
#   - memory: an idle node's RSS, then what 100 more no-op replicas add.
# Rounds alternate the servers (each round measures every one of them in turn); with ROUNDS > 1 each figure is
# the best round's (outside load only ever slows a run down) and every round's ratio is printed to show the spread.
# Settings (environment): ROUNDS (3), DURATION (s per measurement, 8), WARMUP (s of load before a server's first
# measurement, 10; 2 s before later rounds), NO_BUILD=1 to skip the Release build, ONLY=get,ab,handle,memory
# (a comma-separated subset), NGINX_KEEPALIVE (idle keep-alive connections per nginx upstream, 64; 0 for nginx's
# defaults, a new upstream connection per request). Uses ports 18300-18343; stops everything it started, also when interrupted.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-10}
ONLY=${ONLY:-get,ab,handle,memory}
NGINX_KEEPALIVE=${NGINX_KEEPALIVE:-64}

for tool in wrk curl awk pgrep; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install -y $tool)" >&2; exit 1; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [[ ",$ONLY," == *,ab,* ]] && [ ! -x "$NGINX" ]; then
  echo "nginx is not installed (apt-get install -y nginx-light)" >&2
  exit 1
fi
wants() { [[ ",$ONLY," == *,$1,* ]]; }
for part in ${ONLY//,/ }; do
  case $part in get | ab | handle | memory) ;; *) echo "ONLY: unknown scenario '$part' (choose from get,ab,handle,memory)" >&2; exit 2 ;; esac
done
[[ "$NGINX_KEEPALIVE" =~ ^[0-9]+$ ]] || { echo "NGINX_KEEPALIVE must be a whole number (got '$NGINX_KEEPALIVE')" >&2; exit 2; }
for value in "$ROUNDS" "$DURATION" "$WARMUP"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS, DURATION and WARMUP must be positive whole numbers (got '$value')" >&2; exit 2; }
done
# Every port this script listens on must be free: a server left over from another run would be measured instead.
for port in 18300 18301 18302 18303 18310 18311 18312 18313 18320 18321 18322 18323 18340 18341 18342 18343; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use (another benchmark or node still running?); free ports 18300-18343 first" >&2
    exit 1
  fi
done

WORK=$(mktemp -d /tmp/switchyard-hotpath.XXXXXX)
chmod 755 "$WORK"
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

build_release

# start_node NAME HTTP_PORT [ARGS...]: a node on HTTP_PORT..HTTP_PORT+3; sets PID.
start_node() {
  local name=$1 port=$2
  shift 2
  dotnet "$CLI" start --http-port "$port" --admin-port $((port + 1)) --silo-port $((port + 2)) \
    --gateway-port $((port + 3)) --state-dir "$WORK/state-$name" --node-id bench "$@" >"$WORK/$name.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
}

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
proc_ticks() { # user + system CPU of a process and its children (nginx's workers)
  local pid total=0 t
  for pid in "$1" $(pgrep -P "$1"); do
    t=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) && total=$((total + t))
  done
  echo "$total"
}

declare -A URL PIDOF BEST ALL LOW LOWALL HTTPBYTES HTTPTYPES

record() { # record KEY VALUE: keeps every value and the highest
  ALL[$1]="${ALL[$1]:-}${ALL[$1]:+ }$2"
  BEST[$1]=$(awk -v a="${BEST[$1]:-0}" -v b="$2" 'BEGIN { print (b > a ? b : a) }')
}
record_low() { # record_low KEY VALUE: keeps every value and the lowest (latencies)
  LOWALL[$1]="${LOWALL[$1]:-}${LOWALL[$1]:+ }$2"
  LOW[$1]=$(awk -v a="${LOW[$1]:-}" -v b="$2" 'BEGIN { print (a == "" || b < a ? b : a) }')
}

# measure KEY SERVER CONNECTIONS: wrk -t1 against SERVER's URL; records req/s, p50 and p99 (ms) under KEY.
measure() {
  local key=$1 server=$2 connections=$3 url=${URL[$2]} pid=${PIDOF[$2]} out=$WORK/$1-$ROUND.wrk warmup=2
  if [ -z "${WARM[$key]:-}" ]; then
    warmup=$WARMUP
    WARM[$key]=1
  fi
  timeout $((warmup + 30)) wrk -t1 -c"$connections" -d"${warmup}s" "$url" >/dev/null 2>&1
  local n0 n1 total0 idle0 total1 idle1 wrkcpu
  n0=$(proc_ticks "$pid")
  read -r total0 idle0 < <(machine_ticks)
  local TIMEFORMAT='%U %S'
  { time timeout $((DURATION + 30)) wrk -t1 -c"$connections" -d"${DURATION}s" --latency "$url" >"$out" 2>&1; } 2>"$out.time" \
    || { cat "$out" >&2; fail "wrk failed against $key"; }
  n1=$(proc_ticks "$pid")
  read -r total1 idle1 < <(machine_ticks)
  wrkcpu=$(awk '{ print $1 + $2 }' "$out.time")
  grep -q '^Requests/sec:' "$out" || { cat "$out" >&2; fail "no Requests/sec in wrk's output for $key"; }
  if grep -q -e 'Non-2xx or 3xx responses:' -e 'Socket errors:' "$out"; then
    cat "$out" >&2
    fail "$key: errors during the run"
  fi

  # Latencies in ms whatever unit wrk printed; CPU as cores over the run; others = busy - server - wrk.
  local line
  line=$(awk -v key="$key" -v round="$ROUND" -v hz="$HZ" -v cores="$CORES" -v dn=$((n1 - n0)) -v wrkcpu="$wrkcpu" \
    -v dt=$((total1 - total0)) -v di=$((idle1 - idle0)) '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 }
      return v + 0
    }
    /requests in/ { n = $1; s = $4; sub(/s,?$/, "", s) }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    END {
      server = dn / hz / s; w = wrkcpu / s; busy = (dt - di) / dt * cores
      printf "%.0f %.4f %.4f|%-12s round %d %8.0f req/s  p50 %7.3f ms  p99 %7.3f ms | server %.2f cores (%.1f us/req), wrk %.2f, others %.2f\n",
        rps, p50, p99, key, round, rps, p50, p99, server, dn / hz * 1e6 / n, w, busy - server - w
    }' "$out")
  local rps p50 p99
  read -r rps p50 p99 <<<"${line%%|*}"
  record "$key" "$rps"
  record_low "$key.p50" "$p50"
  record_low "$key.p99" "$p99"
  echo "${line#*|}"
}
declare -A WARM

# handle: one run of the handle-path loop in its own process; records calls/s and the lowest bytes per call.
handle() {
  local out=$WORK/handle-$ROUND.txt
  timeout $((DURATION + 120)) dotnet "$BENCH" handle --callers 64 --replicas 2 --seconds "$DURATION" --types >"$out" 2>&1 \
    || { cat "$out" >&2; fail "the handle-path benchmark failed"; }
  local cps bytes cores
  cps=$(awk -F= '/^calls_per_s=/ { print $2 }' "$out")
  bytes=$(awk -F= '/^bytes_per_call=/ { print $2 }' "$out")
  cores=$(awk -F= '/^cores=/ { print $2 }' "$out")
  record handle "$cps"
  record_low handle.bytes "$bytes"
  [ "$bytes" = "${LOW[handle.bytes]}" ] && HANDLE_TYPES=$(awk '/^allocated / && $2 >= 2 { printf "%s%s B %s", (n++ ? ", " : ""), $2, $4 }' "$out")
  printf '%-12s round %d %8.0f calls/s  %5.0f B/call | %s cores\n' handle "$ROUND" "$cps" "$bytes" "$cores"
}

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $CORES cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print ".NET " v }'), $("$NGINX" -v 2>&1 | sed 's/.*: //'), $(wrk -v 2>&1 | head -1 | awk '{ print $1, $2 }')"
echo "== wrk -t1, ${WARMUP} s warm-up (2 s before later rounds) + ${DURATION} s per measurement, $ROUNDS round(s): $ONLY"

# Memory first, on a node of its own that has served nothing: idle, then with 100 more no-op replicas.
if wants memory; then
  echo "== memory"
  start_node memory 18340 --assembly "$PLUGIN"
  MEMPID=$PID
  wait_200 memory "$MEMPID" http://127.0.0.1:18340/-/healthz
  sleep 5 # idle: let start-up work (JIT, first collections) settle, as a node that has just started would
  IDLE=$(rss_mb "$MEMPID")
  echo "idle node:  $IDLE MB RSS"
  code=$(curl -s -o "$WORK/memory-create.json" -w '%{http_code}' --max-time 300 -X POST -H 'Content-Type: application/json' \
    --data '{"name":"noop","class":"Switchyard.BenchBackends.Hello","config":{"num_replicas":100}}' http://127.0.0.1:18341/api/backends)
  [ "$code" = 201 ] || { cat "$WORK/memory-create.json" >&2; fail "creating 100 no-op replicas answered $code"; }
  running=0
  for _ in $(seq 1 240); do
    running=$(curl -s --max-time 5 http://127.0.0.1:18341/api/backends | grep -o '"state":"running"' | wc -l)
    [ "$running" -ge 100 ] && break
    sleep 0.5
  done
  [ "$running" -ge 100 ] || fail "only $running of 100 no-op replicas were running after 120 s"
  sleep 5
  WITH100=$(rss_mb "$MEMPID")
  PER_REPLICA=$(awk -v a="$IDLE" -v b="$WITH100" 'BEGIN { printf "%.2f", (b - a) / 100 }')
  echo "+100 no-op replicas: $WITH100 MB RSS ($PER_REPLICA MB each)"
  stop "$MEMPID"
fi

echo "== starting servers"
if wants get || wants ab; then
  dotnet "$BARE" --port 18300 >"$WORK/bare.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  PIDOF[bare]=$PID URL[bare]=http://127.0.0.1:18300/hello
  wait_200 bare "$PID" "${URL[bare]}"
fi
if wants get; then
  start_node hello 18310 --config "$ROOT/bench/hello.yaml" --assembly "$PLUGIN"
  PIDOF[switchyard]=$PID URL[switchyard]=http://127.0.0.1:18310/hello
  wait_200 hello "$PID" "${URL[switchyard]}"
fi
if wants ab; then
  dotnet "$BARE" --port 18301 >"$WORK/bare2.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  wait_200 bare2 "$PID" http://127.0.0.1:18301/hello
  mkdir -p "$WORK/nginx"
  # NGINX_KEEPALIVE=0: nginx's own defaults (a new HTTP/1.0 upstream connection per request), as a config
  # written without tuning; otherwise idle keep-alive upstream connections, the tuned peer (the default).
  if [ "$NGINX_KEEPALIVE" = 0 ]; then
    KEEPALIVE_LINE="" PROXY_LINES=""
  else
    KEEPALIVE_LINE=" keepalive $NGINX_KEEPALIVE;"
    PROXY_LINES=$'\n      proxy_http_version 1.1;\n      proxy_set_header Connection "";'
  fi
  cat >"$WORK/nginx.conf" <<EOF
# A user's A/B split in front of two apps: split_clients 50/50 on a per-request value, keep-alive upstreams.
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  upstream version_a { server 127.0.0.1:18300;$KEEPALIVE_LINE }
  upstream version_b { server 127.0.0.1:18301;$KEEPALIVE_LINE }
  split_clients "\$request_id" \$version { 50% version_a; * version_b; }
  server {
    listen 127.0.0.1:18302;
    location / {
      proxy_pass http://\$version;$PROXY_LINES
    }
  }
  # The ceiling: nginx answering "hello" itself, no upstream. No server behind this wrk on this machine does
  # much better, so ceiling ÷ nginx_ab is the most any A/B server can reach over nginx_ab here.
  server {
    listen 127.0.0.1:18303;
    location / { default_type text/plain; return 200 "hello"; }
  }
}
EOF
  "$NGINX" -c "$WORK/nginx.conf" -p "$WORK/nginx" >"$WORK/nginx.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
  PIDOF[nginx]=$PID URL[nginx]=http://127.0.0.1:18302/hello
  PIDOF[ceiling]=$PID URL[ceiling]=http://127.0.0.1:18303/hello
  wait_200 nginx "$PID" "${URL[nginx]}"
  start_node ab 18320 --config "$ROOT/bench/hello-ab.yaml" --assembly "$PLUGIN"
  PIDOF[ab]=$PID URL[ab]=http://127.0.0.1:18320/hello
  wait_200 ab "$PID" "${URL[ab]}"
fi

for ROUND in $(seq 1 "$ROUNDS"); do
  echo "== round $ROUND (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  if wants get; then
    measure bare32 bare 32
    measure switchyard32 switchyard 32
    measure bare1 bare 1
    measure switchyard1 switchyard 1
  fi
  if wants ab; then
    measure nginx_ab nginx 32
    measure switchyard_ab ab 32
    measure ceiling ceiling 32
  fi
  if wants handle; then
    handle
  fi
done
# What one no-op GET allocates in the server, by type: the same GET served in the benchmark process (a node's
# route, or a bare minimal API), wrk against it, the process's allocations divided by wrk's requests. Once, after
# the rounds (a count, not a rate: it does not move with load).
if wants get; then
  for side in bare switchyard; do
    out=$WORK/http-$side.txt
    timeout $((WARMUP + DURATION + 120)) dotnet "$BENCH" http $([ "$side" = bare ] && echo --bare) --seconds "$DURATION" --warmup 3 >"$out" 2>&1 \
      || { cat "$out" >&2; fail "the HTTP allocation benchmark failed ($side)"; }
    HTTPBYTES[$side]=$(awk -F= '/^bytes_per_request=/ { print $2 }' "$out")
    HTTPTYPES[$side]=$(awk '/^allocated / && $2 >= 2 { printf "%s%s B %s", (n++ ? ", " : ""), $2, $4 }' "$out")
    printf '%-12s          %5.0f B/request allocated in the server\n' "http_$side" "${HTTPBYTES[$side]}"
  done
  # The same for the `switchyard start` node itself (its own logging and plugin backend): from its /metrics, the
  # runtime's allocated-bytes counter and its request counter before and after a wrk run.
  node_counts() {
    curl -sf http://127.0.0.1:18311/metrics | awk '/^dotnet_gc_heap_total_allocated_bytes_total/ { a = $2 } /^switchyard_requests_total/ { r += $2 } END { printf "%.0f %.0f\n", a, r }'
  }
  read -r a0 r0 < <(node_counts)
  timeout $((DURATION + 30)) wrk -t1 -c32 -d"${DURATION}s" "${URL[switchyard]}" >/dev/null 2>&1 || fail "wrk failed against the node (allocations)"
  read -r a1 r1 < <(node_counts)
  HTTPBYTES[node]=$(awk -v a0="$a0" -v a1="$a1" -v r0="$r0" -v r1="$r1" 'BEGIN { printf "%.0f", (r1 > r0 ? (a1 - a0) / (r1 - r0) : -1) }')
  printf '%-12s          %5.0f B/request allocated in the server\n' "http_node" "${HTTPBYTES[node]}"
fi
echo "== done (load average $(cut -d' ' -f1-3 /proc/loadavg))"

for pid in "${PIDS[@]}"; do
  stop "$pid"
done
PIDS=()

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rounds() { # rounds OP A B: the figure of each round, to show the spread (OP: ratio or diff)
  [ "$ROUNDS" -gt 1 ] || return 0
  awk -v op="$1" -v a="$2" -v b="$3" 'BEGIN {
    n = split(a, x, " "); split(b, y, " ")
    for (i = 1; i <= n; i++) { if (op == "ratio") printf "%s%.2f", (i > 1 ? " " : ""), x[i] / y[i]; else printf "%s%.3f", (i > 1 ? " " : ""), x[i] - y[i] } }'
}
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == ">=" ? v >= t : v <= t); print (ok ? "met" : "MISSED") }'; }

row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }

echo
echo "== best of $ROUNDS round(s) (markdown, paste into docs/benchmarks.md)"
echo "| figure | value | target | verdict | every round |"
echo "|---|---:|---|---|---|"
if wants get; then
  r=$(ratio "${BEST[switchyard32]}" "${BEST[bare32]}")
  row "no-op GET req/s ÷ bare Kestrel, 32 connections" "$r" "≥ 0.8" "$(verdict "$r" '>=' 0.8)" "$(rounds ratio "${ALL[switchyard32]}" "${ALL[bare32]}")"
  d=$(awk -v a="${LOW[switchyard1.p50]}" -v b="${LOW[bare1.p50]}" 'BEGIN { printf "%.3f", a - b }')
  row "added median latency, 1 connection (ms)" "$d" "≤ 0.05" "$(verdict "$d" '<=' 0.05)" "$(rounds diff "${LOWALL[switchyard1.p50]}" "${LOWALL[bare1.p50]}")"
  r=$(ratio "${LOW[switchyard32.p99]}" "${LOW[bare32.p99]}")
  row "p99 ÷ bare's, 32 connections" "$r" "≤ 1.5" "$(verdict "$r" '<=' 1.5)" "$(rounds ratio "${LOWALL[switchyard32.p99]}" "${LOWALL[bare32.p99]}")"
  r=$(ratio "${BEST[switchyard1]}" "${BEST[bare1]}")
  row "no-op GET req/s ÷ bare Kestrel, 1 connection" "$r" "" "" "$(rounds ratio "${ALL[switchyard1]}" "${ALL[bare1]}")"
  row "no-op GET bytes allocated per request in the server: switchyard start node / embedded node / bare Kestrel" "${HTTPBYTES[node]} / ${HTTPBYTES[switchyard]} / ${HTTPBYTES[bare]}" "" "" ""
fi
if wants ab; then
  r=$(ratio "${BEST[switchyard_ab]}" "${BEST[nginx_ab]}")
  row "A/B 0.5/0.5 req/s ÷ nginx split_clients, 32 connections" "$r" "≥ 2" "$(verdict "$r" '>=' 2)" "$(rounds ratio "${ALL[switchyard_ab]}" "${ALL[nginx_ab]}")"
  r=$(ratio "${BEST[ceiling]}" "${BEST[nginx_ab]}")
  row "ceiling: nginx answering itself ÷ nginx split_clients (the most any A/B server reaches here)" "$r" "" "" "$(rounds ratio "${ALL[ceiling]}" "${ALL[nginx_ab]}")"
  r=$(ratio "${BEST[switchyard_ab]}" "${BEST[ceiling]}")
  row "A/B 0.5/0.5 req/s ÷ the ceiling" "$r" "" "" "$(rounds ratio "${ALL[switchyard_ab]}" "${ALL[ceiling]}")"
  if wants get; then
    r=$(ratio "${BEST[bare32]}" "${BEST[nginx_ab]}")
    row "bare Kestrel (no routing, no split) ÷ nginx split_clients" "$r" "" "" "$(rounds ratio "${ALL[bare32]}" "${ALL[nginx_ab]}")"
  fi
fi
if wants handle; then
  row "handle path calls/s (64 callers, 2 replicas)" "${BEST[handle]}" "≥ 300000" "$(verdict "${BEST[handle]}" '>=' 300000)" "${ALL[handle]}"
  row "handle path bytes allocated per call" "${LOW[handle.bytes]}" "≤ 512" "$(verdict "${LOW[handle.bytes]}" '<=' 512)" "${LOWALL[handle.bytes]}"
fi
if wants memory; then
  row "idle node RSS (MB)" "$IDLE" "≤ 120" "$(verdict "$IDLE" '<=' 120)" ""
  row "RSS per extra no-op replica (MB, +100)" "$PER_REPLICA" "≤ 1" "$(verdict "$PER_REPLICA" '<=' 1)" ""
fi
echo
[ -n "${HANDLE_TYPES:-}" ] && echo "== handle path, bytes per call by type (sampled, best round): $HANDLE_TYPES"
[ -n "${HTTPTYPES[switchyard]:-}" ] && echo "== no-op GET, bytes per request by type in the node (sampled): ${HTTPTYPES[switchyard]}; bare Kestrel: ${HTTPTYPES[bare]:-none}"
echo "== raw, best round: $(for k in bare32 switchyard32 bare1 switchyard1 nginx_ab switchyard_ab ceiling; do [ -n "${BEST[$k]:-}" ] && printf '%s %s req/s (p50 %s ms, p99 %s ms); ' "$k" "${BEST[$k]}" "${LOW[$k.p50]}" "${LOW[$k.p99]}"; done)"
