#!/usr/bin/env bash
# dedup.sh SITREP — tests for linking the reports of one incident
# (docs/dedup.md): the illustrative corpus tests/corpus/dedup/ (three outlets
# on one attack, one other attack) gives two incidents, the first with three
# reports and reconciled fatalities; report tallies incidents, not mentions;
# ingesting day by day gives the same incidents as one batch; re-ingesting
# changes nothing; aggregate claims stay out of incidents. Run from the
# repository root. Ends with "N passed, N failed".
set -u
if [ $# -lt 1 ]; then
    echo "usage: tests/cli/dedup.sh /path/to/sitrep" >&2
    exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
[ -x "$bin" ] || { echo "tests/cli/dedup.sh: $bin is not an executable" >&2; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-dedup.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export SITREP_DATA=${SITREP_DATA:-$PWD/data}
corpus=tests/corpus/dedup

pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
eq() { if [ "$1" = "$2" ]; then ok; else no "$3: got '$1', wanted '$2'"; fi; }
sql() {
    python3 - "$1" "$2" <<'PY' 2>&1
import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print("|".join("" if v is None else str(v) for v in c.execute(sys.argv[2]).fetchone()))
PY
}

# one batch
db=$tmp/batch.db
"$bin" ingest --db "$db" $corpus/*.txt >/dev/null 2>"$tmp/err" || no "ingest the corpus: $(cat "$tmp/err")"
eq "$(sql "$db" "select count(*) from events where kind = 'incident'")" 4 "incident mentions stored"
eq "$(sql "$db" "select count(*) from incidents")" 2 "incidents"
eq "$(sql "$db" "select n_reports, n_sources, location from incidents order by n_reports desc limit 1")" "3|3|Monguno" \
    "the Monguno attack has three reports from three outlets"
# reports give 12, 14 and 15: low = highest low (15), best = median (14) raised to the low, high = 15
eq "$(sql "$db" "select fatalities_low, fatalities, fatalities_high from incidents where n_reports = 3")" "15|15|15" \
    "reconciled fatalities of the Monguno attack"
eq "$(sql "$db" "select group_concat(fatalities, ',') from (select e.fatalities from events e join incidents i on i.id = e.incident_id where i.n_reports = 3 order by e.id)")" \
    "12,14,15" "each mention keeps the figure its report gave"
eq "$(sql "$db" "select n_reports, fatalities, location from incidents where n_reports = 1")" "1|7|Damboa" "the other attack"
eq "$(sql "$db" "select count(*) from events where incident_id is null and kind = 'incident'")" 0 "every news incident is linked"

# report tallies incidents: 2, fatalities 15 + 7
out=$("$bin" report --db "$db" --by country --format csv 2>&1)
case $out in *"Nigeria,2,22,22,22,"*) ok ;; *) no "report --by country counts incidents: $out" ;; esac
out=$("$bin" report --db "$db" --by actor --format csv 2>&1)
case $out in *"Boko Haram"*",1,15,15,15,"*) ok ;; *) no "report --by actor: one Boko Haram incident: $out" ;; esac

# the listing
out=$("$bin" events --db "$db" --incidents 2>&1)
case $out in *"3 (3 outlets)"*"2 incidents"*) ok ;; *) no "events --incidents: $out" ;; esac
out=$("$bin" events --db "$db" --incidents --format jsonl 2>&1)
eq "$(printf '%s\n' "$out" | grep -c '"n_reports":3')" 1 "events --incidents --format jsonl"
"$bin" events --db "$db" --incidents --format csv >/dev/null 2>&1 && no "--incidents refuses csv" || ok

# re-ingesting the same files changes nothing
"$bin" ingest --db "$db" $corpus/*.txt >/dev/null 2>&1
eq "$(sql "$db" "select count(*), sum(n_reports) from incidents")" "2|4" "re-ingest is a no-op"

# day by day, one file per run, in the same order: the same incidents
db2=$tmp/daily.db
for f in $corpus/*.txt; do "$bin" ingest --db "$db2" "$f" >/dev/null 2>&1 || no "ingest $f"; done
q="select group_concat(x, ';') from (select event_date || ',' || sub_event_type || ',' || location || ',' || n_reports || ',' || fatalities_low || ',' || fatalities || ',' || fatalities_high as x from incidents order by id)"
eq "$(sql "$db2" "$q")" "$(sql "$db" "$q")" "day by day gives the batch's incidents"

# an aggregate claim is never merged into an incident
cat >"$tmp/agg.txt" <<'TXT'
Borno violence toll for the week
2021-03-12
Source: Sahel Sample Daily

More than 40 people were killed in attacks across Borno State this week, officials said.
TXT
"$bin" ingest --db "$db" "$tmp/agg.txt" >/dev/null 2>&1
eq "$(sql "$db" "select count(*) from events where kind = 'aggregate' and incident_id is not null")" 0 "aggregates stay apart"
eq "$(sql "$db" "select count(*) from incidents")" 2 "still two incidents"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
