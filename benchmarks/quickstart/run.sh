#!/usr/bin/env bash
# Whole-process benchmark of the quickstart: leads/s and peak RSS for N leads (default 50,000) built from the real
# S&P 500 list, on rules and the in-memory CRM. Needs the jar: mvn -B -q package -DskipTests (from the root).
# usage: benchmarks/quickstart/run.sh [N] [extra quickstart options...]   (run from the repository root)
set -euo pipefail
n="${1:-50000}"; shift || true
jar=samples/quickstart/target/quickstart.jar
[ -f "$jar" ] || { echo "build the jar first: mvn -B -q package -DskipTests" >&2; exit 2; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
python3 benchmarks/quickstart/make-leads.py "$n" > "$work/leads.csv"
start=$(date +%s.%N)
/usr/bin/time -v -o "$work/time.txt" java -Xmx256m -jar "$jar" --leads "$work/leads.csv" --out "$work/out.jsonl" \
    "$@" > "$work/stdout.txt" 2> /dev/null || { cat "$work/stdout.txt"; exit 1; }
end=$(date +%s.%N)
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$work/time.txt")
lines=$(wc -l < "$work/out.jsonl")
awk -v n="$n" -v s="$start" -v e="$end" -v rss="$rss_kb" -v cpu="$cpu" -v lines="$lines" 'BEGIN {
  printf "leads %d, output lines %d\nwall %.1f s -> %.0f leads/s (whole process, JVM start included)\n", n, lines, e-s, n/(e-s);
  printf "cpu %.1f s (user+sys) -> %.0f leads per cpu-second\npeak RSS %.0f MB (-Xmx256m)\n", cpu, n/cpu, rss/1024 }'
grep -E "^(Processed|Grades)" "$work/stdout.txt"
