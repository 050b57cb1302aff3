#!/usr/bin/env bash
# Autoscaling and a progressive rollout that rolls itself back, against a node started with
#   switchyard start --config examples/deployment.yaml
# Every step checks its answer; the script stops at the first failure.
set -euo pipefail
ADMIN=${ADMIN:-http://127.0.0.1:8265}
HTTP=${HTTP:-http://127.0.0.1:8000}
here=$(cd "$(dirname "$0")" && pwd)
digit=$(cat "$here/digit-3.json")

say() { printf '\n== %s\n' "$*"; }
field() { grep -o "\"$1\":[^,}]*" | head -1 | cut -d: -f2- | tr -d '"'; }   # one scalar field of a JSON answer
rollout() { curl -sf "$ADMIN/api/endpoints/digits/rollout"; }

# Traffic in the background, as clients would send it, so the rollouts have requests to judge.
load=()
for _ in 1 2; do
  ( while :; do curl -s -o /dev/null -X POST "$HTTP/digits" -d "$digit" || true; done ) > /dev/null 2>&1 &
  load+=($!)
done
trap 'kill "${load[@]}" 2>/dev/null || true' EXIT

say "1. Autoscaling: digits_v1 scales between 1 and 4 replicas on ongoing requests"
curl -sf -X PATCH "$ADMIN/api/backends/digits_v1/config" -d '{"autoscaling_config": {"min_replicas": 1, "max_replicas": 4,
  "target_ongoing_requests": 2, "metrics_interval_s": 0.5, "look_back_period_s": 2, "upscale_delay_s": 1, "downscale_delay_s": 10}}' \
  | grep -q '"autoscaling":' || { echo "no autoscaling state in the answer"; exit 1; }
sleep 2
echo "autoscaler: target $(curl -sf "$ADMIN/api/backends/digits_v1" | field target_replicas) replicas," \
     "ongoing requests $(curl -sf "$ADMIN/api/backends/digits_v1" | field ongoing_requests)"
curl -sf "$ADMIN/metrics" | grep '^switchyard_autoscaling_target_replicas{backend="digits_v1"' || { echo "no autoscaling gauge"; exit 1; }

say "2. A progressive rollout to digits_v2: 10% -> 50% -> 100%, judged on its own requests"
curl -sf -X POST "$ADMIN/api/backends" \
  -d "{\"name\":\"digits_v2\",\"class\":\"onnx\",\"init_args\":{\"model\":\"$here/../models/digits.onnx\"}}" > /dev/null
curl -sf -X POST "$ADMIN/api/endpoints/digits/rollout" -d '{"to": "digits_v2", "steps": [0.1, 0.5, 1.0], "step_interval_s": 2,
  "analysis": {"min_requests": 10, "max_error_rate": 0.01, "max_p99_latency_ms": 1000}}' > /dev/null
while [ "$(rollout | field state)" = running ]; do
  echo "step $(rollout | field step): digits_v2 at $(rollout | grep -o '"digits_v2":[0-9.]*' | head -1 | cut -d: -f2)"
  sleep 1
done
[ "$(rollout | field state)" = succeeded ] || { echo "the rollout did not succeed: $(rollout)"; exit 1; }
curl -sf "$ADMIN/api/endpoints" | grep -q '"traffic":{"digits_v2":1}' || { echo "digits_v2 does not have all the traffic"; exit 1; }
echo "succeeded: all traffic on digits_v2 ($(rollout | field requests) requests seen in the last step)"

say "3. A rollout to a version that cannot serve (it asks for 1000 CPUs, so it never runs): rolled back"
curl -sf -X POST "$ADMIN/api/backends" \
  -d "{\"name\":\"digits_v3\",\"class\":\"onnx\",\"init_args\":{\"model\":\"$here/../models/digits.onnx\"},\"resources\":{\"num_cpus\":1000}}" > /dev/null
curl -sf -X POST "$ADMIN/api/endpoints/digits/rollout" -d '{"to": "digits_v3", "steps": [0.1, 1.0], "step_interval_s": 30,
  "analysis": {"min_requests": 5, "max_error_rate": 0.05}}' > /dev/null
for _ in $(seq 100); do [ "$(rollout | field state)" = running ] || break; sleep 0.2; done
[ "$(rollout | field state)" = rolled_back ] || { echo "the rollout was not rolled back: $(rollout)"; exit 1; }
echo "rolled back: $(rollout | field reason)"
curl -sf "$ADMIN/api/endpoints" | grep -q '"traffic":{"digits_v2":1}' || { echo "the policy from before was not restored"; exit 1; }
echo "traffic back to all digits_v2, exactly as before"

say "4. Clean up: a fixed count again, and the failed version gone"
curl -sf -X PATCH "$ADMIN/api/backends/digits_v1/config" -d '{"autoscaling_config": null}' > /dev/null
curl -sf -X DELETE "$ADMIN/api/backends/digits_v3" > /dev/null
echo "done"
