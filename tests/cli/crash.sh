#!/usr/bin/env bash
# crash.sh SITREP — a kill mid-write leaves the store consistent: `sitrep
# ingest` is killed with SIGKILL while it writes a corpus of 1,440 reports
# (the bundled samples, each filed under several copy numbers), then the store
# must pass SQLite's integrity check, hold whole batches only, no event without
# its document, tallies equal to a count of the events; and ingesting the same
# corpus again must give the same store as one uninterrupted run. Run from the
# repository root. Ends with "N passed, N failed".
set -u
if [ $# -lt 1 ]; then
    echo "usage: tests/cli/crash.sh /path/to/sitrep" >&2
    exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
[ -x "$bin" ] || { echo "tests/cli/crash.sh: $bin is not an executable" >&2; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-crash.XXXXXX")
trap 'kill -9 "${pid:-}" 2>/dev/null; rm -rf "$tmp"' EXIT
export SITREP_DATA=${SITREP_DATA:-$PWD/data}

pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
sql() {
    python3 - "$1" "$2" <<'PY' 2>&1
import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True, timeout=10)
print(c.execute(sys.argv[2]).fetchone()[0])
PY
}

# the corpus: every sample report under 60 copy numbers (a different last
# line, so a different text), as JSON Lines
python3 - samples/reports "$tmp/corpus.jsonl" <<'PY' || { echo "FAIL - cannot build the corpus"; echo "0 passed, 1 failed"; exit 1; }
import glob, json, os, re, sys
docs = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], '*.txt'))):
    text = open(path, encoding='utf-8').read()
    m = re.search(r'\d{4}-\d{2}-\d{2}', os.path.basename(path))
    docs.append((os.path.basename(path), m.group(0) if m else '', text))
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    for copy in range(1, 61):
        for name, date, text in docs:
            f.write(json.dumps({'id': f'{name}#{copy}', 'date': date,
                                'text': text.rstrip() + f'\n\n(Copy {copy} of the desk file.)\n'}) + '\n')
PY
ndocs=$(wc -l <"$tmp/corpus.jsonl")
[ "$ndocs" -ge 1000 ] && ok || no "corpus has $ndocs documents, wanted 1000 or more (samples/reports/*.txt missing?)"

# 1. kill -9 once two batches are committed
batch=50
"$bin" ingest --db "$tmp/killed.db" --from jsonl --batch $batch "$tmp/corpus.jsonl" 2>"$tmp/ingest1.err" &
pid=$!
stored=0
for _ in $(seq 1 6000); do
    if [ -e "$tmp/killed.db" ]; then
        stored=$(sql "$tmp/killed.db" "SELECT count(*) FROM documents" 2>/dev/null)
        case $stored in '' | *[!0-9]*) stored=0 ;; esac
        [ "$stored" -ge $((2 * batch)) ] && break
    fi
    kill -0 $pid 2>/dev/null || break
    sleep 0.02
done
if kill -9 $pid 2>/dev/null; then
    wait $pid 2>/dev/null
    ok
else
    no "ingest ended before it could be killed (stored $stored of $ndocs documents): make the corpus larger"
fi
pid=

# 2. the killed store
check=$(sql "$tmp/killed.db" "PRAGMA integrity_check")
[ "$check" = ok ] && ok || no "integrity_check after kill: $check"
n=$(sql "$tmp/killed.db" "SELECT count(*) FROM documents")
if [ "$n" -gt 0 ] && [ "$n" -lt "$ndocs" ] && [ $((n % batch)) -eq 0 ]; then ok; else
    no "after kill the store holds $n documents: wanted whole batches of $batch, fewer than $ndocs"
fi
orphans=$(sql "$tmp/killed.db" "SELECT count(*) FROM events WHERE document_id NOT IN (SELECT id FROM documents)")
[ "$orphans" = 0 ] && ok || no "$orphans events without their document after kill"
ev=$(sql "$tmp/killed.db" "SELECT count(*) FROM events")
[ "$ev" -gt 0 ] && ok || no "no events stored before the kill"
# tallies (kept by the store as it writes) against a count of what is stored
"$bin" report --db "$tmp/killed.db" --by country --format csv >"$tmp/killed-report.csv" 2>"$tmp/err" || no "report on the killed store: $(cat "$tmp/err")"
python3 - "$tmp/killed.db" "$tmp/killed-report.csv" <<'PY' && ok || no "tallies of the killed store disagree with its events"
import csv, sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
want = {}
q = ("SELECT COALESCE(country, ''), count(*) FROM (SELECT country FROM events WHERE kind = 'incident'"
     " AND origin = 'news' AND incident_id IS NULL UNION ALL SELECT country FROM incidents WHERE kind = 'incident'"
     " AND origin = 'news') GROUP BY 1")
for country, n in c.execute(q):
    want[country] = n
rows = list(csv.DictReader(open(sys.argv[2])))
key = next(k for k in rows[0] if k.lower() in ('country', 'key'))
ev = next(k for k in rows[0] if k.lower() in ('events', 'incidents'))
got = {r[key]: int(r[ev]) for r in rows if r[key].lower() not in ('total', '')}
want = {k: v for k, v in want.items() if k}
print(f"killed store: {sum(want.values())} incidents in {len(want)} countries", file=sys.stderr)
if got != want or not want:
    print("report:", sorted(got.items())[:8], "\ncount: ", sorted(want.items())[:8])
    sys.exit(1)
PY

# 3. finishing the killed run gives the store one uninterrupted run gives
"$bin" ingest --db "$tmp/killed.db" --from jsonl --batch $batch "$tmp/corpus.jsonl" 2>"$tmp/ingest2.err" && ok || no "ingest after the kill failed: $(cat "$tmp/ingest2.err")"
"$bin" ingest --db "$tmp/whole.db" --from jsonl --batch $batch "$tmp/corpus.jsonl" 2>"$tmp/ingest3.err" && ok || no "uninterrupted ingest failed: $(cat "$tmp/ingest3.err")"
for by in actor admin1 month sub_event_type; do
    "$bin" report --db "$tmp/killed.db" --by $by --format csv >"$tmp/a.csv" 2>&1
    "$bin" report --db "$tmp/whole.db" --by $by --format csv >"$tmp/b.csv" 2>&1
    if cmp -s "$tmp/a.csv" "$tmp/b.csv" && [ -s "$tmp/a.csv" ]; then ok; else
        no "report --by $by after kill + re-ingest differs from one run: $(diff "$tmp/a.csv" "$tmp/b.csv" | head -5)"
    fi
done
"$bin" events --db "$tmp/killed.db" --format csv >"$tmp/a.csv" 2>&1
"$bin" events --db "$tmp/whole.db" --format csv >"$tmp/b.csv" 2>&1
if cmp -s "$tmp/a.csv" "$tmp/b.csv" && [ -s "$tmp/a.csv" ]; then ok; else
    no "events after kill + re-ingest differ from one run: $(diff "$tmp/a.csv" "$tmp/b.csv" | head -5)"
fi
n=$(sql "$tmp/killed.db" "SELECT count(*) FROM documents")
[ "$n" = "$ndocs" ] && ok || no "after re-ingest the store holds $n documents, wanted $ndocs"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
