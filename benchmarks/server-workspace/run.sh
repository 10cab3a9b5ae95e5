#!/usr/bin/env bash
# Sales workspace benchmark of the reference server (issue 16). Never part of the test command.
#   bash benchmarks/server-workspace/run.sh     # builds nothing: package the server first (server README)
# 1. CSV import: LEADS rows (default 50,000) built from the real S&P 500 list by ../quickstart/make-leads.py, uploaded
#    to POST /api/v1/leads/import; rows/s from the wall time of the request, peak heap from jstat samples of the
#    server process (every 200 ms, old + young used) while the import runs, with -Xmx256m.
# 2. Lead scoring: POST /api/v1/agent-runs {type: lead_pipeline} for RUN_LEADS (default 10,000) of those leads on the
#    rules agents and the tenant's memory CRM; leads scored/s = leads / (finished_at - started_at) of the run.
set -euo pipefail
cd "$(dirname "$0")"
JAR=${JAR:-../../samples/reference-server/target/reference-server.jar}
# a free port unless given (other benchmarks on this machine use fixed 1809x ports)
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
URL=http://127.0.0.1:$PORT
LEADS=${LEADS:-50000}
RUN_LEADS=${RUN_LEADS:-10000}
HEAP=${HEAP:-256m}
DATA=$(mktemp -d)
trap 'kill $SAMPLER 2>/dev/null || true; kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
SAMPLER=

SERVER_PORT=$PORT SALESAGENT_DATA_DIR=$DATA SALESAGENT_DEMO_PASSWORD=demo-password-123 \
SALESAGENT_RATE_LIMIT_GENERAL=1000000 SALESAGENT_RATE_LIMIT_AUTH=1000000 SALESAGENT_ACCESS_TOKEN_TTL=2h \
  java -Xmx"$HEAP" -jar "$JAR" > "$DATA/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 600); do grep -q 'ready at' "$DATA/server.log" && break; sleep 1; done
grep -q 'ready at' "$DATA/server.log" || { echo "server did not start"; tail -50 "$DATA/server.log"; exit 1; }

field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
TOKEN=$(curl -sf -X POST "$URL/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"email":"demo@example.com","password":"demo-password-123"}' | field "['access_token']")
AUTH="Authorization: Bearer $TOKEN"

python3 ../quickstart/make-leads.py "$LEADS" ../../samples/quickstart/src/test/resources/sp500-constituents.csv \
  > "$DATA/leads.csv"
echo "== CSV import: $LEADS rows, $(du -h "$DATA/leads.csv" | cut -f1), server heap -Xmx$HEAP"
heap_used_kb() { jstat -gc "$SERVER" | awk 'NR==2 {printf "%d\n", $3+$4+$6+$8}'; }
echo "heap used before: $(( $(heap_used_kb) / 1024 )) MiB"
( peak=0; while true; do u=$(heap_used_kb 2>/dev/null || echo 0); [ "$u" -gt "$peak" ] && peak=$u;
  echo "$peak" > "$DATA/peak"; sleep 0.2; done ) &
SAMPLER=$!
start=$(date +%s.%N)
code=$(curl -sS -o "$DATA/import.json" -w '%{http_code}' -X POST "$URL/api/v1/leads/import" -H "$AUTH" \
  -F "file=@$DATA/leads.csv")
if [ "$code" != 200 ] && [ "$code" != 201 ]; then
  echo "import answered HTTP $code: $(cat "$DATA/import.json")"; tail -20 "$DATA/server.log"; exit 1
fi
end=$(date +%s.%N)
kill $SAMPLER; SAMPLER=
python3 - "$DATA/import.json" "$start" "$end" "$(cat "$DATA/peak")" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); secs = float(sys.argv[3]) - float(sys.argv[2])
print(f"status {r['status']}: {r['rows_total']} rows, {r['rows_imported']} imported, {r['rows_duplicate']} duplicate, "
      f"{r['rows_invalid']} invalid, {r['rows_unreadable']} unreadable")
print(f"import: {secs:.1f} s, {r['rows_total'] / secs:.0f} rows/s; peak heap used while importing: "
      f"{int(sys.argv[4]) / 1024:.0f} MiB (young + old, jstat every 200 ms)")
PY

echo "== lead_pipeline run over $RUN_LEADS leads (rules, memory CRM)"
python3 - "$URL" "$TOKEN" "$RUN_LEADS" <<'PY'
import json, sys, time, urllib.request
url, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def call(method, path, body=None):
    req = urllib.request.Request(url + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
ids, cursor = [], None
while len(ids) < n:
    page = call("GET", "/api/v1/leads?limit=100" + ("&cursor=" + cursor if cursor else ""))
    ids += [l["id"] for l in page["items"]]
    cursor = page.get("next_cursor")
    if not cursor:
        break
ids = ids[:n]
run = call("POST", "/api/v1/agent-runs", {"type": "lead_pipeline", "lead_ids": ids})
t0 = time.time()
while True:
    r = call("GET", "/api/v1/agent-runs/" + run["id"])
    if r["status"] in ("completed", "failed", "cancelled"):
        break
    time.sleep(1)
from datetime import datetime
secs = (datetime.fromisoformat(r["finished_at"].replace("Z", "+00:00"))
        - datetime.fromisoformat(r["started_at"].replace("Z", "+00:00"))).total_seconds()
scored = sum(1 for l in r["output"]["leads"] if l.get("score") is not None)
print(f"run {r['status']}: {scored} of {len(ids)} leads scored in {secs:.1f} s = {scored / secs:.1f} leads/s; "
      f"{r['steps_total']} steps recorded; cost {r['cost_usd']} USD; CRM {r['output'].get('crm')}")
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
