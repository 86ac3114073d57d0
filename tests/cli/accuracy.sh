#!/usr/bin/env bash
# accuracy.sh SITREP — regression guard for the coder's accuracy: runs
# `sitrep eval` on the ACLED 2020 dev file (../shared/data, read in place) and
# fails when a headline figure falls more than 2 points below the floor
# recorded in tests/cli/accuracy-floor.txt (docs/accuracy.md has the figures).
# Run from the repository root. Ends with "N passed, N failed"; exits 1 on failure.
set -u
if [ $# -lt 1 ]; then
    echo "usage: tests/cli/accuracy.sh /path/to/sitrep" >&2
    exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
floor=tests/cli/accuracy-floor.txt
csv=${SITREP_ACCURACY_CSV:-../shared/data/acled/acled-2020-dev.csv}
[ -x "$bin" ] || { echo "tests/cli/accuracy.sh: $bin is not an executable" >&2; echo "0 passed, 1 failed"; exit 1; }
[ -r "$floor" ] || { echo "tests/cli/accuracy.sh: cannot read $floor; run from the repository root" >&2; echo "0 passed, 1 failed"; exit 1; }
[ -r "$csv" ] || { echo "tests/cli/accuracy.sh: cannot read $csv; the shared ACLED data must sit next to the repository" >&2; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-accuracy.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export SITREP_DATA=${SITREP_DATA:-$PWD/data}

if ! "$bin" eval --acled "$csv" --worst 0 --report "$tmp/r.json" >"$tmp/out" 2>"$tmp/err"; then
    echo "FAIL - sitrep eval exited with an error: $(cat "$tmp/err")"
    echo "0 passed, 1 failed"
    exit 1
fi
# the eval report's percent per field, checked against the floor
python3 -c 'import json, sys; json.dump({k: v["percent"] for k, v in json.load(open(sys.argv[1]))["fields"].items() if isinstance(v, dict) and "percent" in v}, open(sys.argv[2], "w"))' "$tmp/r.json" "$tmp/figures.json" ||
    { echo "FAIL - cannot read the eval report"; echo "0 passed, 1 failed"; exit 1; }
python3 tests/cli/check-floor.py "$tmp/figures.json" "$floor"
