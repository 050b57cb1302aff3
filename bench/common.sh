# What both benchmark scripts share (sourced, not run): the Release artefacts, stopping what a script started,
# failing with one line, the Release build and the readiness wait. A script sets WORK (its temporary folder)
# before sourcing this, and adds every process it starts to PIDS.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
CLI=$ROOT/src/Switchyard.Cli/bin/Release/net10.0/switchyard.dll
BARE=$ROOT/bench/BareKestrel/bin/Release/net10.0/BareKestrel.dll
PLUGIN=$ROOT/bench/BenchBackends/bin/Release/net10.0/BenchBackends.dll
BENCH=$ROOT/bench/Switchyard.Benchmarks/bin/Release/net10.0/Switchyard.Benchmarks.dll
HZ=$(getconf CLK_TCK)
CORES=$(nproc)
PIDS=()
KEEP=0

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
  for pid in "${PIDS[@]}"; do
    stop "$pid"
  done
  if [ "$KEEP" -eq 1 ]; then
    echo "logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "error: $*" >&2
  KEEP=1
  exit 1
}

# build_release: the node, both bare apps and the benchmarks in Release, unless NO_BUILD=1; then checks they exist.
build_release() {
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
}

# wait_200 NAME PID URL [CURL ARGS...]: until the request answers 200 (at most 120 s).
wait_200() {
  local name=$1 pid=$2 url=$3 code=none
  shift 3
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$WORK/$name.log" >&2; fail "$name exited before it was ready"; }
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" "$url" || true)
    [ "$code" = 200 ] && return 0
    sleep 0.5
  done
  tail -20 "$WORK/$name.log" >&2
  fail "$name did not answer 200 at $url within 120 s (last status $code)"
}

machine_ticks() { awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t, $5 + $6 }' /proc/stat; } # total, idle
