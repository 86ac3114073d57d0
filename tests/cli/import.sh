#!/usr/bin/env bash
# import.sh SITREP — tests for `sitrep import` and `sitrep compare`: small
# ACLED-like exports in the 2020, 2023 and old upper-case schemas and a UCDP
# GED file (rows and notes made up for these tests), news reports written for
# them, then found / missed / only-in-news; re-import is a no-op, bad rows are
# reported with their line, reference events stay out of events and report.
# Also imports ../shared/data/acled/acled-kenya.csv when present and checks
# the row count. Run from the repository root. Ends with "N passed, N failed".
set -u
if [ $# -lt 1 ]; then
    echo "usage: tests/cli/import.sh /path/to/sitrep" >&2
    exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
[ -x "$bin" ] || { echo "tests/cli/import.sh: $bin is not an executable" >&2; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-import.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export SITREP_DATA=${SITREP_DATA:-$PWD/data}

pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
run() {
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
}
expect_rc() { if [ "$rc" -eq "$1" ]; then ok; else no "$2: exit $rc, wanted $1; stderr: $err"; fi; }
expect_in() { case $1 in *"$2"*) ok ;; *) no "$3: '$2' not found in: $1" ;; esac; }
sql() {
    python3 - "$1" "$2" <<'PY' 2>&1
import sqlite3, sys
c = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
print(c.execute(sys.argv[2]).fetchone()[0])
PY
}
py() {
    local r
    r=$(python3 - "$@" 2>&1)
    if [ "$r" = ok ]; then ok; else no "$r"; fi
}

# ---- reference files ----------------------------------------------------------
cat >"$tmp/acled2020.csv" <<'EOF'
data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3
9001,404,KEN9001,9001,6-Mar-21,2021,1,Battles,Armed clash,Al Shabaab,,2,Police Forces of Kenya (2013-),,1,12,Eastern Africa,Kenya,Mandera,Mandera East,,Mandera,3.9366,41.8670,1,Test Wire,National,"Made-up row: militants attacked a police post, two officers killed.",2,1618000000,KEN
9002,404,KEN9002,9002,10-Mar-21,2021,1,Riots,Mob violence,Rioters (Kenya),,5,Civilians (Kenya),,7,57,Eastern Africa,Kenya,Nairobi,Starehe,,Nairobi,-1.2833,36.8167,1,Test Wire,National,"Made-up row, with ""quotes"" and a
second line in the notes.",0,1618000000,KEN
9003,404,KEN9003,9003,31-Feb-21,2021,1,Riots,Mob violence,Rioters (Kenya),,5,,,0,50,Eastern Africa,Kenya,Nairobi,Starehe,,Nairobi,-1.2833,36.8167,1,Test Wire,National,Made-up row with an impossible date.,0,1618000000,KEN
EOF
cat >"$tmp/acled2023.csv" <<'EOF'
event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
SOM9001,8 March 2021,2021,1,Political violence,Battles,Armed clash,Military Forces of Somalia (2017-),,State forces,State forces-Rebel group,,706,Eastern Africa,Somalia,Lower Shabelle,Afgooye,,Afgooye,2.1414,45.1210,1,Test Wire,National,Made-up row: army and militants clash.,4,,1618000000
EOF
cat >"$tmp/acled-old.csv" <<'EOF'
GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,LONGITUDE,GEO_PRECISION,SOURCE,NOTES,FATALITIES
475,NGA9001,9001,12/03/2021,2021,1,Battle-No change of territory,Military Forces of Nigeria (2015-),,1,Islamic State (West Africa),,2,12,Nigeria,Borno,Maiduguri,,Maiduguri,11.8464,13.1603,1,Test Wire,Made-up row: troops repel an attack.,6
EOF
cat >"$tmp/ged.csv" <<'EOF'
id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob
990001,KEN-2021-1-1,2021,1,Clear,3,1,1,Al-Shabaab - Civilians,1,1,Al-Shabaab - Civilians,1,1,Al-Shabaab,1,1,Civilians,1,made-up,Test Wire,2021-03-16,Made-up headline,,1,Mpeketoni town,,Lamu county,,-2.3900,40.7000,POINT (40.7 -2.39),1,Kenya,501,Africa,1,1,2021-03-15 00:00:00.000,2021-03-15 00:00:00.000,0,0,3,0,3,4,3,,
EOF

# ---- news -----------------------------------------------------------------------
mk() { printf '%s\n%s\nSource: %s\n\n%s\n' "$2" "$3" "$4" "$5" >"$tmp/$1.txt"; }
mk r1 "Police post attacked in Mandera" "7 March 2021" "Nation Wire" \
    "Al-Shabaab gunmen attacked a police post in Mandera, Kenya, on Saturday, killing two police officers, the county commander said."
mk r6 "Two officers die in Mandera raid" "7 March 2021" "Horn Wire" \
    "Two Kenyan police officers were killed on Saturday when al-Shabaab militants stormed a police post in Mandera, officials said."
mk r2 "Army and al-Shabaab clash near Afgooye" "9 March 2021" "Horn Wire" \
    "Somali soldiers clashed with al-Shabaab fighters near Afgooye in Lower Shabelle on Monday, killing four militants, the army said."
mk r3 "Fighting in Borno" "13 March 2021" "Lake Chad Dispatch" \
    "Troops fought ISWAP fighters who attacked Maiduguri in Borno State on Friday, killing six insurgents, the army said."
mk r4 "Villagers killed in Lamu" "16 March 2021" "Coast Wire" \
    "Al-Shabaab militants killed three villagers in Mpeketoni, Lamu County, on Monday, police said."
mk r5 "Traders protest in Kisumu" "12 March 2021" "Lake Wire" \
    "Hundreds of traders protested in Kisumu on Thursday against new market fees, marching peacefully to the county offices."

db=$tmp/c.db
run "$bin" ingest --db "$db" "$tmp"/r*.txt
expect_rc 0 "ingesting the news"
news_events=$(sql "$db" "select count(*) from events")

# ---- import ---------------------------------------------------------------------
run "$bin" import --db "$db" --acled "$tmp/acled2020.csv" --acled "$tmp/acled2023.csv" --acled "$tmp/acled-old.csv" --ucdp "$tmp/ged.csv"
expect_rc 1 "import with one bad row exits 1"
expect_in "$err" "acled2020.csv:5: event_date '31-Feb-21' is not a date" "the bad row is named with its line"
expect_in "$err" "imported 5 reference events from 4 files" "import summary"
[ "$(sql "$db" "select count(*) from events where origin = 'acled'")" = 4 ] && ok || no "4 ACLED events stored"
[ "$(sql "$db" "select count(*) from events where origin = 'ucdp'")" = 1 ] && ok || no "1 UCDP event stored"
[ "$(sql "$db" "select count(*) from events where origin = 'news'")" = "$news_events" ] && ok || no "news events keep origin news"
[ "$(sql "$db" "select event_date || ' ' || inter1 || ' ' || fatalities from events where event_id = 'acled:SOM9001'")" = "2021-03-08 1 4" ] \
    && ok || no "2023 schema: date, inter name and fatalities read"
[ "$(sql "$db" "select event_type || '|' || admin1 from events where event_id = 'acled:NGA9001'")" = "Battle-No change of territory|Borno" ] \
    && ok || no "old upper-case schema read"
[ "$(sql "$db" "select substr(notes, 1, 30) from events where event_id = 'acled:KEN9002'")" = 'Made-up row, with "quotes" and' ] \
    && ok || no "quoted notes over two lines read"
[ "$(sql "$db" "select event_type || '|' || date_start || '|' || fatalities_high || '|' || admin1 from events where event_id = 'ucdp:990001'")" = \
    "Violence against civilians|2021-03-15|4|Lamu county" ] && ok || no "UCDP row mapped"

run "$bin" import --db "$db" --acled "$tmp/acled2023.csv"
expect_rc 0 "re-import"
expect_in "$err" "already imported; nothing added" "re-import is a no-op"
[ "$(sql "$db" "select count(*) from events where origin <> 'news'")" = 5 ] && ok || no "nothing added on re-import"
run "$bin" import --db "$db" --acled "$tmp/ged.csv"
expect_rc 1 "UCDP file given as ACLED"
expect_in "$err" "import it with --ucdp" "wrong flag message"
run "$bin" import --db "$db"
expect_in "$err" "no file given" "import without a file"

# reference events stay out of the news listings
run "$bin" events --db "$db" --format csv
[ "$(($(printf '%s\n' "$out" | wc -l) - 1))" = "$news_events" ] && ok || no "events lists news events only"

# ---- compare ----------------------------------------------------------------------
run "$bin" compare --db "$db" --since 2021-03-01 --until 2021-03-31 --to json
expect_rc 0 "compare acled"
cp "$tmp/out" "$tmp/acled.json"
py "$tmp/acled.json" acled <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
found = sorted(e['id'] for e in j['found_events'])
missed = sorted(e['id'] for e in j['missed_events'])
only = [e['id'] for e in j['only_in_news_events']]
bad = []
if j['reference_events'] != 4: bad.append(f"reference {j['reference_events']}")
if found != ['acled:KEN9001', 'acled:NGA9001', 'acled:SOM9001']: bad.append(f'found {found}')
if missed != ['acled:KEN9002']: bad.append(f'missed {missed}')
if 'r5-1' not in only: bad.append(f'r5 protest not only-in-news: {only}')
if not any(i.startswith('r4-') for i in only): bad.append('the Lamu attack (UCDP only) should be only in news')
if any(i.startswith('r6-') for i in only): bad.append('r6 repeats a found event: not only-in-news')
if j['news_more_reports_of_found'] < 1: bad.append('no repeated report counted')
if j['found'] + j['missed'] != j['reference_events']: bad.append('counts do not add up')
print('ok' if not bad else '; '.join(bad))
PY
run "$bin" compare --db "$db" --since 2021-03-01 --until 2021-03-31 --reference any --to json
cp "$tmp/out" "$tmp/any.json"
py "$tmp/any.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
found = sorted(e['id'] for e in j['found_events'])
print('ok' if j['reference_events'] == 5 and 'ucdp:990001' in found and len(found) == 4 else f"any: {found}")
PY
run "$bin" compare --db "$db" --since 2021-03-01 --until 2021-03-31 --country Kenya
expect_rc 0 "compare table, one country"
expect_in "$out" "reference events       2   found 1 (50.0 %" "table counts for Kenya"
expect_in "$out" "acled:KEN9002" "table lists the missed event"
run "$bin" compare --db "$db" --since 2021-03-01
expect_in "$err" "--since and --until are required" "compare needs a period"
run "$bin" compare --db "$db" --since 2021-03-01 --until 2021-03-31 --km -3
expect_in "$err" "--km: '-3' is not a distance" "--km message"

# ---- a real export, when the development data is there ---------------------------------
kenya=../shared/data/acled/acled-kenya.csv
if [ -r "$kenya" ]; then
    run "$bin" import --db "$tmp/k.db" --acled "$kenya"
    expect_rc 0 "importing the Kenya export"
    rows=$(python3 -c "import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], newline=''))))" "$kenya")
    [ "$(sql "$tmp/k.db" "select count(*) from events where origin = 'acled'")" = "$rows" ] && ok || no "every Kenya row stored ($rows)"
    [ "$(sql "$tmp/k.db" "select count(*) from events where origin = 'acled' and event_date = ''")" = 0 ] && ok || no "every Kenya row dated"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
