#!/usr/bin/env bash
# alerts.sh SITREP — tests for `sitrep alerts` on the escalation corpus
# (tests/corpus/escalation, illustrative reports): every report codes as
# expected.tsv says; after ingesting, alerts name Al Shabaab in Lower
# Shabelle by actor, by admin1 and by the pair, merge repeated reports, stay
# silent on the control series and before the step; formats and option
# errors. Run from the repository root. Ends with "N passed, N failed".
set -u
if [ $# -lt 1 ]; then
    echo "usage: tests/cli/alerts.sh /path/to/sitrep" >&2
    exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
[ -x "$bin" ] || { echo "tests/cli/alerts.sh: $bin is not an executable" >&2; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-alerts.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export SITREP_DATA=${SITREP_DATA:-$PWD/data}
corpus=tests/corpus/escalation

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
expect_not_in() { case $1 in *"$2"*) no "$3: '$2' unexpectedly found" ;; *) ok ;; esac; }
# py SCRIPT ARGS...: runs a python check that prints "ok" or a reason.
py() {
    local r
    r=$(python3 - "$@" 2>&1)
    if [ "$r" = ok ]; then ok; else no "$r"; fi
}

# ---- the corpus codes as expected -----------------------------------------
run "$bin" code "$corpus"/*.txt
expect_rc 0 "coding the corpus"
cp "$tmp/out" "$tmp/coded.jsonl"
py "$corpus/expected.tsv" "$tmp/coded.jsonl" <<'PY'
import json, sys
exp = [l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if not l.startswith('#')]
evs = {}
for l in open(sys.argv[2]):
    e = json.loads(l)
    evs.setdefault(e['doc_id'], []).append(e)
bad = []
for f, date, actor, admin1 in exp:
    got = evs.get(f[:-4], [])
    if not actor:
        if got:
            bad.append(f + ': no event expected')
    elif not any(e['kind'] == 'incident' and e['actor1'] == actor
                 and admin1 in (e['admin1'], e.get('admin1_acled')) and e['event_date'] == date for e in got):
        bad.append(f'{f}: wanted {date} {actor} {admin1}')
if len(exp) < 80:
    bad.append(f'only {len(exp)} reports in expected.tsv')
print('ok' if not bad else f'{len(bad)} reports not coded as expected: ' + '; '.join(bad[:5]))
PY

# admin1 as the store keys it (GeoNames' spelling) for ACLED's spelling in expected.tsv
python3 - "$tmp/coded.jsonl" >"$tmp/names.tsv" <<'PY'
import json, sys
names = {}
for l in open(sys.argv[1]):
    e = json.loads(l)
    names.setdefault(e.get('admin1_acled') or e['admin1'], e['admin1'])
for k, v in names.items():
    print(f'{k}\t{v}')
PY
name() { awk -F'\t' -v k="$1" '$1 == k { print $2; exit }' "$tmp/names.tsv"; }
ls_name=$(name "Lower Shabelle")
[ -n "$ls_name" ] && ok || no "Lower Shabelle is coded"

db=$tmp/e.db
run "$bin" ingest --db "$db" "$corpus"/*.txt
expect_rc 0 "ingesting the corpus"

# ---- by actor: Al Shabaab, mostly in Lower Shabelle; no control ---------------
run "$bin" alerts --db "$db"
expect_rc 0 "alerts by actor"
alert_lines=$(grep '^ALERT' "$tmp/out")
expect_in "$alert_lines" "Al Shabaab" "by actor names Al Shabaab"
expect_in "$alert_lines" "$ls_name" "by actor says where: Lower Shabelle"
[ "$(grep -c '^ALERT' "$tmp/out")" = 1 ] && ok || no "by actor: exactly one alert, got: $alert_lines"
expect_not_in "$out" "Islamic State (West Africa) " "ISWAP is not listed without --all"
expect_in "$out" "window 2023-06-01 to 2023-06-30 (30 days)" "the window ends on the last incident"
expect_in "$out" "lower-shabelle-shabaab" "the events behind the alert are listed"

# ---- by admin1 (CSV) ------------------------------------------------------------
run "$bin" alerts --db "$db" --by admin1 --all --to csv
expect_rc 0 "alerts by admin1 csv"
cp "$tmp/out" "$tmp/admin1.csv"
py "$tmp/admin1.csv" "$tmp/names.tsv" <<'PY'
import csv, sys
rows = {r['series']: r for r in csv.DictReader(open(sys.argv[1]))}
names = dict(l.rstrip('\n').split('\t') for l in open(sys.argv[2]))
want = {names.get(k, k): v for k, v in {'Lower Shabelle': '1', 'Borno': '0', 'Mandera': '0', 'Turkana': '0'}.items()}
bad = [f'{k} flagged={rows.get(k, {}).get("flagged")}, wanted {v}' for k, v in want.items()
       if rows.get(k, {}).get('flagged') != v]
flagged = [k for k, r in rows.items() if r['flagged'] == '1']
if flagged != [names['Lower Shabelle']]:
    bad.append(f'flagged: {flagged}')
r = rows.get(names['Lower Shabelle'], {})
if r and not (float(r['rate_ratio']) > 3 and float(r['p_adjusted']) < 0.01 and int(r['tests']) >= 3):
    bad.append(f'Lower Shabelle: ratio {r["rate_ratio"]} p_adj {r["p_adjusted"]} tests {r["tests"]}')
if r and r['top_other'] != 'Al Shabaab':
    bad.append(f'Lower Shabelle mostly by {r["top_other"]}')
print('ok' if not bad else '; '.join(bad))
PY

# ---- by the pair (JSON): repeated reports counted once, all ids listed ------------
run "$bin" alerts --db "$db" --by actor,admin1 --to json
expect_rc 0 "alerts by actor,admin1 json"
cp "$tmp/out" "$tmp/pair.json"
py "$tmp/pair.json" "$ls_name" "$db" <<'PY'
import json, sqlite3, sys
j = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[3])
a = j['alerts']
bad = []
if [x['series'] for x in a] != ['Al Shabaab | ' + sys.argv[2]]:
    bad.append(f'alerts: {[x["series"] for x in a]}')
else:
    x = a[0]
    # 16 June attacks, 3 told twice: 19 event ids; the window counts the
    # incidents they were linked to (docs/dedup.md: each repeat joins its
    # attack; two Barawe clashes a day apart are one incident too)
    ids = x['event_ids']
    incs = {r[0] for r in db.execute('select incident_id from events where event_id in (%s)'
                                     % ','.join('?' * len(ids)), ids)} if ids else set()
    if x['window_events'] != len(incs) or not 14 <= len(incs) <= 16:
        bad.append(f'window incidents {x["window_events"]}, linked incidents {len(incs)}')
    if len(ids) != 19 or sum(i.split('-')[-2] == 'b' for i in ids) != 3:
        bad.append(f'{len(ids)} event ids: {ids[:4]}...')
    for i in ids:
        if i.split('-')[-2] == 'b':
            orig = i.replace('-b-', '-')
            same = db.execute('select count(distinct incident_id) from events where event_id in (?, ?)',
                              (i, orig)).fetchone()[0]
            if orig not in ids or same != 1:
                bad.append(f'{i} is not linked to the incident of {orig}')
    if not x['p_value'] <= x['p_adjusted'] < j['alpha']:
        bad.append(f'p {x["p_value"]} adj {x["p_adjusted"]}')
if j['until'] != '2023-06-30' or j['window_days'] != 30 or j['baseline_days'] != 90:
    bad.append(f'period {j["until"]} {j["window_days"]} {j["baseline_days"]}')
print('ok' if not bad else '; '.join(bad))
PY

# fatalities follow the attacks
run "$bin" alerts --db "$db" --by actor,admin1 --metric fatalities
expect_rc 0 "alerts on fatalities"
expect_in "$(grep '^ALERT' "$tmp/out")" "Al Shabaab | $ls_name" "fatalities: the escalation"
expect_in "$out" "exact conditional test of fatalities given incidents" "fatalities: the test is named"

# ---- silent before the step, and with a strict floor --------------------------------
run "$bin" alerts --db "$db" --until 2023-05-31 --by actor,admin1
expect_rc 0 "alerts before the step"
expect_in "$out" "no series is significantly above its baseline" "nothing before June"
run "$bin" alerts --db "$db" --min-count 40
expect_in "$out" "no series is significantly above its baseline" "--min-count above the window count silences"
run "$bin" alerts --db "$db" --origin acled
expect_in "$out" "no dated incidents" "no ACLED rows in this store"

# ---- errors ---------------------------------------------------------------------
run "$bin" alerts --help
expect_rc 0 "alerts --help"
expect_in "$out" "usage: sitrep alerts" "--help prints the usage"
run "$bin" alerts --db "$db" --window 3x
expect_rc 1 "bad --window"
expect_in "$err" "--window: '3x' is not a period" "--window message"
run "$bin" alerts --db "$db" --by place
expect_in "$err" "--by: cannot group by 'place'" "--by message"
run "$bin" alerts --db "$db" --until 2023-02-10
expect_rc 1 "baseline shorter than the window"
expect_in "$err" "use a shorter --window" "short baseline message"
run "$bin" alerts --db "$tmp/none.db"
expect_rc 1 "missing store"
expect_in "$err" "no such store" "missing store message"
run "$bin" alerts --db "$db" --alpha 2
expect_in "$err" "--alpha: '2' is not a number between 0 and 1" "--alpha message"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
