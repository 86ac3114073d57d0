#!/usr/bin/env bash
# news.sh SITREP — regression guard for real news prose: codes the 384 FA-KES
# articles on the Syrian war (../shared/data/news, read in place; their only
# labels are the governorate each is about and its publication date) and
# fails when a figure falls more than 2 points below tests/cli/news-floor.txt
# (docs/news.md explains the figures). Run from the repository root. Ends
# with "N passed, N failed"; exits 1 on failure.
set -u
if [ $# -lt 1 ]; then
    echo "usage: tests/cli/news.sh /path/to/sitrep" >&2
    exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
floor=tests/cli/news-floor.txt
csv=${SITREP_NEWS_CSV:-../shared/data/news/fakes-syria-news-dev.csv}
[ -x "$bin" ] || { echo "tests/cli/news.sh: $bin is not an executable" >&2; echo "0 passed, 1 failed"; exit 1; }
[ -r "$floor" ] || { echo "tests/cli/news.sh: cannot read $floor; run from the repository root" >&2; echo "0 passed, 1 failed"; exit 1; }
[ -r "$csv" ] || { echo "tests/cli/news.sh: cannot read $csv; the shared data must sit next to the repository" >&2; echo "0 passed, 1 failed"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-news.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export SITREP_DATA=${SITREP_DATA:-$PWD/data}

# the articles as JSON Lines documents (the CSV's dates are M/D/YYYY)
python3 - "$csv" "$tmp/docs.jsonl" "$tmp/labels.json" <<'PY' || { echo "FAIL - cannot read $csv"; echo "0 passed, 1 failed"; exit 1; }
import csv, datetime, json, sys
labels = {}
with open(sys.argv[1], newline='', encoding='utf-8') as f, open(sys.argv[2], 'w', encoding='utf-8') as out:
    for row in csv.DictReader(f):
        if row['unit_id'] in labels:  # a few articles appear twice
            continue
        date = datetime.datetime.strptime(row['date'].strip(), '%m/%d/%Y').strftime('%Y-%m-%d')
        out.write(json.dumps({'id': row['unit_id'], 'date': date, 'title': row['article_title'],
                              'text': row['article_content'], 'source': row['source']}) + '\n')
        labels[row['unit_id']] = [row['location'].strip().lower(), date]
json.dump(labels, open(sys.argv[3], 'w'))
PY
if ! "$bin" code --from jsonl "$tmp/docs.jsonl" >"$tmp/events.jsonl" 2>"$tmp/err"; then
    echo "FAIL - sitrep code exited with an error: $(head -c 500 "$tmp/err")"
    echo "0 passed, 1 failed"
    exit 1
fi
python3 - "$tmp/labels.json" "$tmp/events.jsonl" "$tmp/figures.json" <<'PY'
import collections, datetime, json, sys
labels = json.load(open(sys.argv[1]))
# the FA-KES governorate labels as GeoNames names sitrep's admin1 (Damascus
# articles cover the city and its countryside)
admin1 = {'aleppo': {'Aleppo'}, 'damascus': {'Damascus Governorate', 'Rif-dimashq'}, 'idlib': {'Idlib'},
          'deir ezzor': {'Deir ez-Zor'}, 'raqqa': {'Raqqa'}, 'homs': {'Homs'}, 'hasakeh': {'Al-Hasakah'},
          'hama': {'Hama'}, 'daraa': {'Daraa'}, 'lattakia': {'Latakia'}, 'quneitra': {'Quneitra'},
          'tartous': {'Tartus'}, 'suwayda': {'Suwayda'}}
events = collections.defaultdict(list)
for line in open(sys.argv[2], encoding='utf-8'):
    e = json.loads(line)
    events[e['doc_id']].append(e)
n = len(labels)
found = modal = anyof = recent = total = incidents = small = 0
for doc, (gov, pub) in labels.items():
    es = events.get(doc, [])
    if not es:
        continue
    found += 1
    want = admin1.get(gov, set())
    c = collections.Counter(e['admin1'] for e in es if e.get('admin1'))
    modal += bool(c) and c.most_common(1)[0][0] in want
    anyof += any(e.get('admin1') in want for e in es)
    p = datetime.date.fromisoformat(pub)
    for e in es:
        total += 1
        if e.get('kind') == 'incident':
            incidents += 1
            small += (e.get('fatalities') or 0) < 1000
        if e.get('event_date'):
            d = datetime.date.fromisoformat(e['event_date'])
            recent += p - datetime.timedelta(days=31) <= d <= p
figures = {
    'articles_with_events': 100.0 * found / n,
    'governorate_most_events': 100.0 * modal / n,
    'governorate_any_event': 100.0 * anyof / n,
    'events_dated_last_month': 100.0 * recent / total if total else 0.0,
    # a war's toll ("more than 300,000 killed") is a claim, never one incident
    'incidents_under_1000_dead': 100.0 * small / incidents if incidents else 0.0,
}
print('# %d articles, %d events' % (n, total))
json.dump(figures, open(sys.argv[3], 'w'))
PY
[ -s "$tmp/figures.json" ] || { echo "FAIL - the figures could not be computed"; echo "0 passed, 1 failed"; exit 1; }
python3 tests/cli/check-floor.py "$tmp/figures.json" "$floor"
