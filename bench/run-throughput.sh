#!/usr/bin/env bash
# End-to-end throughput of Switchyard, as ratios measured in one run on 127.0.0.1 (see docs/benchmarks.md):
#   1. bare Kestrel (bench/BareKestrel) vs a node serving a trivial backend (bench/BenchBackends): ingress overhead;
#   2. the ONNX MLP (models/mlp_bench.onnx) served unbatched (max_batch_size 1) vs batched (max_batch_size 32),
#      same replica count, CPUs and wrk concurrency;
#   3. ONNX Runtime called directly in a loop with batches of 32 (the physical limit), plus two reference points:
#      direct batch 1, and the replica's own work per batch (JSON parse + model + encode) without HTTP/Orleans.
# Every request is the same POST of 256 floats (bench/post-floats.lua). Servers run one at a time, each is stopped
# after its measurement, and all are killed on exit. Settings (environment): DURATION (s, default 10),
# WARMUP (s, default 3), CONNECTIONS (default 64), THREADS (wrk threads, default 2), NO_BUILD=1 to skip the build.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
LUA=$ROOT/bench/post-floats.lua
CLI=$ROOT/src/Switchyard.Cli/bin/Release/net10.0/switchyard.dll
BARE=$ROOT/bench/BareKestrel/bin/Release/net10.0/BareKestrel.dll
PLUGIN=$ROOT/bench/BenchBackends/bin/Release/net10.0/BenchBackends.dll
BENCH=$ROOT/bench/Switchyard.Benchmarks/bin/Release/net10.0/Switchyard.Benchmarks.dll

if ! command -v wrk >/dev/null; then
  echo "wrk is not installed (apt-get install -y wrk)" >&2
  exit 1
fi

WORK=$(mktemp -d /tmp/switchyard-bench.XXXXXX)
PIDS=()

stop() { # stop PID: SIGTERM, then SIGKILL after 10 s
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}

cleanup() {
  local status=$?
  for pid in "${PIDS[@]}"; do
    stop "$pid"
  done
  if [ "$status" -eq 0 ]; then
    rm -rf "$WORK"
  else
    echo "logs kept in $WORK" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "error: $*" >&2
  exit 1
}

if [ "${NO_BUILD:-0}" != 1 ]; then
  echo "== building (Release)"
  for project in src/Switchyard.Cli/Switchyard.Cli.csproj bench/BareKestrel/BareKestrel.csproj \
    bench/BenchBackends/BenchBackends.csproj bench/Switchyard.Benchmarks/Switchyard.Benchmarks.csproj; do
    dotnet build "$project" -c Release -nologo -clp:ErrorsOnly -v:q >"$WORK/build.log" 2>&1 \
      || { cat "$WORK/build.log" >&2; fail "building $project failed"; }
  done
fi
for file in "$CLI" "$BARE" "$PLUGIN" "$BENCH"; do
  [ -f "$file" ] || fail "$file is missing (build first, or drop NO_BUILD)"
done

# One example, for the readiness checks (the wrk script builds its own, equally shaped).
awk 'BEGIN { srand(42); printf "["; for (i = 0; i < 256; i++) printf "%s%.6f", (i ? "," : ""), rand(); printf "]" }' >"$WORK/body.json"

# wait_ready NAME PID URL: until a POST answers 200 (at most 120 s).
wait_ready() {
  local name=$1 pid=$2 url=$3 code
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$WORK/$name.log" >&2; fail "$name exited before it was ready"; }
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST -H 'Content-Type: application/json' \
      --data-binary @"$WORK/body.json" "$url" || true)
    [ "$code" = 200 ] && return 0
    sleep 0.5
  done
  tail -20 "$WORK/$name.log" >&2
  fail "$name did not answer 200 at $url within 120 s (last status $code)"
}

# measure NAME URL: a warm-up run, then the measured run; sets RPS.
measure() {
  local name=$1 url=$2 out=$WORK/$1.wrk
  timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$LUA" "$url" >/dev/null 2>&1
  timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "$url" >"$out" 2>&1 \
    || { cat "$out" >&2; fail "wrk failed against $name"; }
  RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  [ -n "$RPS" ] || { cat "$out" >&2; fail "no Requests/sec in wrk's output for $name"; }
  local p50 p99 bad
  p50=$(awk '$1 == "50%" { print $2 }' "$out")
  p99=$(awk '$1 == "99%" { print $2 }' "$out")
  bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF } /Socket errors:/ { print "socket errors:" $0 }' "$out")
  printf '%-22s %10.1f req/s   p50 %-9s p99 %-9s\n' "$name" "$RPS" "$p50" "$p99"
  [ -z "$bad" ] || { cat "$out" >&2; fail "$name: errors during the run: $bad"; }
}

# start_node NAME CONFIG HTTP_PORT [--assembly FILE]: starts a node on HTTP_PORT..HTTP_PORT+3; sets PID.
start_node() {
  local name=$1 config=$2 port=$3
  shift 3
  dotnet "$CLI" start --config "$config" --http-port "$port" --admin-port $((port + 1)) \
    --silo-port $((port + 2)) --gateway-port $((port + 3)) --state-dir "$WORK/state-$name" \
    --node-id bench "$@" >"$WORK/$name.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
}

# batch_mean ADMIN_PORT: the mean batch size the node recorded (from its Prometheus metrics).
batch_mean() {
  curl -s --max-time 5 "http://127.0.0.1:$1/metrics" | awk '
    /^switchyard_batch_size_sum/ { sum += $NF } /^switchyard_batch_size_count/ { count += $NF }
    END { if (count > 0) printf "%.1f", sum / count; else printf "?" }'
}

direct() { # direct MODE BATCH: sets EPS (examples/s)
  local out=$WORK/direct-$1-$2.txt
  timeout $((DURATION + 120)) dotnet "$BENCH" direct --mode "$1" --batch "$2" --threads 1 --seconds "$DURATION" >"$out" 2>&1 \
    || { cat "$out" >&2; fail "direct $1 batch $2 failed"; }
  EPS=$(awk -F= '/^examples_per_s=/ { print $2 }' "$out")
  printf '%-22s %10.1f examples/s\n' "direct $1 batch $2" "$EPS"
}

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== wrk: $THREADS threads, $CONNECTIONS connections, ${WARMUP}s warm-up + ${DURATION}s per server"

dotnet "$BARE" --port 18080 >"$WORK/bare.log" 2>&1 &
PID=$!
PIDS+=("$PID")
wait_ready bare "$PID" http://127.0.0.1:18080/echo
measure "bare kestrel" http://127.0.0.1:18080/echo
BARE_RPS=$RPS
stop "$PID"

start_node trivial "$ROOT/bench/trivial.yaml" 18110 --assembly "$PLUGIN"
wait_ready trivial "$PID" http://127.0.0.1:18110/trivial
measure "switchyard trivial" http://127.0.0.1:18110/trivial
TRIVIAL_RPS=$RPS
stop "$PID"

start_node unbatched "$ROOT/bench/mlp-unbatched.yaml" 18120
wait_ready unbatched "$PID" http://127.0.0.1:18120/mlp
measure "mlp unbatched" http://127.0.0.1:18120/mlp
UNBATCHED_RPS=$RPS
UNBATCHED_MEAN=$(batch_mean 18121)
stop "$PID"

start_node batched "$ROOT/bench/mlp-batched.yaml" 18130
wait_ready batched "$PID" http://127.0.0.1:18130/mlp
measure "mlp batched (32)" http://127.0.0.1:18130/mlp
BATCHED_RPS=$RPS
BATCHED_MEAN=$(batch_mean 18131)
stop "$PID"

direct ort 32
DIRECT32=$EPS
direct ort 1
DIRECT1=$EPS
direct replica 32
REPLICA32=$EPS

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "== mean batch size: unbatched $UNBATCHED_MEAN, batched $BATCHED_MEAN"
echo "== ratios (target in brackets)"
echo "served batched / served unbatched     $(ratio "$BATCHED_RPS" "$UNBATCHED_RPS")   [>= 3]"
echo "served batched / direct ORT batch 32  $(ratio "$BATCHED_RPS" "$DIRECT32")   [>= 0.8]"
echo "switchyard trivial / bare kestrel     $(ratio "$TRIVIAL_RPS" "$BARE_RPS")"
echo "-- for reference"
echo "direct ORT batch 32 / batch 1         $(ratio "$DIRECT32" "$DIRECT1")   (what batching saves in the model alone)"
echo "replica work batch 32 / direct ORT 32 $(ratio "$REPLICA32" "$DIRECT32")   (JSON parse + encode, no HTTP/Orleans)"
echo "served batched / replica work 32      $(ratio "$BATCHED_RPS" "$REPLICA32")"
echo "served unbatched / direct ORT batch 1 $(ratio "$UNBATCHED_RPS" "$DIRECT1")"
