#!/usr/bin/env bash
# Load test of the reference server from a second process on loopback. Never part of the test command.
#   apt-get update && apt-get install -y wrk
#   bash benchmarks/server/run.sh            # builds nothing: package the server first (README)
# Starts the server jar with production settings (rate limiting, audit and JSON logging on; per-user limits raised so
# that the load spread over BENCH_USERS users is not refused), creates the users, then runs wrk.
set -euo pipefail
cd "$(dirname "$0")"
JAR=../../samples/reference-server/target/reference-server.jar
PORT=${PORT:-18090}
URL=http://127.0.0.1:$PORT
USERS_N=${BENCH_USERS:-200}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
export BENCH_PASSWORD=bench-password-123
DATA=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT

SERVER_PORT=$PORT SALESAGENT_DATA_DIR=$DATA SALESAGENT_DEMO_PASSWORD=demo-password-123 \
SALESAGENT_RATE_LIMIT_GENERAL=${RATE_LIMIT:-1000000} SALESAGENT_RATE_LIMIT_AUTH=${RATE_LIMIT:-1000000} \
  java -Xmx1g -jar "$JAR" > "$DATA/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 300); do grep -q 'ready at' "$DATA/server.log" && break; sleep 1; done
grep -q 'ready at' "$DATA/server.log" || { echo "server did not start"; tail -50 "$DATA/server.log"; exit 1; }

json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
OWNER=$(curl -sf -X POST "$URL/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"email":"demo@example.com","password":"demo-password-123"}' | json access_token)
: > users.txt; : > tokens.txt
for i in $(seq 1 "$USERS_N"); do
  email="bench-$i-$RANDOM@example.com"
  curl -sf -X POST "$URL/api/v1/users" -H "Authorization: Bearer $OWNER" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"roles\":[\"sales_exec\"],\"password\":\"$BENCH_PASSWORD\"}" > /dev/null
  echo "$email" >> users.txt
  curl -sf -X POST "$URL/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$BENCH_PASSWORD\"}" | json access_token >> tokens.txt
done
echo "== warm-up"; wrk -t2 -c"$CONNECTIONS" -d10s -s list.lua "$URL" > /dev/null
echo "== GET /api/v1/users?limit=20 (authenticated paged list, $USERS_N users)"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s list.lua "$URL"
echo "== POST /api/v1/auth/token + /api/v1/auth/refresh"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s login_refresh.lua "$URL"
