#!/usr/bin/env python3
"""Benchmark (not a test): Confrère against Xapian's scriptindex/quest and SQLite FTS5 on the same
generated posts. Prints a Markdown table for docs/performance.md.

Usage: run_bench.py [--sizes 10000,100000] [--seed 1] [--work DIR] [--build DIR] [--queries FILE]
Needs xapian-omega (scriptindex), xapian-tools (quest) and GNU time (/usr/bin/time).
"""
import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

SCRIPT = "id : field boolean=Q unique=Q\ntext : index field\n"


def timed(cmd, env=None, stdin=None):
    """Runs cmd under GNU time; returns (seconds, peak MiB)."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, env=env, stdin=stdin,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if out.returncode not in (0, 65):
        sys.exit(f"{cmd[0]} failed ({out.returncode}): {out.stderr[-500:]}")
    secs, kib = out.stderr.strip().splitlines()[-1].split()
    return float(secs), int(kib) / 1024


def to_scriptindex(src, dst):
    with open(src, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            p = json.loads(line)
            text = p["text"].replace("\n", "\n=")
            out.write(f"id={p['id']}\ntext={text}\n\n")


def fts5(src, db):
    if os.path.exists(db):
        os.remove(db)
    start = time.monotonic()
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE posts USING fts5(id UNINDEXED, text, "
                "tokenize = 'unicode61 remove_diacritics 2')")
    with open(src, encoding="utf-8") as f, con:
        con.executemany("INSERT INTO posts(id, text) VALUES (?, ?)",
                        ((p["id"], p["text"]) for p in map(json.loads, f)))
    con.close()
    return time.monotonic() - start


def p50(xs):
    return statistics.median(xs) * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs of each timed command; the median is printed (a shared machine's "
                         "noise is large)")
    ap.add_argument("--work")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--queries", default=os.path.join(ROOT, "..", "shared", "eval",
                                                      "paraphrase-dev.queries.jsonl"))
    a = ap.parse_args()
    work = a.work or tempfile.mkdtemp(prefix="confrere-bench-")
    os.makedirs(work, exist_ok=True)
    index_bin = os.path.join(a.build, "indexer", "confrere-index")
    query_bin = os.path.join(a.build, "query", "confrere-query")
    env = dict(os.environ, CONFRERE_DATA_DIR=os.path.join(ROOT, "data"))
    queries = [json.loads(l)["query"] for l in open(a.queries, encoding="utf-8")] \
        if os.path.exists(a.queries) else ["douleur thoracique à l'effort", "arrêt de travail"]
    with open(os.path.join(work, "index.script"), "w") as f:
        f.write(SCRIPT)
    print("| cases | posts | MB | Confrère ingest s (peak MiB) | scriptindex s (peak MiB) | FTS5 inserts s | "
          "rebuild s (peak MiB) | search in-process p50 / p99 ms | CLI search p50 ms | quest p50 ms |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n in [int(x) for x in a.sizes.split(",")]:
        corpus = os.path.join(work, f"corpus-{n}.jsonl")
        with open(corpus, "w") as out:
            subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), str(n),
                            "--seed", str(a.seed)], stdout=out, check=True)
        posts = sum(1 for _ in open(corpus, encoding="utf-8"))
        mb = os.path.getsize(corpus) / 1e6
        db = os.path.join(work, f"db-{n}")
        si_input = os.path.join(work, f"corpus-{n}.si")
        to_scriptindex(corpus, si_input)
        si_db = os.path.join(work, f"si-{n}")
        runs = {"ingest": [], "rebuild": [], "scriptindex": [], "fts": []}
        for _ in range(a.repeat):  # interleaved, so that a slow spell hits every tool alike
            shutil.rmtree(db, ignore_errors=True)
            runs["ingest"].append(timed([index_bin, "--db", db, "ingest", corpus], env))
            runs["rebuild"].append(timed([index_bin, "--db", db, "rebuild"], env))
            runs["scriptindex"].append(timed(["scriptindex", "--stemmer=french", "--overwrite",
                                              si_db, os.path.join(work, "index.script"), si_input]))
            runs["fts"].append(fts5(corpus, os.path.join(work, f"fts-{n}.sqlite")))
        median = lambda rs: sorted(rs)[len(rs) // 2]
        ingest, rebuild, scriptindex = (median(runs[k]) for k in ("ingest", "rebuild", "scriptindex"))
        fts = median(runs["fts"])
        if a.repeat > 1:
            print("  runs (s): " + "; ".join(k + " " + ", ".join(f"{r[0] if isinstance(r, tuple) else r:.1f}"
                                                               for r in v) for k, v in runs.items()),
                  file=sys.stderr, flush=True)
        ev = {"ms_p50": 0, "ms_p99": 0}
        if os.path.exists(a.queries):
            r = subprocess.run([query_bin, "--db", db, "eval", "--json", a.queries], env=env,
                               capture_output=True, text=True)
            ev = json.loads(r.stdout)
        cli, quest = [], []
        for q in queries:
            t = time.monotonic()
            subprocess.run([query_bin, "--db", db, "search", "--json", q], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            cli.append(time.monotonic() - t)
            t = time.monotonic()
            subprocess.run(["quest", "-d", si_db, "-s", "french", "-m", "10", q],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            quest.append(time.monotonic() - t)
        print(f"| {n:,} | {posts:,} | {mb:.0f} | {ingest[0]:.1f} ({ingest[1]:.0f}) | "
              f"{scriptindex[0]:.1f} ({scriptindex[1]:.0f}) | {fts:.1f} | {rebuild[0]:.1f} ({rebuild[1]:.0f}) | "
              f"{ev['ms_p50']:.1f} / {ev['ms_p99']:.1f} | {p50(cli):.0f} | {p50(quest):.0f} |", flush=True)
        for path in (corpus, si_input):
            os.remove(path)


if __name__ == "__main__":
    main()
