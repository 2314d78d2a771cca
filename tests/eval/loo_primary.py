#!/usr/bin/env python3
"""How well would the case-report primary rule do on reports it was not tuned on?

Usage: loo_primary.py DBDIR GOLD   (DBDIR: a `confrere-index --db` directory holding the PAMJ
                                    reports; GOLD: a specialty gold file of the ../shared/eval shape)

The tagger keeps a report's specialties with a score each (the store's case_specialties) and
chooses the primary among them by score × a factor per code (surgery 3,
the disease's specialty 2, others 1: indexer/tagger.cc). This script learns such factors from
the gold instead (coordinate ascent over 0.5–4 per code) and measures them by leave-one-out:
fit on all reports but one, predict that one. Prints one JSON object; never prints post text.
"""
import json
import os
import sqlite3
import sys

GRID = (0.5, 1.0, 1.5, 2.0, 3.0, 4.0)


def main(dbdir, gold_path):
    gold = {}
    for line in open(gold_path, encoding="utf-8"):
        if line.strip():
            d = json.loads(line)
            gold[d["id"]] = d["primary"]
    kept = {}
    store = sqlite3.connect("file:" + os.path.join(dbdir, "store.sqlite") + "?mode=ro", uri=True)
    for case_id, code, score in store.execute(
            "SELECT case_id, code, score FROM case_specialties ORDER BY case_id, rank"):
        if case_id in gold:
            kept.setdefault(case_id, []).append((code, score))
    ids = sorted(i for i in gold if kept.get(i))
    codes = sorted({c for i in ids for c, _ in kept[i]})

    def primary(i, f):
        return max(kept[i], key=lambda cs: cs[1] * f.get(cs[0], 1.0))[0]

    def accuracy(f, subset):
        return sum(primary(i, f) == gold[i] for i in subset) / len(subset)

    def fit(subset):
        f = {c: 1.0 for c in codes}
        for _ in range(2):
            for c in codes:
                best, best_g = accuracy(f, subset), f[c]
                for g in GRID:
                    f[c] = g
                    a = accuracy(f, subset)
                    if a > best + 1e-9:
                        best, best_g = a, g
                f[c] = best_g
        return f

    as_exported = sum(kept[i][0][0] == gold[i] for i in ids) / len(ids)
    flat = accuracy({}, ids)
    fitted = fit(ids)
    loo = sum(primary(i, fit([j for j in ids if j != i])) == gold[i] for i in ids) / len(ids)
    print(json.dumps({"reports": len(ids), "primary_as_tagged": round(as_exported, 3),
                      "primary_top_score": round(flat, 3),
                      "primary_fitted_on_all": round(accuracy(fitted, ids), 3),
                      "primary_leave_one_out": round(loo, 3)}))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: loo_primary.py DBDIR GOLD")
    main(sys.argv[1], sys.argv[2])
