#!/usr/bin/env python3
"""Writes a synthetic Confrère corpus (native JSONL) to stdout: CASES cases, about 2.5 answers
each. A case is 1 to 3 consecutive sentences of one text of the demo corpus (data/demo) or, when
it is present, of ../shared/datasets/pamj-cases-fr.jsonl (read in place, never copied); an answer
is 1 or 2 consecutive sentences of one demo answer. Deterministic for a seed.

Usage: gen_corpus.py CASES [--seed N] [--prefix syn]
"""
import argparse
import glob
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SPLIT = re.compile(r"(?<=[.?!])\s+")


def sources():
    """Texts to draw posts from: each case is 1 to 3 consecutive sentences of ONE source text
    (a demo case or a PAMJ report), so a distractor stays on one topic like a real post."""
    case_texts, answer_texts, bios = [], [], []
    for path in sorted(glob.glob(os.path.join(ROOT, "data", "demo", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                p = json.loads(line)
                parts = [s for s in SPLIT.split(p["text"]) if len(s) > 15]
                if parts:
                    (case_texts if p.get("reply_to") is None else answer_texts).append(parts)
                bio = (p.get("author") or {}).get("bio")
                if bio:
                    bios.append(bio)
    pamj = os.path.join(ROOT, "..", "shared", "datasets", "pamj-cases-fr.jsonl")
    if os.path.exists(pamj):
        with open(pamj, encoding="utf-8") as f:
            for line in f:
                parts = [s for s in SPLIT.split(json.loads(line)["text"]) if 30 < len(s) < 300]
                if parts:
                    case_texts.append(parts)
    return case_texts, answer_texts, sorted(set(bios))


def window(rng, parts, most):
    n = rng.randint(1, min(most, len(parts)))
    start = rng.randint(0, len(parts) - n)
    return " ".join(parts[start:start + n])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cases", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--prefix", default="syn")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    case_texts, answer_texts, bios = sources()
    authors = [(f"{a.prefix}-u{i}", f"Compte{i}", rng.choice(bios)) for i in range(5000)]
    out = sys.stdout
    tags = ["#DocTocToc", "#doctoctoc", "#DOCTOCTOC", ""]
    for n in range(a.cases):
        cid = f"{a.prefix}-{a.seed}-{n}"
        year = rng.randint(2012, 2025)
        day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        au = rng.choice(authors)
        text = window(rng, rng.choice(case_texts), 3)
        post = {"id": cid, "reply_to": None, "created_at": f"{day}T{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:00Z",
                "author": {"id": au[0], "name": au[1], "bio": au[2]},
                "text": (rng.choice(tags) + " " + text).strip(), "likes": rng.randint(0, 80),
                "reposts": rng.randint(0, 10)}
        if rng.random() < 0.15:
            post["media"] = [{"type": "photo"}]
        out.write(json.dumps(post, ensure_ascii=False) + "\n")
        parents = [cid]
        for k in range(rng.choice((1, 2, 2, 3, 3, 4, 5))):
            rid = f"{cid}-r{k}"
            ra = rng.choice(authors)
            reply = {"id": rid, "reply_to": rng.choice(parents),
                     "created_at": f"{day}T23:{k:02d}:00Z",
                     "author": {"id": ra[0], "name": ra[1], "bio": ra[2]},
                     "text": window(rng, rng.choice(answer_texts), 2),
                     "likes": rng.randint(0, 120), "reposts": rng.randint(0, 15)}
            out.write(json.dumps(reply, ensure_ascii=False) + "\n")
            parents.append(rid)


if __name__ == "__main__":
    main()
