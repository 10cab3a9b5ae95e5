#!/usr/bin/env python3
"""Agent platform load test (issue 19): the reference server's LangGraph Platform endpoints under load.

Measures, against one or more running server instances (their base URLs, round-robin):
  1. runs/s of the built-in 3-node `steps` graph through POST /threads/{id}/runs/wait (one new thread per run,
     CONCURRENCY clients), with p50/p95/p99 latency;
  2. time to first SSE event (`metadata`) and to the first `updates` event of POST /threads/{id}/runs/stream.
Compare with the same 3-node graph in-process: JdbcCheckpointerBenchmark.run3 (benchmarks module, PostgreSQL
checkpointer, one run per call) on the same machine.

Usage: agentplatform.py <base-url>[,<base-url>...] <bearer token> [runs] [concurrency] [streams]
Standard library only.
"""
import json
import statistics
import sys
import threading
import time
import urllib.request

bases = sys.argv[1].split(",")
token = sys.argv[2]
RUNS = int(sys.argv[3]) if len(sys.argv) > 3 else 400
CONCURRENCY = int(sys.argv[4]) if len(sys.argv) > 4 else 8
STREAMS = int(sys.argv[5]) if len(sys.argv) > 5 else 50


def request(base, path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    return urllib.request.urlopen(req, timeout=120)


def new_thread(base):
    with request(base, "/threads", {"metadata": {"graph_id": "steps"}}) as r:
        return json.load(r)["thread_id"]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


def runs_per_second():
    threads = [(bases[i % len(bases)], new_thread(bases[i % len(bases)])) for i in range(RUNS)]
    latencies, errors, lock, index = [], [], threading.Lock(), [0]

    def worker():
        while True:
            with lock:
                if index[0] >= len(threads):
                    return
                base, thread = threads[index[0]]
                index[0] += 1
            start = time.perf_counter()
            try:
                with request(base, "/threads/%s/runs/wait" % thread,
                             {"assistant_id": "steps", "input": {"topic": "bench"}}) as r:
                    values = json.loads(r.read())
                if values.get("log") != ["one", "two", "three"]:
                    raise RuntimeError("unexpected values %s" % values)
                with lock:
                    latencies.append(time.perf_counter() - start)
            except Exception as e:  # counted, reported
                with lock:
                    errors.append(repr(e))

    began = time.perf_counter()
    workers = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - began
    ms = [l * 1000 for l in latencies]
    return {"runs": len(latencies), "errors": len(errors), "first_error": errors[0] if errors else None,
            "seconds": round(elapsed, 2), "runs_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(pct(ms, 50), 1), "p95_ms": round(pct(ms, 95), 1), "p99_ms": round(pct(ms, 99), 1)}


def time_to_first_event():
    first, first_update = [], []
    for i in range(STREAMS):
        base = bases[i % len(bases)]
        thread = new_thread(base)
        start = time.perf_counter()
        with request(base, "/threads/%s/runs/stream" % thread,
                     {"assistant_id": "steps", "input": {"topic": "bench"}, "stream_mode": ["updates"]}) as r:
            got_first = False
            for raw in r:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: ") and not got_first:
                    first.append((time.perf_counter() - start) * 1000)
                    got_first = True
                if line == "event: updates":
                    first_update.append((time.perf_counter() - start) * 1000)
                    break
            r.read()
    return {"streams": len(first), "first_event_p50_ms": round(statistics.median(first), 1),
            "first_event_p95_ms": round(pct(first, 95), 1),
            "first_update_p50_ms": round(statistics.median(first_update), 1)}


if __name__ == "__main__":
    print(json.dumps({"instances": len(bases), "concurrency": CONCURRENCY, "wait": runs_per_second(),
                      "stream": time_to_first_event()}))
