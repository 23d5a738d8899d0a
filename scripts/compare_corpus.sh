#!/usr/bin/env bash
# Does a change alter extraction? Extract the whole corpus with this checkout and compare the
# records (sorted, without database ids) with a JSON Lines file written before the change:
#
#   git stash / git checkout OLD; bash scripts/compare_corpus.sh --save before.jsonl
#   git checkout NEW;            bash scripts/compare_corpus.sh before.jsonl
#
# SHARED (default ../shared) holds the corpus. Prints IDENTICAL or the differing lines.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/python -m warlog.cli extract "$shared/corpus" --db "$tmp/c.db" --out "$tmp/c.jsonl" \
  --quiet --workers 2 2>"$tmp/err" || true
norm() {
  python3 -c 'import json, sys
rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line); r.pop("id", None); rows.append(json.dumps(r, sort_keys=True))
print("\n".join(sorted(rows)))' "$1"
}
if [ "${1:-}" = "--save" ]; then
  norm "$tmp/c.jsonl" > "$2"; echo "saved $(wc -l < "$2") records to $2"; exit 0
fi
norm "$1" > "$tmp/a"
norm "$tmp/c.jsonl" > "$tmp/b"
echo "before: $(wc -l < "$tmp/a") records; now: $(wc -l < "$tmp/b") records"
if cmp -s "$tmp/a" "$tmp/b"; then echo IDENTICAL; else diff "$tmp/a" "$tmp/b" | head -40; exit 1; fi
