#!/usr/bin/env bash
# Agent platform load test (issue 19), never part of the test command. Needs the packaged server jar and the machine's
# PostgreSQL (127.0.0.1:5432, database `test`): both instances share one schema, as a scaled-out deployment does.
#   mvn -B -pl samples/reference-server -am package -DskipTests   # then:
#   bash benchmarks/server/agentplatform.sh
# Runs agentplatform.py against one instance, then against two (round-robin over both ports).
set -euo pipefail
cd "$(dirname "$0")"
JAR=${JAR:-../../samples/reference-server/target/reference-server.jar}
PG=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
SCHEMA=agentplatform_bench
RUNS=${RUNS:-400}; CONCURRENCY=${CONCURRENCY:-8}; STREAMS=${STREAMS:-50}
DATA=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$DATA"' EXIT
psql -h 127.0.0.1 -U postgres -d test -qc "drop schema if exists $SCHEMA cascade; create schema $SCHEMA" > /dev/null

start() { # port name
  SERVER_PORT=$1 SALESAGENT_DATA_DIR=$DATA/$2 SALESAGENT_DB_URL="$PG?currentSchema=$SCHEMA" SALESAGENT_DB_USER=postgres \
  SPRING_FLYWAY_SCHEMAS=$SCHEMA SALESAGENT_DEMO_ENABLED=false SALESAGENT_INSTANCE_ID=$2 \
  SALESAGENT_SECRETS_KEY=${SALESAGENT_SECRETS_KEY:-$(head -c 32 /dev/urandom | base64)} \
  SALESAGENT_AGENTS_PER_TENANT=${PER_TENANT:-16} SALESAGENT_RATE_LIMIT_GENERAL=1000000 SALESAGENT_RATE_LIMIT_AUTH=1000000 \
    java -Xmx768m -jar "$JAR" > "$DATA/$2.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do grep -q 'Started ReferenceServerApplication\|ready at' "$DATA/$2.log" && return; sleep 1; done
  echo "instance $2 did not start"; tail -50 "$DATA/$2.log"; exit 1
}
export SALESAGENT_SECRETS_KEY=$(head -c 32 /dev/urandom | base64)
start 18091 a
json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
TOKEN=$(curl -sf -X POST http://127.0.0.1:18091/api/v1/auth/register -H 'Content-Type: application/json' \
  -d "{\"company_name\":\"Bench\",\"email\":\"bench-$RANDOM@example.com\",\"password\":\"bench-password-123\"}" \
  | json access_token)
echo "== one instance"
python3 agentplatform.py http://127.0.0.1:18091/api/v1/langgraph "$TOKEN" "$RUNS" "$CONCURRENCY" "$STREAMS"
start 18092 b
echo "== two instances"
python3 agentplatform.py http://127.0.0.1:18091/api/v1/langgraph,http://127.0.0.1:18092/api/v1/langgraph "$TOKEN" \
  "$RUNS" "$CONCURRENCY" "$STREAMS"
