#!/usr/bin/env bash
# eval.sh SITREP — tests for `sitrep eval`: writes small ACLED-like exports
# (sentences made up for these tests) in the 2020 schema, the 2023 schema and
# an old upper-case schema, runs the evaluation and checks the figures it can
# predict, the JSON report, --limit, --country and the error messages.
# Run from the repository root. Ends with "N passed, N failed"; exits 1 on failure.
set -u
if [ $# -lt 1 ]; then
    echo "usage: tests/cli/eval.sh /path/to/sitrep" >&2
    exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
[ -x "$bin" ] || { echo "tests/cli/eval.sh: $bin is not an executable" >&2; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-eval.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export SITREP_DATA=${SITREP_DATA:-$PWD/data}

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
no() { fail=$((fail + 1)); echo "FAIL - $1"; }
run() {
    "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
}
expect_rc() { # expect_rc WANT DESC
    if [ "$rc" -eq "$1" ]; then ok "$2"; else no "$2: exit $rc, wanted $1; stderr: $err"; fi
}
expect_in() { # expect_in HAYSTACK NEEDLE DESC
    case $1 in *"$2"*) ok "$3" ;; *) no "$3: '$2' not found in: $1" ;; esac
}
# expect_fig LABEL "PCT % (C/T)" DESC: the report line starting with LABEL,
# blanks squeezed, must read "LABEL PCT % (C/T)".
expect_fig() {
    local line
    line=$(printf '%s\n' "$out" | awk -v l="$1 " 'index($0, l) == 1 { print; exit }' | tr -s ' ')
    if [ "$line" = "$1 $2" ]; then ok "$3"; else no "$3: wanted '$1 $2', got '$line'"; fi
}
# json EXPR: evaluates a Python expression over the report in $tmp/r.json (as d).
json() {
    python3 - "$tmp/r.json" "$1" <<'PY' 2>&1
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    print(eval(sys.argv[2]))
except Exception as e:
    print("error: %s" % e)
PY
}

# ---- 2020 schema: six rows, quoted fields with commas, a doubled quote, a
# newline inside quotes, an imputed figure (TST3), a wrong figure (TST1 says
# 4 where the text says three) and a wrong location label (TST6) ----------
cat >"$tmp/a.csv" <<'EOF'
data_id,event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,country,admin1,location,latitude,longitude,notes,fatalities
1,TST1,3-Mar-21,Violence against civilians,Attack,Unidentified Armed Group (Kenya),3,Civilians (Kenya),7,Kenya,Mandera,Mandera,3.9366,41.867,"On 3 March 2021, gunmen killed three civilians in Mandera, Kenya.",4
2,TST2,4-Mar-21,Protests,Protest with intervention,Protesters (Kenya),6,Police Forces of Kenya (2013-),1,Kenya,Nairobi,Nairobi,-1.2833,36.8167,"On 4 March 2021, hundreds of traders protested in Nairobi, Kenya, chanting ""no more taxes"", and police fired tear gas to disperse them.",0
3,TST3,5-Mar-21,Battles,Armed clash,Al Shabaab,2,Police Forces of Kenya (2013-),1,Kenya,Mandera,Mandera,3.9366,41.867,"On 5 March 2021, Al Shabaab militants attacked a police post in Mandera, Kenya, killing several officers. Fatalities coded as 10.",10
4,TST4,6-03-21,Protests,Peaceful protest,Protesters (Kenya),6,,0,Kenya,Kisumu,Kisumu,-0.1022,34.7617,"On 6 March 2021, hundreds of traders protested peacefully in Kisumu, Kenya.
They demanded lower market fees.",0
5,TST5,7-Mar-21,Violence against civilians,Attack,Unidentified Armed Group (Somalia),3,Civilians (Somalia),7,Somalia,Banadir,Mogadishu,2.0371,45.3438,"On 7 March 2021, gunmen killed two civilians in Mogadishu, Somalia.",2
6,TST6,8-Mar-21,Battles,Armed clash,Military Forces of Kenya (2013-),1,Al Shabaab,2,Kenya,Lamu,Witu,-2.2717,40.902,"On 8 March 2021, Kenyan soldiers clashed with Al Shabaab militants in Lamu, Kenya, in what the army called ""a clean-up operation"".",0
EOF

run "$bin" eval --acled "$tmp/a.csv" --report "$tmp/r.json" --worst 5
expect_rc 0 "eval on a 2020-schema export exits 0"
expect_in "$out" "6 rows coded" "all six rows are coded (newline inside quotes kept in one row)"
expect_fig "detected" "100.0 % (6/6)" "detected 6/6"
expect_fig "event_type" "100.0 % (6/6)" "event_type 6/6"
expect_fig "sub_event_type" "100.0 % (6/6)" "sub_event_type 6/6"
expect_fig "inter pair" "100.0 % (6/6)" "inter pair 6/6 (empty inter2 = none)"
expect_fig "actor1" "100.0 % (6/6)" "actor1 6/6"
expect_fig "location" "83.3 % (5/6)" "location 5/6 (TST6 labelled Witu)"
expect_fig "event_date" "100.0 % (6/6)" "event_date read from the text, not the publication date"
expect_fig "fatalities (exact)" "80.0 % (4/5)" "fatalities 4/5: imputed row left out, TST1 wrong"
expect_fig "fatalities (deaths>0)" "50.0 % (1/2)" "fatalities on rows with deaths 1/2"
expect_fig "point <=10 km (all)" "100.0 % (6/6)" "points within 10 km"
expect_in "$out" "TST1 (line 2, 1 wrong)" "worst rows list TST1"
expect_in "$out" "fatalities      want 4  got 3" "worst row shows want/got for fatalities"
expect_in "$out" "location        want Witu  got Lamu" "worst row shows want/got for location"
expect_in "$out" 'called "a clean-up operation".' "doubled quote read as one quote"
[ "$(json "d['fields']['detected']['total']")" = 6 ] && ok "json: detected total 6" || no "json: detected total: $(json "d['fields']['detected']")"
[ "$(json "(d['fields']['fatalities']['correct'], d['fields']['fatalities']['total'])")" = "(4, 5)" ] &&
    ok "json: fatalities 4 of 5" || no "json: fatalities: $(json "d['fields']['fatalities']")"
[ "$(json "sum(map(sum, d['confusion']['matrix']))")" = 6 ] && ok "json: confusion matrix holds the six rows" ||
    no "json: confusion matrix: $(json "d['confusion']")"
[ "$(json "[w['id'] for w in d['worst']]")" = "['TST1', 'TST6']" ] && ok "json: worst rows TST1, TST6" ||
    no "json: worst rows: $(json "d['worst']")"
[ "$(json "d['sub_event_type_macro_f1']")" = 1.0 ] && ok "json: macro-F1 1.0" || no "json: macro-F1: $(json "d['sub_event_type_macro_f1']")"

run "$bin" eval --acled "$tmp/a.csv" --limit 2
expect_fig "detected" "100.0 % (2/2)" "--limit 2 evaluates two rows"
run "$bin" eval --acled "$tmp/a.csv" --country somalia --worst 0
expect_in "$out" "1 rows coded" "--country keeps the Somali row only"
expect_fig "country" "100.0 % (1/1)" "--country: country 1/1"
case $out in *worst-coded*) no "--worst 0 still lists rows" ;; *) ok "--worst 0 lists no rows" ;; esac

# ---- 2023 schema: no actor2/inter2, inter names as text, interaction pair --
cat >"$tmp/b.csv" <<'EOF'
event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
NEW1,4-Mar-21,2021,1,Demonstrations,Protests,Protest with intervention,Protesters (Kenya),,Protesters,State forces-Protesters,,404,Eastern Africa,Kenya,Nairobi,Nairobi,,Nairobi,-1.2833,36.8167,1,Test,National,"On 4 March 2021, hundreds of traders protested in Nairobi, Kenya, chanting ""no more taxes"", and police fired tear gas to disperse them.",0,,1
NEW2,6-Mar-21,2021,1,Demonstrations,Protests,Peaceful protest,Protesters (Kenya),,Protesters,Protesters only,,404,Eastern Africa,Kenya,Kisumu,Kisumu,,Kisumu,-0.1022,34.7617,1,Test,National,"On 6 March 2021, hundreds of traders protested peacefully in Kisumu, Kenya.",0,,1
NEW3,3-Mar-21,2021,1,Political violence,Violence against civilians,Attack,Unidentified Armed Group (Kenya),,Political militia,Political militia-Civilians,Civilian targeting,404,Eastern Africa,Kenya,Mandera,Mandera,,Mandera,3.9366,41.867,1,Test,National,"On 3 March 2021, gunmen killed three civilians in Mandera, Kenya.",3,,1
EOF
run "$bin" eval --acled "$tmp/b.csv"
expect_rc 0 "eval on a 2023-schema export exits 0"
expect_fig "inter pair" "100.0 % (3/3)" "2023 schema: inter pair from inter1 names and interaction"
expect_fig "fatalities (exact)" "100.0 % (3/3)" "2023 schema: fatalities 3/3"

# ---- old upper-case schema, day/month/year with slashes ------------------
cat >"$tmp/c.csv" <<'EOF'
GWNO,EVENT_ID_CNTY,EVENT_DATE,YEAR,EVENT_TYPE,SUB_EVENT_TYPE,ACTOR1,INTER1,ACTOR2,INTER2,COUNTRY,ADMIN1,LOCATION,LATITUDE,LONGITUDE,NOTES,FATALITIES
501,OLD1,07/03/2021,2021,Violence against civilians,Attack,Unidentified Armed Group (Somalia),3,Civilians (Somalia),7,Somalia,Banadir,Mogadishu,2.0371,45.3438,"On 7 March 2021, gunmen killed two civilians in Mogadishu, Somalia.",2
501,OLD2,08/03/2021,2021,Battles,Armed clash,Military Forces of Kenya (2013-),1,Al Shabaab,2,Kenya,Lamu,Lamu,-2.2717,40.902,"On 8 March 2021, Kenyan soldiers clashed with Al Shabaab militants in Lamu, Kenya.",0
EOF
run "$bin" eval --acled "$tmp/c.csv"
expect_rc 0 "eval on an upper-case export exits 0"
expect_fig "event_date" "100.0 % (2/2)" "upper-case headers and dd/mm/yyyy dates"
expect_fig "event_type" "100.0 % (2/2)" "upper-case schema: event_type 2/2"

# ---- errors -----------------------------------------------------------------
printf 'event_id_cnty,event_date,text\nX1,3-Mar-21,Something happened.\n' >"$tmp/nonotes.csv"
run "$bin" eval --acled "$tmp/nonotes.csv"
expect_rc 1 "a CSV without notes fails"
expect_in "$err" "no column named notes; is this an ACLED export?" "and says which column is missing"
run "$bin" eval --acled "$tmp/missing.csv"
expect_rc 1 "a missing file fails"
expect_in "$err" "missing.csv" "and names the file"
run "$bin" eval
expect_rc 2 "eval without --acled is a usage error"
{
    head -2 "$tmp/a.csv"
    printf '9,BAD1,5-Mar-21,Battles,Armed clash,X,1,,0,Kenya,Lamu,Lamu,1,1,"a quoted field"then text,0\n'
    printf '10,BAD2,31-Feb-21,Battles,Armed clash,X,1,,0,Kenya,Lamu,Lamu,1,1,"On 5 March 2021, nothing.",0\n'
    sed -n 6,7p "$tmp/a.csv"
} >"$tmp/bad.csv"
run "$bin" eval --acled "$tmp/bad.csv"
expect_rc 1 "malformed rows make the exit status 1"
expect_in "$err" "bad.csv:3: " "the malformed row is reported with its line"
expect_in "$err" "bad.csv:4: event_date '31-Feb-21' is not a date" "an impossible date is reported"
expect_in "$out" "2 rows coded" "the good rows around them are still coded"

# the outlet: only with --source does the row's source column reach the coder
cat >"$tmp/src.csv" <<'EOF2'
event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,country,admin1,location,latitude,longitude,source,notes,fatalities
SRC1,9-Mar-21,Violence against civilians,Attack,Unidentified Armed Group (Kenya),3,Kenya,Nairobi,Nairobi,-1.2833,36.8167,Daily Nation (Kenya),"On 9 March 2021, gunmen shot dead two traders at a market, police said.",2
EOF2
run "$bin" eval --acled "$tmp/src.csv"
expect_fig "country" "0.0 % (0/1)" "without --source a note naming no place gets no country"
run "$bin" eval --acled "$tmp/src.csv" --source
expect_fig "country" "100.0 % (1/1)" "with --source the outlet (Daily Nation (Kenya)) gives the country"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
