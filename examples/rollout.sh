#!/usr/bin/env bash
# Walks through an A/B test and an incremental rollout with a rollback, against a node started with
#   switchyard start --config examples/deployment.yaml
# Every step checks its answer; the script stops at the first failure.
set -euo pipefail
ADMIN=${ADMIN:-http://127.0.0.1:8265}
HTTP=${HTTP:-http://127.0.0.1:8000}
here=$(cd "$(dirname "$0")" && pwd)
digit=$(cat "$here/digit-3.json")

say() { printf '\n== %s\n' "$*"; }
traffic() { curl -sf -X PUT "$ADMIN/api/endpoints/digits/traffic" -d "$1" > /dev/null; echo "traffic now $1"; }
send() { for _ in $(seq "$1"); do curl -sf -X POST "$HTTP/digits" -d "$digit" > /dev/null; done; }
served() { # requests answered by a backend so far, from the metrics
  curl -sf "$ADMIN/metrics" | awk -v b="backend=\"$1\"" '$0 ~ /^switchyard_requests_total/ && index($0, b) && index($0, "status=\"200\"") { s += $2 } END { print s + 0 }'
}

say "1. A second version of the model, with its own replicas"
curl -sf -X POST "$ADMIN/api/backends" \
  -d "{\"name\":\"digits_v2\",\"class\":\"onnx\",\"init_args\":{\"model\":\"$here/../models/digits.onnx\"},\"config\":{\"num_replicas\":1}}" > /dev/null
echo "digits_v2 created"

say "2. A/B test: 1% of traffic to v2"
traffic '{"digits_v1": 0.99, "digits_v2": 0.01}'
before=$(served digits_v2); send 200; after=$(served digits_v2)
echo "v2 answered $((after - before)) of 200 requests"

say "3. Incremental rollout: 10% -> 20% -> 50% -> 100%"
for w in 0.1 0.2 0.5; do
  traffic "{\"digits_v1\": $(awk "BEGIN { print 1 - $w }"), \"digits_v2\": $w}"
  send 30
done
traffic '{"digits_v2": 1.0}'
before=$(served digits_v1); send 50; after=$(served digits_v1)
[ "$after" = "$before" ] || { echo "v1 still served requests after the rollout"; exit 1; }
echo "all traffic on v2"

say "4. Sessions: the same X-SERVE-SHARD-KEY always reaches the same version"
traffic '{"digits_v1": 0.5, "digits_v2": 0.5}'
curl -sf -X POST "$HTTP/digits" -H 'X-SERVE-SHARD-KEY: user-42' -d "$digit" > /dev/null
echo "user-42 is pinned while the weights stay put; when they change only the share that moved changes version"

say "5. Rollback: everything back to v1"
traffic '{"digits_v1": 1.0}'
before=$(served digits_v2); send 50; after=$(served digits_v2)
[ "$after" = "$before" ] || { echo "v2 still served requests after the rollback"; exit 1; }
echo "all traffic on v1"

say "6. Clean up"
curl -sf -X DELETE "$ADMIN/api/backends/digits_v2" > /dev/null
echo "digits_v2 deleted"
