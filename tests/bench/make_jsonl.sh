#!/usr/bin/env bash
# Writes about SIZE_MB megabytes of native JSONL (default 100) to stdout, by repeating the demo
# corpus with fresh ids: input for tests/bench/json_bench.
set -euo pipefail
size_mb=${1:-100}
demo="$(dirname "$0")/../../data/demo"
python3 - "$size_mb" "$demo" <<'PY'
import glob, json, sys
target = int(sys.argv[1]) * 1_000_000
posts = [json.loads(l) for f in sorted(glob.glob(sys.argv[2] + "/*.jsonl")) for l in open(f, encoding="utf-8")]
out, written, round_ = sys.stdout, 0, 0
while written < target:
    for p in posts:
        q = dict(p, id=f"{p['id']}~{round_}")
        if q.get("reply_to"):
            q["reply_to"] = f"{q['reply_to']}~{round_}"
        line = json.dumps(q, ensure_ascii=False) + "\n"
        out.write(line)
        written += len(line.encode())
    round_ += 1
PY
