#!/usr/bin/env python3
"""CPU seconds (user + system) of the server JVM and of its PostgreSQL (the postmaster whose data directory is under
DATA, its live backends and the backends it has reaped), read from /proc. Wall-clock timings are not comparable on a
shared machine; CPU seconds per request served are.

  python3 cpu.py JVM_PID DATA_DIR          -> prints "<jvm seconds> <postgres seconds>"
"""
import os
import sys

TICK = os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        raw = f.read()
    fields = raw[raw.rindex(")") + 2:].split()  # after "pid (comm) "
    ppid = int(fields[1])
    utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
    return ppid, utime + stime, cutime + cstime


def cmdline(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().replace(b"\0", b" ").decode(errors="replace")


def main():
    jvm, data = int(sys.argv[1]), os.path.realpath(sys.argv[2])
    procs = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                procs[int(entry)] = stat(entry)
            except (FileNotFoundError, ProcessLookupError, ValueError):
                pass
    postmasters = []
    for pid in procs:
        try:
            line = cmdline(pid)
        except OSError:
            continue
        if "postgres" in line and " -D " in line and data in line:
            postmasters.append(pid)
    pg = 0
    for pm in postmasters:
        pg += procs[pm][1] + procs[pm][2]
        pg += sum(p[1] for pid, p in procs.items() if p[0] == pm)
    print(f"{procs[jvm][1] / TICK:.2f} {pg / TICK:.2f}")


if __name__ == "__main__":
    main()
