#!/usr/bin/env bash
# Load test of the command center on the demo order book (9,994 lines of 5,009 orders). Never part of the test command.
#   bash benchmarks/server-command/run.sh      # package the server first: mvn -B -pl samples/reference-server -am package -DskipTests
# Starts the server jar on embedded defaults (demo data on; rate limits off so the load is served, not refused), waits
# for the command demo seed (its log line gives the initial sync time), then runs `hey` (installed with apt if missing)
# against POST /api/v1/query/ask with the rules router: p50/p95 latency and requests/s per question.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v hey > /dev/null; then
  (apt-get update -qq && apt-get install -y -qq hey) > /dev/null || { echo "install hey: apt-get install -y hey"; exit 1; }
fi
JAR=../../samples/reference-server/target/reference-server.jar
PORT=${PORT:-18091}
URL=http://127.0.0.1:$PORT
REQUESTS=${REQUESTS:-2000}
CONCURRENCY=${CONCURRENCY:-16}
DATA=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT

SERVER_PORT=$PORT SALESAGENT_DATA_DIR=$DATA SALESAGENT_DEMO_PASSWORD=demo-password-123 \
SALESAGENT_RATE_LIMITS_ENABLED=false SALESAGENT_LOG_FORMAT=${LOG_FORMAT:-ecs} \
  java -Xmx1g -jar "$JAR" > "$DATA/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 600); do grep -q 'command demo data:' "$DATA/server.log" && break; sleep 1; done
grep -q 'command demo data:' "$DATA/server.log" || { echo "demo data not seeded"; tail -50 "$DATA/server.log"; exit 1; }
echo "== demo seed and initial sync"
grep -o 'command demo data:[^"]*' "$DATA/server.log"
grep -o 'command read model synced:[^"]*' "$DATA/server.log" | head -1

TOKEN=$(curl -sf -X POST "$URL/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"email":"demo@example.com","password":"demo-password-123"}' \
  | python3 -c "import json,sys; print(json.load(sys.stdin)['access_token'])")

ask() {
  local question=$1
  local body="{\"query\":\"$question\"}"
  echo "== POST /api/v1/query/ask \"$question\" ($REQUESTS requests, $CONCURRENCY concurrent)"
  curl -sf -X POST "$URL/api/v1/query/ask" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "$body" | python3 -c "import json,sys; r=json.load(sys.stdin); print('   answer:', r['method'], r['intent'], '-', r['answer'][:120])"
  hey -n 200 -c "$CONCURRENCY" -m POST -H "Authorization: Bearer $TOKEN" -T application/json -d "$body" \
    "$URL/api/v1/query/ask" > /dev/null   # warm-up
  hey -n "$REQUESTS" -c "$CONCURRENCY" -m POST -H "Authorization: Bearer $TOKEN" -T application/json -d "$body" \
    "$URL/api/v1/query/ask" | grep -E 'Requests/sec|Average|50%|95%|99%|\[[0-9]+\]'
}
uptime
ask "How many orders did we receive this month?"
ask "Top 5 customers by revenue last quarter"
ask "Show me pending orders for Alan Hwang this month"
ask "Best selling products in Technology this year"
uptime
