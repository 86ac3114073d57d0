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
python3 - "$tmp/r.json" "$floor" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
fields = report["fields"]
passed = failed = 0
for n, line in enumerate(open(sys.argv[2]), 1):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    parts = line.split()
    if len(parts) != 2:
        print("FAIL - %s:%d: want 'FIELD PERCENT', got %r" % (sys.argv[2], n, line))
        failed += 1
        continue
    name, want = parts[0], float(parts[1])
    got = fields.get(name, {}).get("percent")
    if got is None:
        print("FAIL - %s: no such figure in the eval report" % name)
        failed += 1
    elif got < want - 2.0:
        print("FAIL - %s: %.1f %% is more than 2 points below the floor %.1f %%" % (name, got, want))
        failed += 1
    else:
        print("ok - %s: %.1f %% (floor %.1f %%)" % (name, got, want))
        passed += 1
if passed + failed == 0:
    print("FAIL - %s lists no figure" % sys.argv[2])
    failed = 1
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
