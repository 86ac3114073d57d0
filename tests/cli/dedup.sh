#!/usr/bin/env bash
# dedup.sh SITREP — tests for linking the reports of one incident
# (docs/dedup.md): the illustrative corpus tests/corpus/dedup/ (three outlets
# on one attack, one other attack) gives two incidents, the first with three
# reports and reconciled fatalities; report tallies incidents, not mentions;
# ingesting day by day gives the same incidents as one batch; re-ingesting
# changes nothing; aggregate claims stay out of incidents, are linked to the
# incidents they cover in either order of arrival, and report sets them beside
# the incidents (--claims, --by admin2, filters). Run from the
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

# a report vague in both time and place (a week, a whole state) is a summary
# more than an account: it does not join the Monguno incident nor raise its toll
cat >"$tmp/week.txt" <<'TXT'
Borno violence toll for the week
2021-03-12
Source: Sahel Sample Daily

More than 40 people were killed in attacks across Borno State this week, officials said.
TXT
"$bin" ingest --db "$db" "$tmp/week.txt" >/dev/null 2>&1
eq "$(sql "$db" "select n_reports, fatalities_low, fatalities, fatalities_high from incidents where location = 'Monguno'")" \
    "3|15|15|15" "a week-long, state-wide report leaves the Monguno incident alone"
eq "$(sql "$db" "select count(*) from incidents")" 3 "it stands as an incident of its own"

# an aggregate claim is never merged into an incident, and report --claims
# sets it beside the incidents recorded in its period, state and actor
cat >"$tmp/agg.txt" <<'TXT'
Borno toll since March
2021-03-12
Source: Sahel Sample Daily

In total, 60 people have been killed in Boko Haram attacks in Borno State since March 1, officials said.
TXT
"$bin" ingest --db "$db" "$tmp/agg.txt" >/dev/null 2>&1
eq "$(sql "$db" "select count(*), sum(incident_id is null) from events where kind = 'aggregate'")" "1|1" \
    "the claim is stored as an aggregate, linked to no incident"
eq "$(sql "$db" "select count(*) from incidents")" 3 "still three incidents"
out=$("$bin" report --db "$db" --claims 2>&1)
case $out in *"claimed: 60; recorded incidents: 15 in 1 event"*) ok ;; *) no "report --claims: $out" ;; esac
out=$("$bin" report --db "$db" --claims --format csv 2>&1)
case $out in *",60,60,60,1,15,15,15"*) ok ;; *) no "report --claims --format csv: $out" ;; esac
out=$("$bin" report --db "$db" --claims --format json 2>&1)
eq "$(printf '%s' "$out" | python3 -c 'import json,sys; c=json.load(sys.stdin)["claims"][0]; print(c["claimed_best"], c["recorded"]["incidents"], c["recorded"]["fatalities_best"])')" \
    "60 1 15" "report --claims --format json"
# the link is stored (schema 8): the claim covers the Monguno incident, whose
# id JSON lists; a claim ingested before the incidents it covers is linked as
# they arrive, and a deleted incident leaves its claims
mon=$(sql "$db" "select i.id from incidents i where i.fatalities = 15")
eq "$(sql "$db" "select count(*), min(incident) from claim_links")" "1|$mon" "one claim link, to the Monguno incident"
eq "$(printf '%s' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["claims"][0]["recorded"]["incident_ids"])')" \
    "[$mon]" "report --claims --format json lists the incident"
db2=$tmp/claim-first.db
"$bin" ingest --db "$db2" "$tmp/agg.txt" >/dev/null 2>&1
out=$("$bin" report --db "$db2" --claims 2>&1)
case $out in *"claimed: 60; recorded incidents: 0 in 0 events"*) ok ;; *) no "a claim alone: $out" ;; esac
for f in $corpus/*.txt "$tmp"/*.txt; do
    [ "$f" = "$tmp/agg.txt" ] || "$bin" ingest --db "$db2" "$f" >/dev/null 2>&1
done
out=$("$bin" report --db "$db2" --claims 2>&1)
case $out in *"claimed: 60; recorded incidents: 15 in 1 event"*) ok ;; *) no "a claim before its incidents: $out" ;; esac
python3 - "$db2" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA foreign_keys = ON")
c.execute("DELETE FROM documents WHERE id IN (SELECT document_id FROM events e JOIN incidents i ON i.id = e.incident_id WHERE i.fatalities = 15)")
c.commit()
PY
eq "$(sql "$db2" "select count(*) from claim_links")|$(sql "$db2" "select count(*) from events where kind = 'aggregate'")" "0|1" \
    "the incident's reports deleted: the claim stays, unlinked"
# the report's totals: claims apart from incidents (15 + 7 + 41 in 3 incidents)
out=$("$bin" report --db "$db" --by admin1 2>&1)
case $out in *"claimed: 60 (low 60, high 60) in 1 aggregate claim; recorded incidents: 63 (low 63, high 63) in 3 events"*) ok ;;
    *) no "report shows claims beside incidents: $out" ;; esac
out=$("$bin" report --db "$db" --by admin2 --format csv 2>&1)
case $out in *"Damboa,1,7,7,7,0,0,0,0"*) ok ;; *) no "report --by admin2: $out" ;; esac
out=$("$bin" report --db "$db" --by actor --actor "boko haram" --format csv 2>&1)
eq "$(printf '%s\n' "$out" | awk -F, 'NR > 1 { n += $2 } END { print n + 0 }')" 1 "report --actor: one Boko Haram incident"
out=$("$bin" report --db "$db" --by sub_event_type --type "Armed clash" --format csv 2>&1)
eq "$(printf '%s\n' "$out" | tail -n +2)" "Armed clash,1,7,7,7,0,0,0,0" "report --type"
out=$("$bin" report --db "$db" --by month --admin1 "borno state" --format json 2>&1)
eq "$(printf '%s' "$out" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["rows"][0]["key"], j["total"]["incidents"], j["total"]["aggregates"], j["total"]["claimed_best"])')" \
    "2021-03 3 1 60" "report --admin1 --by month --format json"
out=$("$bin" report --db "$db" --admin1 Yobe --format csv 2>&1)
eq "$(printf '%s\n' "$out" | wc -l)" 1 "report --admin1 Yobe: no rows"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
