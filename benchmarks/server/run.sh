#!/usr/bin/env bash
# Load test of the reference server from a second process on loopback. Never part of the test command.
#   apt-get update && apt-get install -y wrk hey
#   bash benchmarks/server/run.sh            # builds nothing: package the server first (README)
# Starts the server jar with production settings (rate limiting, audit and JSON logging on; per-user limits raised so
# that the load spread over BENCH_USERS users is not refused), creates the users, then runs the phases in PHASES:
#   list   wrk, saturated: GET /api/v1/users?limit=20 (authenticated paged list backed by PostgreSQL)
#   me     wrk, saturated: GET /api/v1/me (the same authentication path without the list query: the peer of "list")
#   fixed  hey, fixed offered load: FIXED_RATE req/s of GET /api/v1/users?limit=20 (FIXED_WORKERS workers)
#   login  wrk, saturated: POST /api/v1/auth/token + /api/v1/auth/refresh
# After each phase it prints the CPU seconds the server JVM and its PostgreSQL spent (cpu.py) per request served: the
# figure that stays comparable when the machine is shared (wall-clock req/s is not).
set -euo pipefail
cd "$(dirname "$0")"
JAR=${JAR:-../../samples/reference-server/target/reference-server.jar}
PORT=${PORT:-18090}
URL=http://127.0.0.1:$PORT
USERS_N=${BENCH_USERS:-200}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
PHASES=${PHASES:-list me fixed login}
FIXED_RATE=${FIXED_RATE:-2000}
FIXED_WORKERS=${FIXED_WORKERS:-50}
WARMUP=${WARMUP:-90s}
WARMUP_CONNECTIONS=${WARMUP_CONNECTIONS:-4}
export BENCH_PASSWORD=bench-password-123
DATA=$(mktemp -d)
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT

SERVER_PORT=$PORT SALESAGENT_DATA_DIR=$DATA SALESAGENT_DEMO_PASSWORD=demo-password-123 \
SALESAGENT_RATE_LIMIT_GENERAL=${RATE_LIMIT:-1000000} SALESAGENT_RATE_LIMIT_AUTH=${RATE_LIMIT:-1000000} \
  java ${JAVA_OPTS:--Xmx1g} -jar "$JAR" > "$DATA/server.log" 2>&1 &
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

cpu() { python3 cpu.py "$SERVER" "$DATA"; }
# per_request BEFORE AFTER SERVED: CPU milliseconds per request served, server JVM + PostgreSQL
per_request() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys
(j0, p0), (j1, p1), n = (map(float, sys.argv[1].split())), (map(float, sys.argv[2].split())), int(sys.argv[3])
j, p = j1 - j0, p1 - p0
n = max(n, 1)
print(f"cpu: server JVM {j:.1f} s + PostgreSQL {p:.1f} s for {n} requests served"
      f" = {1000 * j / n:.3f} + {1000 * p / n:.3f} = {1000 * (j + p) / n:.3f} ms/request")
PY
}
# wrk_phase SCRIPT: runs wrk and prints its report and the CPU per request served (non-2xx not counted)
wrk_phase() {
  local before after out total bad
  before=$(cpu)
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s "$1" "$URL")
  after=$(cpu)
  echo "$out"
  total=$(echo "$out" | sed -n 's/^ *\([0-9]*\) requests in.*/\1/p')
  bad=$(echo "$out" | sed -n 's/^non-2xx\/3xx \([0-9]*\)/\1/p')
  per_request "$before" "$after" $((total - ${bad:-0}))
}

# Warm-up at low concurrency: under saturation the JIT's compiler threads get a sliver of the 2 cores among 64 busy
# request threads, and the server takes minutes to reach steady state (measured: the same list phase at 650-1,500
# req/s after a 10 s saturated warm-up, at its steady rate after a minute at 4 connections).
echo "== warm-up ($WARMUP at $WARMUP_CONNECTIONS connections)"
wrk -t1 -c"$WARMUP_CONNECTIONS" -d"$WARMUP" -s list.lua "$URL" > /dev/null
echo "== load average before the phases: $(cut -d' ' -f1-3 /proc/loadavg)"
for phase in $PHASES; do
  case $phase in
    list)
      echo "== GET /api/v1/users?limit=20 (authenticated paged list, $USERS_N users), saturated"
      wrk_phase list.lua ;;
    me)
      echo "== GET /api/v1/me (authentication only, the peer of the list), saturated"
      LIST_PATH=/api/v1/me wrk_phase list.lua ;;
    fixed)
      # hey sends one header set per run: the token of the first user (per-user limits are raised, see above)
      per_worker=$(( (FIXED_RATE + FIXED_WORKERS - 1) / FIXED_WORKERS ))
      echo "== GET /api/v1/users?limit=20 at a fixed offered load of $((per_worker * FIXED_WORKERS)) req/s" \
        "($FIXED_WORKERS workers x $per_worker req/s, $DURATION)"
      before=$(cpu)
      out=$(hey -z "$DURATION" -c "$FIXED_WORKERS" -q "$per_worker" -H "Authorization: Bearer $(head -1 tokens.txt)" \
        "$URL/api/v1/users?limit=20")
      after=$(cpu)
      echo "$out" | grep -E 'Requests/sec|Slowest|Average'
      echo "$out" | sed -n '/^Latency distribution/,/^$/p;/^Status code distribution/,$p'
      served=$(echo "$out" | awk '/^ *\[2[0-9][0-9]\]/ { n += $2 } END { print n + 0 }')
      per_request "$before" "$after" "${served:-0}" ;;
    login)
      echo "== POST /api/v1/auth/token + /api/v1/auth/refresh, saturated"
      wrk_phase login_refresh.lua ;;
    *) echo "unknown phase $phase"; exit 2 ;;
  esac
  echo "== load average after $phase: $(cut -d' ' -f1-3 /proc/loadavg)"
done
