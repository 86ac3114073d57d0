#!/usr/bin/env bash
# run.sh SITREP — command-line tests for sitrep ingest, events and report:
# help texts, option errors, ingesting twice (the second run adds nothing),
# bad inputs reported but not fatal, listing and tallying in every format.
# Run from the repository root; stores go to a temporary directory. Ends with
# "N passed, N failed" and exits 1 when anything failed.
set -u
if [ $# -lt 1 ]; then
    echo "usage: tests/cli/run.sh /path/to/sitrep" >&2
    exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
[ -x "$bin" ] || { echo "tests/cli/run.sh: $bin is not an executable" >&2; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export SITREP_DATA=${SITREP_DATA:-$PWD/data}

pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
# run CMD...: runs it, keeping stdout in $out, stderr in $err, status in $rc.
run() {
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
}
expect_rc() { # expect_rc WANT DESC
    if [ "$rc" -eq "$1" ]; then ok; else no "$2: exit $rc, wanted $1; stderr: $err"; fi
}
expect_in() { # expect_in HAYSTACK NEEDLE DESC
    case $1 in *"$2"*) ok ;; *) no "$3: '$2' not found in: $1" ;; esac
}
expect_not_in() {
    case $1 in *"$2"*) no "$3: '$2' unexpectedly found in: $1" ;; *) ok ;; esac
}
# sql DB QUERY: prints the single value of a query (python3's sqlite3, as
# scripts/run-tests already needs python3).
sql() {
    python3 - "$1" "$2" <<'PY' 2>&1
import sqlite3, sys
try:
    c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
    print(c.execute(sys.argv[2]).fetchone()[0])
except Exception as e:
    print("error: %s" % e)
PY
}

# ---- input reports (plain sentences written for these tests) ----------
cat >"$tmp/r1.txt" <<'EOF'
Attack in northern Kenya

Gunmen killed three civilians in Mandera, Kenya, on Saturday. Police said the attackers fled towards the border.
EOF
cat >"$tmp/r2.txt" <<'EOF'
Clashes reported in Somalia

Soldiers clashed with al-Shabaab fighters near Afgooye, Somalia, on Monday, killing five militants, the army said.
EOF
cat >"$tmp/r3.txt" <<'EOF'
Market day

Traders in the town reported a quiet market day with good prices for maize.
EOF
db=$tmp/a.db

# ---- help --------------------------------------------------------------
for c in ingest events report; do
    run "$bin" "$c" --help
    expect_rc 0 "$c --help"
    expect_in "$out" "usage: sitrep $c" "$c --help prints its usage"
    expect_in "$out" "--db FILE" "$c --help lists --db"
done

# ---- option errors -----------------------------------------------------
lower_msg() { # the message after "sitrep: " starts in lower case
    local m=${err#sitrep: }
    case $m in [A-Z]*) no "$1: message starts in upper case: $err" ;; *) ok ;; esac
}
run "$bin" events --db "$db" --since 2019-13-01
expect_rc 1 "events bad --since"
expect_in "$err" "--since: '2019-13-01' is not a date; write it as YYYY-MM-DD" "events bad --since message"
lower_msg "events bad --since"
run "$bin" report --db "$db" --until 19-04-01
expect_rc 1 "report bad --until"
expect_in "$err" "--until: '19-04-01' is not a date" "report bad --until message"
run "$bin" report --db "$db" --by colour
expect_rc 1 "report bad --by"
expect_in "$err" "cannot tally by 'colour'" "report bad --by message"
lower_msg "report bad --by"
run "$bin" events --db "$db" --format xml
expect_rc 1 "events bad --format"
expect_in "$err" "unknown format 'xml'" "events bad --format message"
run "$bin" report --db "$db" --format yaml
expect_rc 1 "report bad --format"
run "$bin" events --db "$db" --limit 0
expect_rc 1 "events --limit 0"
expect_in "$err" "--limit: '0' is not a positive number" "events --limit message"
run "$bin" events --db "$db" --kind riot
expect_rc 1 "events bad --kind"
expect_in "$err" "use incident or aggregate" "events bad --kind message"
run "$bin" events --db "$db" --since 2019-05-01 --until 2019-04-01
expect_rc 1 "events reversed period"
run "$bin" events --db "$db" --bogus
expect_rc 1 "events unknown option"
expect_in "$err" "unknown option '--bogus'" "events unknown option message"
run "$bin" events --db "$db" --since
expect_rc 1 "events --since without value"
expect_in "$err" "--since needs a value" "events missing value message"
run "$bin" ingest --db "$db" --batch lots "$tmp/r1.txt"
expect_rc 1 "ingest bad --batch"
expect_in "$err" "--batch: 'lots' is not a positive number" "ingest bad --batch message"
run "$bin" ingest --db "$db" --date 2019/04/22 "$tmp/r1.txt"
expect_rc 1 "ingest bad --date"
expect_in "$err" "--date: '2019/04/22' is not a date" "ingest bad --date message"
run "$bin" ingest --db "$db" --frobnicate "$tmp/r1.txt"
expect_rc 1 "ingest unknown option"
expect_in "$err" "unknown option '--frobnicate'" "ingest unknown option message"
run "$bin" events --db "$tmp/none.db"
expect_rc 1 "events on a missing store"
expect_in "$err" "no such store" "events missing store message"
[ ! -e "$tmp/none.db" ] && ok || no "events created a store it should only read"
run "$bin" report --db "$tmp/none.db"
expect_rc 1 "report on a missing store"
echo "not a database, just text that is long enough to fill a sqlite header" >"$tmp/text.db"
run "$bin" events --db "$tmp/text.db"
expect_rc 1 "events on a file that is not a store"
expect_in "$err" "text.db" "not-a-store message names the file"
[ ! -e "$db" ] && ok || no "a failed option check created the store"

# ---- ingest, twice -----------------------------------------------------
run "$bin" ingest --db "$db" --date 2019-04-22 "$tmp/r1.txt" "$tmp/r2.txt" "$tmp/r3.txt"
expect_rc 0 "first ingest"
expect_in "$err" "ingested 3 documents (0 skipped as already stored)" "first ingest summary"
expect_in "$err" "0 bad inputs" "first ingest has no bad input"
[ "$(sql "$db" 'select count(*) from documents')" = 3 ] && ok || no "store holds 3 documents after the first ingest"
events1=$(sql "$db" 'select count(*) from events')
case $events1 in '' | *[!0-9]*) no "counting stored events: $events1"; events1=0 ;; esac
[ "$(sql "$db" 'pragma user_version')" = 12 ] && ok || no "schema version is 12"

run "$bin" ingest --db "$db" --date 2019-04-22 "$tmp/r1.txt" "$tmp/r2.txt" "$tmp/r3.txt"
expect_rc 0 "second ingest"
expect_in "$err" "ingested 0 documents (3 skipped as already stored), 0 events" "second ingest is a no-op"
[ "$(sql "$db" 'select count(*) from documents')" = 3 ] && ok || no "still 3 documents after the second ingest"
[ "$(sql "$db" 'select count(*) from events')" = "$events1" ] && ok || no "no new events after the second ingest"

# standard input, small batches
run bash -c "cat '$tmp/r1.txt' | '$bin' ingest --db '$tmp/b.db' --date 2019-04-22 --batch 1"
expect_rc 0 "ingest from standard input"
expect_in "$err" "ingested 1 document " "ingest from standard input summary"
run "$bin" ingest --db "$tmp/b.db" --batch 1 --date 2019-04-22 "$tmp/r1.txt" "$tmp/r2.txt" "$tmp/r3.txt"
expect_rc 0 "ingest with --batch 1"
expect_in "$err" "ingested 2 documents (1 skipped as already stored)" "batch ingest skips the stdin copy"

# a missing file is a bad input; the others still go in, exit 1
run "$bin" ingest --db "$tmp/c.db" --date 2019-04-22 "$tmp/r1.txt" "$tmp/missing.txt" "$tmp/r2.txt"
expect_rc 1 "ingest with a missing file"
expect_in "$err" "missing.txt" "missing file is named"
expect_in "$err" "1 bad input" "missing file counted as bad"
expect_in "$err" "ingested 2 documents" "the other files are stored"
[ "$(sql "$tmp/c.db" 'select count(*) from documents')" = 2 ] && ok || no "2 documents stored despite the bad file"

# a JSON Lines file with one broken line
cat >"$tmp/feed.jsonl" <<'EOF'
{"id": "j1", "date": "2019-04-20", "title": "one", "text": "Gunmen killed two farmers in Mandera, Kenya, on Friday."}
{"id": "j2", "date": "2019-04-21", "title": "two", "text": 
{"id": "j3", "date": "2019-04-21", "title": "three", "text": "Police said calm had returned to the town."}
EOF
run "$bin" ingest --db "$tmp/d.db" "$tmp/feed.jsonl"
expect_rc 1 "ingest jsonl with a broken line"
expect_in "$err" "feed.jsonl:2" "broken jsonl line is named with its line number"
expect_in "$err" "ingested 2 documents" "good jsonl lines are stored"

# ---- events ------------------------------------------------------------
run "$bin" events --db "$db"
expect_rc 0 "events table"
expect_in "$out" "date" "events table header"
expect_in "$out" "fatalities" "events table header has fatalities"
expect_in "$out" "$events1 event" "events table counts the stored events"
run "$bin" events --db "$db" --format csv
expect_rc 0 "events csv"
expect_in "$(head -n 1 "$tmp/out")" "event_id_cnty,event_date,year," "events csv header"
run "$bin" events --db "$db" --format jsonl
expect_rc 0 "events jsonl"
if python3 -c '
import json, sys
n = 0
for line in open(sys.argv[1]):
    o = json.loads(line); n += 1
    assert list(o)[0] == "doc_id" and list(o)[-1] == "evidence", list(o)
assert n == int(sys.argv[2]), (n, sys.argv[2])
' "$tmp/out" "$events1"; then ok; else no "events jsonl: every line a JSON event, one per stored event"; fi
run "$bin" events --db "$db" --format geojson
expect_rc 0 "events geojson"
if python3 -c '
import json, sys
g = json.load(open(sys.argv[1]))
assert g["type"] == "FeatureCollection" and len(g["features"]) == int(sys.argv[2])
' "$tmp/out" "$events1"; then ok; else no "events geojson is a FeatureCollection of every event"; fi
run "$bin" events --db "$db" --since 2030-01-01 --format jsonl
expect_rc 0 "events in an empty period"
[ -z "$out" ] && ok || no "events in an empty period print nothing"
run "$bin" events --db "$db" --country ZZZ
expect_rc 0 "events for an unknown country"
expect_in "$out" "0 events" "events for an unknown country prints 0 events"

# ---- report ------------------------------------------------------------
run "$bin" report --db "$db"
expect_rc 0 "report"
expect_in "$out" "store $db" "report names the store"
expect_in "$out" " document" "report gives the number of documents"
expect_in "$out" "total" "report has a total row"
expect_in "$out" "aggregate claims" "report keeps aggregate claims apart"
for by in actor admin1 country week month sub_event_type; do
    run "$bin" report --db "$db" --by "$by"
    expect_rc 0 "report --by $by"
done
run "$bin" report --db "$db" --by country --format csv
expect_rc 0 "report csv"
expect_in "$(head -n 1 "$tmp/out")" "country,incidents,fatalities_low,fatalities_best,fatalities_high,aggregates" "report csv header"
run "$bin" report --db "$db" --format json --since 2019-01-01 --until 2019-12-31
expect_rc 0 "report json"
if python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
assert r["by"] == "actor" and r["since"] == "2019-01-01"
assert r["events"] == sum(x["incidents"] + x["aggregates"] for x in r["rows"])
assert r["total"]["incidents"] == sum(x["incidents"] for x in r["rows"])
' "$tmp/out"; then ok; else no "report json parses and its totals add up"; fi

# ---- coded content: the example sentences give their events -----------
[ "$events1" -ge 2 ] && ok || no "the Kenya and Somalia reports give at least 2 events (got $events1)"
run "$bin" ingest --db "$tmp/e.db" --date 2019-04-22 "$tmp/r1.txt"
expect_in "$err" "ingested 1 document (0 skipped as already stored), 1 event;" "the Kenya report gives one event"
{
    run "$bin" events --db "$db" --country Kenya --format jsonl
    expect_rc 0 "events --country Kenya"
    if python3 -c '
import json, sys
evs = [json.loads(l) for l in open(sys.argv[1])]
assert evs, "no Kenyan event"
assert any(e["fatalities"] == 3 and e["iso3"] == "KEN" for e in evs), evs
' "$tmp/out"; then ok; else no "the Mandera attack is a Kenyan event with 3 fatalities"; fi
    run "$bin" report --db "$db" --by country
    expect_in "$out" "Kenya" "report by country lists Kenya"
    run "$bin" events --db "$db" --until 2019-04-22 --format jsonl
    if python3 -c '
import json, sys
for l in open(sys.argv[1]):
    e = json.loads(l); assert e["event_date"] and e["event_date"] <= "2019-04-22", e
' "$tmp/out"; then ok; else no "events --until keeps dates on or before it"; fi
    [ "$(sql "$db" "select count(*) from events e join documents d on d.id = e.document_id where d.origin like '%r3.txt'")" = 0 ] \
        && ok || no "the market report gives no event"
    run "$bin" events --db "$db" --format jsonl --country ken
    if python3 -c '
import json, sys
evs = [json.loads(l) for l in open(sys.argv[1])]
assert len(evs) == 1, evs
e = evs[0]
assert e["event_date"] == "2019-04-20" and e["admin1_acled"] == "Mandera" and e["kind"] == "incident", e
assert e["sub_event_type"] == "Attack" and e["inter2"] == 7, e
ev = e["evidence"]; assert "sentence" in ev and "trigger" in ev, ev
' "$tmp/out"; then ok; else no "the stored Kenyan event keeps its date (Saturday before 2019-04-22), place, type and evidence"; fi
    run "$bin" events --db "$db" --actor shabaab
    expect_in "$out" "Al Shabaab" "events --actor finds al-Shabaab in actor1 or actor2"
    expect_not_in "$out" "Kenya)" "events --actor leaves out other actors"
    run "$bin" events --db "$db" --kind aggregate --format jsonl
    [ -z "$out" ] && ok || no "the example reports give no aggregate claim"
    run "$bin" report --db "$db" --by country --format json
    if python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
keys = {x["key"]: x for x in r["rows"]}
assert keys["Kenya"]["incidents"] == 1 and keys["Kenya"]["fatalities_best"] == 3, keys
assert keys["Somalia"]["incidents"] >= 1, keys
assert r["total"]["aggregates"] == 0 and r["documents"] == 2, r
' "$tmp/out"; then ok; else no "report by country: Kenya 1 incident / 3 killed, Somalia present, 2 documents"; fi
}

# ---- sitrep place: candidates, scores, the winner and why -------------------
run "$bin" place Homs
expect_rc 0 "place Homs"
expect_in "$out" "* " "place Homs marks a winner"
winner=$(printf '%s\n' "$out" | grep '^\*')
expect_in "$winner" "Homs (city, Homs, Syria)" "Homs alone is the Syrian city"
expect_in "$out" "Al Khums (city" "Homs lists Libya's Al Khums (alternate name Homs) as a candidate"
run "$bin" place Homs --province
winner=$(printf '%s\n' "$out" | grep '^\*')
expect_in "$winner" "(admin1, Syria)" "Homs with --province is the governorate"
expect_in "$out" "a province is meant +6000" "the score says why"
run "$bin" place Paraná
winner=$(printf '%s\n' "$out" | grep '^\*')
expect_in "$winner" "(admin1, Brazil)" "Paraná alone is Brazil's state, not Argentina's city of 250,000"
run "$bin" place Parana --country Argentina
winner=$(printf '%s\n' "$out" | grep '^\*')
expect_in "$winner" "Entre Rios, Argentina" "Parana in an Argentine context is the city"
run "$bin" place "Eastern Province"
winner=$(printf '%s\n' "$out" | grep '^\*')
expect_in "$winner" "(admin1, Saudi Arabia)" "Eastern Province alone is the largest admin1 of that name, not a region of sitrep's own list"
run "$bin" place "Rift Valley"
winner=$(printf '%s\n' "$out" | grep '^\*')
expect_in "$winner" "Kenya" "Rift Valley is Kenya's former province"
run "$bin" place "Deir az-Zour"
expect_rc 0 "a transliteration GeoNames lists"
expect_in "$out" "Deir ez-Zor" "Deir az-Zour is Deir ez-Zor"
run "$bin" place Xqzwv
expect_rc 1 "an unknown name"
expect_in "$err" "no place named 'Xqzwv'" "an unknown name is reported"
run "$bin" place Homs --country Narnia
expect_rc 1 "an unknown country"
expect_in "$err" "unknown country 'Narnia'" "an unknown country is named"
run "$bin" place
expect_rc 1 "place without a name"
# a damaged index is refused with a message saying how to rebuild it
head -c 4096 "$(dirname "$bin")/gazetteer.bin" > "$tmp/gaz.bin"
SITREP_GAZETTEER="$tmp/gaz.bin" run "$bin" place Homs
expect_rc 1 "a truncated gazetteer"
expect_in "$err" "rebuild it" "a truncated gazetteer says how to rebuild it"
SITREP_GAZETTEER="$tmp/none.bin" run "$bin" place Homs
expect_in "$err" "none.bin" "a missing gazetteer is named"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
