#!/usr/bin/env bash
# Start-up time of the reference server (issue 15: ready in under 10 s). Never part of the test command.
#   bash benchmarks/server/startup.sh              # package the server first (README); RUNS=5 by default
#   JARS="a.jar b.jar" bash benchmarks/server/startup.sh   # A/B: the jars alternate start by start in one run
#   JARS="a.jar a.jar#-Dspring.main.lazy-initialization=true"  # a jar with extra java options (comma-separated)
# For each jar, RUNS times each of three cases, alternating jars within a round so machine load hits all alike:
#   cold  - a fresh data directory and a fresh zonky working directory (PostgreSQL binaries extracted, initdb)
#   fresh - a fresh data directory (initdb), binaries already extracted (the usual first start)
#   warm  - the data directory of the previous fresh start (a restart)
# Per start it records the server's own "ready ... N ms after the JVM started" figure (wall clock, JVM start to
# ApplicationReadyEvent) and the process's CPU time (user+system, from /proc/<pid>/stat) at that moment, and prints
# the medians. On a shared machine compare CPU time and A/B ratios; wall figures hold only on an idle machine.
# JAVA_OPTS is passed to java (e.g. JAVA_OPTS="-XX:SharedArchiveFile=server.jsa").
set -euo pipefail
cd "$(dirname "$0")/../.."
JARS=${JARS:-samples/reference-server/target/reference-server.jar}
RUNS=${RUNS:-5}
CASES=${CASES:-cold fresh warm}
JAVA_OPTS=${JAVA_OPTS:-}
WORK=$(mktemp -d)
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
TICKS=$(getconf CLK_TCK)
PORT=${PORT:-18190}
echo "== $(date -u +%FT%TZ) $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# one start: jar, data dir, tmp dir (zonky extracts its binaries under java.io.tmpdir/embedded-pg) -> "wall_ms cpu_ms"
start_once() {
  local jar=${1%%#*} data=$2 tmp=$3 log="$WORK/server.log" cpu extra=
  [ "$jar" != "$1" ] && extra=${1#*#} && extra=${extra//,/ }
  : > "$log"
  # shellcheck disable=SC2086
  SERVER_PORT=$PORT SALESAGENT_DATA_DIR=$data SALESAGENT_DEMO_PASSWORD=startup-bench-1 \
    java -Xmx512m -Djava.io.tmpdir="$tmp" $JAVA_OPTS $extra -jar "$jar" > "$log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 6000); do
    if grep -q 'ready at' "$log"; then break; fi
    kill -0 "$SERVER" 2>/dev/null || break
    sleep 0.05
  done
  # CPU time as close to "ready" as the poll allows (the demo log-ins are seeded after it, a few ms)
  cpu=$(awk -v t="$TICKS" '{ print int(($14 + $15) * 1000 / t) }' "/proc/$SERVER/stat" 2>/dev/null || echo -1)
  local wall
  wall=$(grep -o 'ready at .*, \([0-9]*\) ms after the JVM started' "$log" | grep -o '[0-9]* ms after' | grep -o '[0-9]*' || true)
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  SERVER=
  if [ -z "$wall" ]; then echo "server did not start:" >&2; tail -40 "$log" >&2; exit 1; fi
  echo "$wall $cpu"
}

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2];
  else print int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

i=0
for jar in $JARS; do # one start per jar first: extracts the binaries for "fresh" and warms the page cache
  i=$((i + 1)); mkdir -p "$WORK/$i/tmp-shared"
  echo "first start jar $i ($jar), extracting the binaries: ready/cpu ms $(start_once "$jar" "$WORK/$i/data-0" "$WORK/$i/tmp-shared")"
done
for round in $(seq 1 "$RUNS"); do
  i=0
  for jar in $JARS; do
    i=$((i + 1))
    for case in $CASES; do
      case $case in
        cold) data="$WORK/$i/data-cold-$round"; tmp="$WORK/$i/tmp-cold-$round" ;;
        fresh) data="$WORK/$i/data-$round"; tmp="$WORK/$i/tmp-shared" ;;
        warm) data="$WORK/$i/data-$round"; tmp="$WORK/$i/tmp-shared"
              [ -d "$data" ] || start_once "$jar" "$data" "$tmp" > /dev/null ;;
      esac
      mkdir -p "$tmp"
      result=$(start_once "$jar" "$data" "$tmp")
      echo "$result" >> "$WORK/$i/$case"
      echo "round $round jar $i ($jar) $case: ready ${result% *} ms, cpu ${result#* } ms"
      [ "$case" = cold ] && rm -rf "$data" "$tmp"
    done
  done
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
i=0
for jar in $JARS; do
  i=$((i + 1))
  for case in $CASES; do
    printf '%s %-5s median ready %6s ms  median cpu %6s ms  (%s starts)\n' "$jar" "$case" \
      "$(cut -d' ' -f1 "$WORK/$i/$case" | median)" "$(cut -d' ' -f2 "$WORK/$i/$case" | median)" \
      "$(wc -l < "$WORK/$i/$case")"
  done
done
