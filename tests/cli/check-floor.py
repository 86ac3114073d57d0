#!/usr/bin/env python3
"""check-floor.py FIGURES.json FLOOR.txt — the floor check shared by the
accuracy guards (accuracy.sh, news.sh): FIGURES.json maps each figure's name
to its percent; FLOOR.txt lists 'NAME PERCENT' lines ('#' comments). A figure
more than 2 points below its floor, or a floor line naming no figure, fails.
Prints one line per figure and ends with "N passed, N failed"."""
import json
import sys

figures = json.load(open(sys.argv[1]))
floor = sys.argv[2]
passed = failed = 0
for n, line in enumerate(open(floor), 1):
    line = line.split('#', 1)[0].strip()
    if not line:
        continue
    parts = line.split()
    if len(parts) != 2:
        print("FAIL - %s:%d: want 'NAME PERCENT', got %r" % (floor, n, line))
        failed += 1
        continue
    name, want = parts[0], float(parts[1])
    got = figures.get(name)
    if got is None:
        print('FAIL - %s:%d: %s: no such figure (known: %s)' % (floor, n, name, ', '.join(sorted(figures))))
        failed += 1
    elif got < want - 2.0:
        print('FAIL - %s: %.1f %% is more than 2 points below the floor %.1f %%' % (name, got, want))
        failed += 1
    else:
        print('ok - %s: %.1f %% (floor %.1f %%)' % (name, got, want))
        passed += 1
if passed + failed == 0:
    print('FAIL - %s lists no figure' % floor)
    failed = 1
print('%d passed, %d failed' % (passed, failed))
sys.exit(1 if failed else 0)
