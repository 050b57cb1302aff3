#!/usr/bin/env bash
# End-to-end throughput of Switchyard, as ratios measured in one run on 127.0.0.1 (see docs/benchmarks.md):
#   - bare Kestrel (bench/BareKestrel) vs a node serving a trivial backend (bench/BenchBackends): ingress overhead,
#     and the same node's trivial batch backend (max_batch_size 32): what the batching path adds on its own;
#   - the ONNX MLP (models/mlp_bench.onnx) served unbatched (max_batch_size 1) vs batched (max_batch_size 32),
#     same replica count, CPUs and wrk concurrency (bench/mlp-unbatched.yaml, bench/mlp-batched.yaml);
#   - ONNX Runtime called directly in a loop on batches of 32 (the physical limit), with two reference points:
#     direct batch 1, and a replica's own work per batch (JSON parse + model + encoding) without HTTP or Orleans.
# Every request is the same POST of 256 floats (bench/post-floats.lua). All servers start first (distinct ports
# 18080-18133, fresh state dirs) and idle while another is measured; ROUNDS rounds measure each in turn, and the
# ratios use each one's best round (outside load only ever lowers throughput). Everything started is killed on exit.
# Settings (environment): DURATION (s per measurement, default 10), WARMUP (s before a server's first measurement,
# default 10: JIT tiering on 2 busy cores takes that long; 2 s before later rounds), CONNECTIONS (default 64),
# THREADS (wrk threads, default 2), ROUNDS (default 1), NO_BUILD=1 to skip the Release build.
# MODEL: unset serves and compares models/mlp_bench.onnx; MODEL=large generates a larger MLP into the temporary
# directory first (models/make_models.py --large-bench; LARGE_HIDDEN, default 2048, and LARGE_LAYERS, default 4:
# 256->2048x4->10, ~13M parameters, ~53 MB, never committed); MODEL=FILE uses that ONNX file ([N,256] `input`,
# [N,10] `output`). Either way both MLP nodes and the direct loops use the same file, the YAML files templated.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-1}
LUA=$ROOT/bench/post-floats.lua

for tool in wrk curl awk; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install -y $tool)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/switchyard-bench.XXXXXX)
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

build_release

# The model both MLP nodes and the direct loops use; the two YAML files are copied with its absolute path.
MODEL=${MODEL:-}
case "$MODEL" in
  "") MODEL_FILE=$ROOT/models/mlp_bench.onnx ;;
  large)
    MODEL_FILE=$WORK/mlp_bench_large.onnx
    echo "== generating the large benchmark MLP"
    /usr/bin/python3 "$ROOT/models/make_models.py" --large-bench "$MODEL_FILE" \
      --hidden "${LARGE_HIDDEN:-2048}" --layers "${LARGE_LAYERS:-4}" || fail "generating the large model failed"
    ;;
  *) MODEL_FILE=$(realpath "$MODEL") || fail "no model file $MODEL" ;;
esac
[ -f "$MODEL_FILE" ] || fail "no model file $MODEL_FILE"
MLP_UNBATCHED=$ROOT/bench/mlp-unbatched.yaml
MLP_BATCHED=$ROOT/bench/mlp-batched.yaml
if [ -n "$MODEL" ]; then
  for name in mlp-unbatched mlp-batched; do
    grep -q 'model: ../models/mlp_bench.onnx' "$ROOT/bench/$name.yaml" || fail "bench/$name.yaml names no ../models/mlp_bench.onnx"
    sed "s|model: ../models/mlp_bench.onnx|model: $MODEL_FILE|" "$ROOT/bench/$name.yaml" >"$WORK/$name.yaml"
  done
  MLP_UNBATCHED=$WORK/mlp-unbatched.yaml
  MLP_BATCHED=$WORK/mlp-batched.yaml
fi

# One example, for the readiness checks (the wrk script builds its own, equally shaped).
awk 'BEGIN { srand(42); printf "["; for (i = 0; i < 256; i++) printf "%s%.6f", (i ? "," : ""), rand(); printf "]" }' >"$WORK/body.json"

# wait_ready NAME PID URL: until a POST of the example answers 200.
wait_ready() { wait_200 "$1" "$2" "$3" -X POST -H 'Content-Type: application/json' --data-binary @"$WORK/body.json"; }

# start_node NAME CONFIG HTTP_PORT [--assembly FILE]: a node on HTTP_PORT..HTTP_PORT+3; sets PID.
start_node() {
  local name=$1 config=$2 port=$3
  shift 3
  dotnet "$CLI" start --config "$config" --http-port "$port" --admin-port $((port + 1)) \
    --silo-port $((port + 2)) --gateway-port $((port + 3)) --state-dir "$WORK/state-$name" \
    --node-id bench "$@" >"$WORK/$name.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
}

proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }         # user + system CPU of a process

declare -A URL PIDOF BEST ALL

# measure KEY: a warm-up run, then the measured one; records its req/s and prints where the CPU went.
measure() {
  local key=$1 url=${URL[$1]} pid=${PIDOF[$1]} out=$WORK/$1-$ROUND.wrk warmup=$WARMUP
  [ "$ROUND" -eq 1 ] || warmup=2
  timeout $((warmup + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${warmup}s" -s "$LUA" "$url" >/dev/null 2>&1
  local n0 n1 total0 idle0 total1 idle1 wrkcpu
  n0=$(proc_ticks "$pid")
  read -r total0 idle0 < <(machine_ticks)
  local TIMEFORMAT='%U %S'
  { time timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "$url" >"$out" 2>&1; } 2>"$out.time" \
    || { cat "$out" >&2; fail "wrk failed against $key"; }
  n1=$(proc_ticks "$pid")
  read -r total1 idle1 < <(machine_ticks)
  wrkcpu=$(awk '{ print $1 + $2 }' "$out.time")
  grep -q '^Requests/sec:' "$out" || { cat "$out" >&2; fail "no Requests/sec in wrk's output for $key"; }
  if grep -q -e 'Non-2xx or 3xx responses:' -e 'Socket errors:' "$out"; then
    cat "$out" >&2
    fail "$key: errors during the run"
  fi

  # requests and seconds from "N requests in 10.00s"; CPU as cores over the run; others = busy - server - wrk.
  local line
  line=$(awk -v key="$key" -v round="$ROUND" -v hz="$HZ" -v cores="$CORES" -v dn=$((n1 - n0)) -v wrkcpu="$wrkcpu" \
    -v dt=$((total1 - total0)) -v di=$((idle1 - idle0)) '
    /requests in/ { n = $1; s = $4; sub(/s,?$/, "", s) }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
    END {
      server = dn / hz / s; w = wrkcpu / s; busy = (dt - di) / dt * cores
      printf "%.1f|%-14s round %d %9.0f req/s  p50 %-8s p99 %-8s | server %.2f cores (%.0f us/req), wrk %.2f, others %.2f\n",
        rps, key, round, rps, p50, p99, server, dn / hz * 1e6 / n, w, busy - server - w
    }' "$out")
  record "$key" "${line%%|*}"
  echo "${line#*|}"
}

# direct KEY MODE BATCH: the direct loop; records its examples/s.
direct() {
  local key=$1 out=$WORK/$1-$ROUND.txt
  timeout $((DURATION + 120)) dotnet "$BENCH" direct --mode "$2" --model "$MODEL_FILE" --batch "$3" --threads 1 --seconds "$DURATION" >"$out" 2>&1 \
    || { cat "$out" >&2; fail "direct $2 batch $3 failed"; }
  local eps us cores
  eps=$(awk -F= '/^examples_per_s=/ { print $2 }' "$out")
  us=$(awk -F= '/^cpu_us_per_example=/ { print $2 }' "$out")
  cores=$(awk -F= '/^cores=/ { print $2 }' "$out")
  record "$key" "$eps"
  printf '%-14s round %d %9.0f examples/s           | %s cores (%s us/example)\n' "$key" "$ROUND" "$eps" "$cores" "$us"
}

record() { # record KEY VALUE: keeps every value and the best
  ALL[$1]="${ALL[$1]:-}${ALL[$1]:+ }$(printf '%.0f' "$2")"
  BEST[$1]=$(awk -v a="${BEST[$1]:-0}" -v b="$2" 'BEGIN { print (b > a ? b : a) }')
}

# batch_mean ADMIN_PORT BACKEND: the backend's mean batch size, warm-ups included (the node's Prometheus metrics).
batch_mean() {
  curl -s --max-time 5 "http://127.0.0.1:$1/metrics" | awk -v label="backend=\"$2\"" '
    !index($0, label) { next }
    /^switchyard_batch_size_sum/ { sum += $NF } /^switchyard_batch_size_count/ { count += $NF }
    END { if (count > 0) printf "%.1f", sum / count; else printf "?" }'
}

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), $CORES cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== model: $MODEL_FILE ($(stat -c %s "$MODEL_FILE") bytes)"
echo "== wrk: $THREADS threads, $CONNECTIONS connections, ${WARMUP} s warm-up (2 s after round 1) + ${DURATION} s per measurement, $ROUNDS round(s)"

echo "== starting servers"
dotnet "$BARE" --port 18080 >"$WORK/bare.log" 2>&1 &
PID=$!
PIDS+=("$PID")
PIDOF[bare]=$PID URL[bare]=http://127.0.0.1:18080/echo
start_node trivial "$ROOT/bench/trivial.yaml" 18110 --assembly "$PLUGIN"
PIDOF[trivial]=$PID URL[trivial]=http://127.0.0.1:18110/trivial
PIDOF[trivial_batch]=$PID URL[trivial_batch]=http://127.0.0.1:18110/trivial-batch
start_node unbatched "$MLP_UNBATCHED" 18120
PIDOF[unbatched]=$PID URL[unbatched]=http://127.0.0.1:18120/mlp
start_node batched "$MLP_BATCHED" 18130
PIDOF[batched]=$PID URL[batched]=http://127.0.0.1:18130/mlp
SERVERS=(bare trivial trivial_batch unbatched batched)
for key in "${SERVERS[@]}"; do
  wait_ready "$key" "${PIDOF[$key]}" "${URL[$key]}"
done

for ROUND in $(seq 1 "$ROUNDS"); do
  echo "== round $ROUND"
  for key in "${SERVERS[@]}"; do
    measure "$key"
  done
  direct ort32 ort 32
  direct ort1 ort 1
  direct replica32 replica 32
done

TRIVIAL_BATCH_MEAN=$(batch_mean 18111 trivial_batch)
UNBATCHED_MEAN=$(batch_mean 18121 mlp)
BATCHED_MEAN=$(batch_mean 18131 mlp)
for pid in "${PIDS[@]}"; do
  stop "$pid"
done
PIDS=()

ratio() { awk -v a="${BEST[$1]}" -v b="${BEST[$2]}" 'BEGIN { printf "%.2f", a / b }'; }
per_round() { # the same ratio in each round, to show the spread
  [ "$ROUNDS" -gt 1 ] || return 0
  awk -v a="${ALL[$1]}" -v b="${ALL[$2]}" 'BEGIN {
    n = split(a, x, " "); split(b, y, " "); printf "   (rounds:"; for (i = 1; i <= n; i++) printf " %.2f", x[i] / y[i]; printf ")" }'
}
echo
echo "== best of $ROUNDS round(s), per second (all rounds)"
for key in bare trivial trivial_batch unbatched batched ort32 ort1 replica32; do
  printf '%-14s %9.0f   (%s)\n' "$key" "${BEST[$key]}" "${ALL[$key]}"
done
echo "mean batch size (warm-ups included): mlp unbatched $UNBATCHED_MEAN, mlp batched $BATCHED_MEAN, trivial batch $TRIVIAL_BATCH_MEAN"
echo
echo "== ratios [target]"
echo "served batched / served unbatched           $(ratio batched unbatched)   [>= 3]$(per_round batched unbatched)"
echo "served batched / direct ORT, batch 32       $(ratio batched ort32)   [>= 0.8]$(per_round batched ort32)"
echo "switchyard trivial / bare Kestrel           $(ratio trivial bare)$(per_round trivial bare)"
echo "-- for reference"
echo "direct ORT batch 32 / batch 1               $(ratio ort32 ort1)   (what batching saves in the model alone)"
echo "replica work batch 32 / direct ORT batch 32 $(ratio replica32 ort32)   (JSON parse and result encoding added)"
echo "bare Kestrel / direct ORT batch 32          $(ratio bare ort32)   (HTTP alone vs the model at batch 32)"
echo "served batched / switchyard trivial         $(ratio batched trivial)"
echo "trivial batch backend / trivial backend     $(ratio trivial_batch trivial)   (the batching path's own cost)"
echo "served unbatched / direct ORT batch 1       $(ratio unbatched ort1)"
