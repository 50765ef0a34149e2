#!/usr/bin/env python3
"""Ingestion benchmark: drop-to-committed latency and burst throughput of the real daemon.

Runs `gongwen run` on a temporary config and measures
  * latency: single reports dropped (written elsewhere, then renamed into the inbox) into an
    idle daemon, one at a time, --gap seconds after the previous one was done (idle: the
    daemon has finished its own upkeep too; --gap 0 drops them back to back); latency = the
    file's `done` time in the ledger minus the moment of the rename (same wall clock);
  * burst: N reports renamed into the inbox as fast as possible; throughput = N / (last done
    - first drop), and the peak resident memory of the daemon and of its worker processes.

Reports are made by varying the sample reports (../shared/corpus, or examples/reports when the
corpus is absent): each copy gets a distinct number line so that every file is new content.

Usage: bench/ingestion/ingest_bench.py --build build [--chain full|minimal] [--singles 200]
       [--gap 0.5] [--burst 10000]   (--burst 0: latency only)
"""
import argparse
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sample_texts():
    corpus = ROOT.parent / "shared" / "corpus"
    files = sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    if not files:
        files = sorted((ROOT / "examples" / "reports").glob("*.txt"))
    return [f.read_bytes() for f in files]


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def done_times(db, since_id=0):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        rows = con.execute(
            "SELECT path, strftime('%s', updated) + (strftime('%f', updated) - "
            "cast(strftime('%S', updated) AS INTEGER)) FROM files WHERE state = 'done' AND id > ?",
            (since_id,)).fetchall()
    finally:
        con.close()
    return {p: float(t) for p, t in rows}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=str(ROOT / "build"))
    ap.add_argument("--chain", choices=["full", "minimal"], default="full")
    ap.add_argument("--singles", type=int, default=200)
    ap.add_argument("--gap", type=float, default=0.5,
                    help="seconds between one single report's done and the next drop")
    ap.add_argument("--burst", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--log-level", default="warn",
                    help="the daemon's; info logs each document's chain and store times")
    ap.add_argument("--keep", action="store_true",
                    help="keep the work folder (config, database, daemon.log) and print its path")
    args = ap.parse_args()

    build = Path(args.build).resolve()
    chain = (["encoding_fix", "variant_convert", "section_split", "metric_extract", "json"]
             if args.chain == "full" else ["json"])
    work = Path(tempfile.mkdtemp(prefix="gongwen-bench-"))
    inbox, staging = work / "inbox", work / "staging"
    inbox.mkdir()
    staging.mkdir()
    config = work / "gongwen.toml"
    config.write_text(f"""
[daemon]
workers = {args.workers}
log_level = "{args.log_level}"
settle_ms = 20
control_socket = "{work}/gongwen.sock"
[store]
database = "{work}/gongwen.db"
[output]
dir = "{work}/out"
[[inbox]]
path = "{inbox}"
[chain]
plugins = {chain!r}
plugin_dirs = ["{build}/lib/gongwen/plugins"]
""".replace("'", '"'))
    texts = sample_texts()
    serial = [0]

    def make(directory):
        serial[0] += 1
        text = texts[serial[0] % len(texts)] + f"\n编号 {serial[0]}\n".encode()
        path = directory / f"r{serial[0]:06d}.txt"
        path.write_bytes(text)
        return path

    daemon = subprocess.Popen([str(build / "bin" / "gongwen"), "run", "--config", str(config)],
                              stderr=open(work / "daemon.log", "wb"))
    peak = {"daemon": 0, "workers": 0}

    def sample():
        peak["daemon"] = max(peak["daemon"], rss_kb(daemon.pid))
        peak["workers"] = max(peak["workers"], sum(rss_kb(c) for c in children(daemon.pid)))

    try:
        db = work / "gongwen.db"
        while not (work / "gongwen.sock").exists():
            time.sleep(0.05)
            if daemon.poll() is not None:
                sys.exit("daemon did not start:\n" + (work / "daemon.log").read_text())

        # Latency: one report at a time into an idle daemon.
        latencies = []
        for _ in range(args.singles):
            time.sleep(args.gap)
            src = make(staging)
            dst = inbox / src.name
            t0 = time.time()
            os.rename(src, dst)
            while True:
                times = done_times(db)
                if str(dst) in times:
                    latencies.append((times[str(dst)] - t0) * 1000)
                    break
                time.sleep(0.002)
            sample()
        latencies.sort()
        p50 = statistics.median(latencies)
        p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)]

        print(f"chain: {' → '.join(chain)}; workers: {args.workers}; "
              f"load average {os.getloadavg()[0]:.2f}")
        print(f"latency over {args.singles} single reports ({args.gap} s apart): "
              f"p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        if args.burst == 0:
            return

        # Burst: everything at once.
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        last_id = con.execute("SELECT coalesce(max(id), 0) FROM files").fetchone()[0]
        con.close()
        burst = [make(staging) for _ in range(args.burst)]
        t0 = time.time()
        for src in burst:
            os.rename(src, inbox / src.name)
        t_dropped = time.time()
        while True:
            sample()
            n = len(done_times(db, last_id))
            if n >= args.burst:
                break
            time.sleep(0.2)
        t_end = max(done_times(db, last_id).values())
        print(f"burst of {args.burst}: dropped in {t_dropped - t0:.1f} s, all done after "
              f"{t_end - t0:.1f} s: {args.burst / (t_end - t0):.0f} reports/s")
        print(f"peak RSS: daemon {peak['daemon'] / 1024:.0f} MiB, workers together "
              f"{peak['workers'] / 1024:.0f} MiB")
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=120)
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
