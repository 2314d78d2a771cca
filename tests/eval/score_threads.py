#!/usr/bin/env python3
"""Scores Confrère on threads-dev (tags, best answers, identifiers) and specialty-dev (tags).

Usage: score_threads.py threads EXPORT GOLD DBDIR QUERY_BIN
       score_threads.py specialty EXPORT GOLD
       score_threads.py tags EXPORT GOLD   (cases' tags, and the profession of every post that
                                           has one in the gold, answers too, with confusions)
Prints one JSON object of figures on stdout; never prints post text.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata

# Words of an identifier that are not themselves identifying (titles, cues, small words).
NOT_IDENTIFYING = {"mme", "mlle", "madame", "monsieur", "ne", "nee", "le", "la", "les", "de", "des",
                   "du", "ddn", "ipp", "nip", "nir", "dossier", "allee", "impasse", "rue", "avenue"}


def fold(text):
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def identifier_terms(text, kind):
    """The index terms an unredacted identifier would have left."""
    folded = fold(text)
    if kind in ("phone", "nir"):
        return [re.sub(r"\D", "", folded.replace("+33", "0"))]
    words = [w for w in re.findall(r"[a-z]+", folded) if len(w) >= 3 and w not in NOT_IDENTIFYING]
    return words + [d for d in re.findall(r"\d+", folded) if len(d) >= 4]


def index_terms(dbdir):
    delve = shutil.which("xapian-delve")
    if not delve:
        return None
    r = subprocess.run([delve, "-a", "-1", os.path.join(dbdir, "index")], capture_output=True, text=True)
    return set(r.stdout.split())


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def tag_scores(posts, gold, with_profession):
    n = primary = nature = profession = 0
    tp = fp = fn = 0
    for g in gold:
        if "primary" not in g:
            continue
        p = posts.get(g["id"])
        if p is None or "tags" not in p:
            n += 1
            fn += len(g["specialties"])
            continue
        n += 1
        tags = p["tags"]
        primary += tags["primary"] == g["primary"]
        if "nature" in g:
            nature += tags["nature"] == g["nature"]
        if with_profession and "profession" in g:
            profession += p.get("profession") == g["profession"]
        ours, theirs = set(tags["specialties"]), set(g["specialties"])
        tp += len(ours & theirs)
        fp += len(ours - theirs)
        fn += len(theirs - ours)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    out = {"cases": n, "primary_accuracy": round(primary / n, 3) if n else 0,
           "set_precision": round(prec, 3), "set_recall": round(rec, 3),
           "set_f1": round(2 * prec * rec / (prec + rec), 3) if prec + rec else 0.0}
    if with_profession:
        out["nature_accuracy"] = round(nature / n, 3) if n else 0
        out["profession_accuracy"] = round(profession / n, 3) if n else 0
    return out


def db_bytes(dbdir):
    blobs = []
    for root, _, files in os.walk(dbdir):
        for name in files:
            with open(os.path.join(root, name), "rb") as f:
                blobs.append(f.read())
    return blobs


def threads(export, gold_path, dbdir, query_bin):
    posts = {p["id"]: p for p in load_jsonl(export)}
    gold = load_jsonl(gold_path)
    out = tag_scores(posts, gold, True)
    # Best-rated answer first in `show`.
    best_total = best_ok = 0
    for g in gold:
        if not g.get("best_answer"):
            continue
        best_total += 1
        r = subprocess.run([query_bin, "--db", dbdir, "show", "--json", g["id"]],
                           capture_output=True, text=True)
        if r.returncode == 0:
            answers = json.loads(r.stdout)["answers"]
            best_ok += bool(answers) and answers[0]["id"] == g["best_answer"]
    out["best_answer_first"] = f"{best_ok}/{best_total}"
    # Identifiers: absent from the export, the database files, and search output.
    export_text = open(export, encoding="utf-8").read()
    blobs = db_bytes(dbdir)
    pii = [p["text"] for g in gold for p in g.get("pii", [])]
    leaked_export = leaked_files = leaked_search = 0
    for text in pii:
        leaked_export += text in export_text
        leaked_files += any(text.encode() in b for b in blobs)
        r = subprocess.run([query_bin, "--db", dbdir, "search", "--json", text],
                           capture_output=True, text=True)
        leaked_search += text in r.stdout
    terms = index_terms(dbdir)
    leaked_terms = None
    if terms is not None:
        leaked_terms = 0
        for g in gold:
            for p in g.get("pii", []):
                cands = identifier_terms(p["text"], p["type"])
                leaked_terms += bool(cands) and all(c in terms for c in cands)
    leaked_any = sum(1 for text in pii if text in export_text or any(text.encode() in b for b in blobs))
    keep = [k for g in gold for k in g.get("keep", [])]
    kept = sum(k in export_text for k in keep)
    out.update({"pii": len(pii), "pii_leaked_export": leaked_export,
                "pii_leaked_db_files": leaked_files, "pii_leaked_search": leaked_search,
                "pii_leaked_index_terms": leaked_terms,
                "pii_recall": round(1 - leaked_any / len(pii), 3) if pii else 1.0,
                "keep": len(keep), "keep_rate": round(kept / len(keep), 3) if keep else 1.0})
    return out


def main():
    if sys.argv[1] == "threads":
        print(json.dumps(threads(*sys.argv[2:6])))
    elif sys.argv[1] == "specialty":
        posts = {p["id"]: p for p in load_jsonl(sys.argv[2])}
        print(json.dumps(tag_scores(posts, load_jsonl(sys.argv[3]), False)))
    elif sys.argv[1] == "tags":
        posts = {p["id"]: p for p in load_jsonl(sys.argv[2])}
        gold = load_jsonl(sys.argv[3])
        out = tag_scores(posts, gold, True)
        with_prof = [g for g in gold if "profession" in g]
        ok = sum(posts.get(g["id"], {}).get("profession") == g["profession"] for g in with_prof)
        out["posts_with_profession"] = len(with_prof)
        out["profession_accuracy_all_posts"] = round(ok / len(with_prof), 3) if with_prof else 0
        confusions = {}
        for g in gold:
            p = posts.get(g["id"], {})
            for axis, ours in (("profession", p.get("profession")),
                               ("nature", p.get("tags", {}).get("nature")),
                               ("primary", p.get("tags", {}).get("primary"))):
                if axis in g and ours != g[axis]:
                    key = f"{axis}: gold {g[axis]} -> {ours}"
                    confusions.setdefault(key, []).append(g["id"])
        out["confusions"] = confusions
        print(json.dumps(out, ensure_ascii=False))
    else:
        sys.exit("usage: score_threads.py threads|specialty|tags ...")


if __name__ == "__main__":
    main()
