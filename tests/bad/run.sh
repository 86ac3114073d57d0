#!/usr/bin/env bash
# tests/bad/run.sh BINARY — bad-input checks against the real sitrep binary.
# Generates its fixtures in a temp dir (empty, binary, invalid UTF-8, a 50 MB
# single line, JSONL with a malformed line, broken HTML, a feed that is not
# XML, a missing file), runs `sitrep code --from FORMAT FILE` on each and
# checks: no crash, the expected exit status, stderr names the file (and the
# line for JSONL). Prints "ok - ..." / "FAIL - ..." per check, then one line
# "N passed, N failed"; exits 1 if any check failed.
set -u
bin=${1:?usage: tests/bad/run.sh /path/to/build/sitrep}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sitrep-bad.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

check() { # check NAME CONDITION-STATUS
    if [ "$2" -eq 0 ]; then echo "ok - $1"; pass=$((pass + 1)); else echo "FAIL - $1"; fail=$((fail + 1)); fi
}

# run NAME FORMAT FILE [TIMEOUT]: runs the binary, sets $rc, $out, $err
run() {
    local name=$1 fmt=$2 file=$3 limit=${4:-20}
    out=$tmp/$name.out err=$tmp/$name.err
    timeout "$limit" "$bin" code --from "$fmt" "$file" >"$out" 2>"$err"
    rc=$?
}

# expect NAME FILE WANT-STATUS...: the standard checks on the last run
expect() {
    local name=$1 file=$2
    shift 2
    local want=" $* "
    if [ "$rc" -eq 124 ]; then
        check "$name: finishes within the time limit (timed out)" 1
    else
        [ "$rc" -lt 128 ] && ! grep -q 'Sanitizer' "$err"
        check "$name: no crash (exit status $rc)" $?
    fi
    [[ "$want" == *" $rc "* ]]
    check "$name: exit status is one of {$*} (got $rc)" $?
    grep -qF -- "$file" "$err"
    check "$name: stderr names the file" $?
}

# ---- fixtures --------------------------------------------------------------
: >"$tmp/empty.txt"
printf '   \n\t\n' >"$tmp/blank.txt"
{ printf '\177ELF\002\001\001\000'; head -c 4096 /dev/zero; } >"$tmp/program.bin"
printf 'Clashes in the north\n\n22 April 2019\n\nFighting was reported in \377\376 the town.\n' >"$tmp/badutf8.txt"
yes 'the convoy moved slowly along the road and nobody said anything at all ' | head -c 52428800 |
    tr -d '\n' >"$tmp/longline.txt"
good1='{"id":"good-1","date":"2019-04-21","text":"Gunmen killed two civilians in Mandera on Saturday."}'
good3='{"id":"good-3","date":"2019-04-22","text":"Gunmen killed two civilians in Mandera on Saturday."}'
printf '%s\n%s\n%s\n' "$good1" '{"id":"bad-2","text":"unterminated' "$good3" >"$tmp/mixed.jsonl"
printf '%s\n%s\n' "$good1" "$good3" >"$tmp/control.jsonl"
printf '<html><body><p>Gunmen killed <b>two <i>civilians</p><div><p>in Mandera<table><tr><td>on Saturday</p></div></b><<<>&bogus; </html></html><p>tail' >"$tmp/broken.html"
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>News & views</title>\n<item><title>x</title>\n</channel>\n' >"$tmp/notxml.rss"

# ---- checks ----------------------------------------------------------------
run empty text "$tmp/empty.txt"
expect "empty file" "$tmp/empty.txt" 1
grep -q 'empty input' "$tmp/empty.err"
check "empty file: stderr says the input is empty" $?

run blank text "$tmp/blank.txt"
expect "whitespace-only file" "$tmp/blank.txt" 1

run binary text "$tmp/program.bin"
expect "binary file" "$tmp/program.bin" 1
grep -q 'binary file' "$tmp/binary.err"
check "binary file: stderr says it is binary" $?

run badutf8 text "$tmp/badutf8.txt"
expect "invalid UTF-8" "$tmp/badutf8.txt" 0 1
grep -q 'invalid UTF-8 at byte' "$tmp/badutf8.err"
check "invalid UTF-8: stderr gives the byte offset" $?

run longline text "$tmp/longline.txt" 150
if [ "$rc" -eq 124 ]; then
    check "50 MB single line: finishes within 150 s, a hang guard, not a speed test (timed out)" 1
else
    [ "$rc" -lt 128 ] && ! grep -q 'Sanitizer' "$tmp/longline.err"
    check "50 MB single line: no crash (exit status $rc)" $?
    [ "$rc" -eq 0 ]
    check "50 MB single line: exit status 0 (got $rc)" $?
fi

run mixed jsonl "$tmp/mixed.jsonl"
expect "JSONL with a malformed line 2 of 3" "$tmp/mixed.jsonl" 1
grep -qF -- "$tmp/mixed.jsonl:2:" "$tmp/mixed.err"
check "JSONL: stderr names line 2 ($tmp/mixed.jsonl:2:)" $?
! grep -qE -- "mixed\.jsonl:(1|3):" "$tmp/mixed.err"
check "JSONL: no complaint about the good lines 1 and 3" $?
run control jsonl "$tmp/control.jsonl"
[ "$rc" -eq 0 ]
check "JSONL control (good lines only): exit status 0 (got $rc)" $?
cmp -s "$tmp/mixed.out" "$tmp/control.out"
check "JSONL: the good lines give the same output as without the bad line" $?
if [ -s "$tmp/control.out" ]; then
    grep -q 'good-1' "$tmp/mixed.out" && grep -q 'good-3' "$tmp/mixed.out"
    check "JSONL: events of lines 1 and 3 were written" $?
fi

run broken html "$tmp/broken.html"
[ "$rc" -lt 128 ] && ! grep -q 'Sanitizer' "$tmp/broken.err"
check "broken HTML: no crash (exit status $rc)" $?
[ "$rc" -eq 0 ]
check "broken HTML: still read, exit status 0 (got $rc)" $?

run notxml rss "$tmp/notxml.rss"
expect "feed that is not XML" "$tmp/notxml.rss" 1
grep -q 'not an XML feed: .* at line [0-9]' "$tmp/notxml.err"
check "feed that is not XML: stderr says so with a line number" $?

run missing text "$tmp/no-such-file.txt"
expect "missing file" "$tmp/no-such-file.txt" 1

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
