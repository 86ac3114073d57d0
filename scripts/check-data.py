#!/usr/bin/env python3
"""Quick format checker for sitrep's dictionaries countries.tsv, actors.tsv and places.tsv.

Checks what docs/dictionaries.md promises: TAB-separated columns named by the
first comment line, `-` for empty optional columns, `|`-separated variants with
no empty phrase, inter codes 1-8, ISO3 codes, coordinate ranges, admin1 names
that exist, and no phrase that means two different entries of one file.
Prints FILE:LINE: problem and exits 1 on any error.  Usage:
    scripts/check-data.py [DATADIR]        (default: data/ next to this script)
"""
import os
import re
import sys
import unicodedata
from collections import defaultdict

COLUMNS = {
    "countries.tsv": ["iso3", "name", "military", "police", "variants"],
    "actors.tsv": ["key", "acled", "inter", "country", "variants"],
    "places.tsv": ["name", "iso3", "admin1", "admin2", "kind", "lat", "lon",
                   "population", "variants"],
}
KINDS = {"admin1", "admin2", "city", "region", "feature"}
ISO3 = re.compile(r"^[A-Z]{3}$")

errors = 0
warnings = 0
# phrases a file declares deliberately ambiguous with a comment line
# "# allow-duplicate: PHRASE" (the coder picks the entry by country context)
allowed = defaultdict(set)


def err(path, line, msg):
    global errors
    errors += 1
    print(f"{path}:{line}: {msg}")


def warn(path, line, msg):
    global warnings
    warnings += 1
    print(f"{path}:{line}: warning: {msg}")


def norm(s):
    """Normalises a phrase the way the matcher does (NFKC, case fold, no marks,
    ASCII quotes and dashes, collapsed whitespace)."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = "".join(c for c in unicodedata.normalize("NFD", s)
                if not unicodedata.combining(c))
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'),
                 ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-")):
        s = s.replace(a, b)
    return " ".join(s.split())


def read_rows(path, name):
    """Yields (line number, fields) for the data lines of one file, after
    checking encoding, the header comment and the column count."""
    want = COLUMNS[name]
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        err(path, 0, f"cannot read: {e.strerror}")
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        err(path, 0, f"not UTF-8 at byte {e.start}; save the file as UTF-8")
        return
    header_seen = False
    for no, line in enumerate(text.split("\n"), 1):
        if line.endswith("\r"):
            err(path, no, "CR line ending; use LF only")
            line = line[:-1]
        if not line.strip():
            continue
        if line.startswith("#"):
            m = re.match(r"^#\s*allow-duplicate:\s*(.+?)\s*$", line)
            if m:
                allowed[name].add(norm(m.group(1)))
            if not header_seen:
                header_seen = True
                cols = [c.strip() for c in line[1:].split("\t")]
                if cols != want:
                    err(path, no, "first comment line must name the columns "
                        + "\\t".join(want) + f", found {cols}")
            continue
        if not header_seen:
            err(path, no, "data before the header comment naming the columns")
            header_seen = True
        fields = line.split("\t")
        if len(fields) != len(want):
            err(path, no, f"{len(fields)} columns, expected {len(want)} "
                f"({' '.join(want)}); separate columns with one TAB")
            continue
        bad = False
        for col, v in zip(want, fields):
            if v == "":
                err(path, no, f"empty column '{col}'; write '-' when it is unknown")
                bad = True
            elif v != v.strip() or "  " in v:
                err(path, no, f"column '{col}' has stray spaces: {v!r}")
        if not bad:
            yield no, fields


def check_variants(path, no, field):
    """Checks one variants column; returns the normalised phrases."""
    out = []
    seen = set()
    for p in field.split("|"):
        if p.strip() == "":
            err(path, no, "empty variant (doubled or trailing '|')")
            continue
        if p != p.strip():
            err(path, no, f"variant {p!r} has leading or trailing spaces")
        n = norm(p)
        if n in seen:
            warn(path, no, f"variant {p!r} repeated in the same entry")
            continue
        seen.add(n)
        out.append(n)
    return out


def check_countries(d):
    path = os.path.join(d, "countries.tsv")
    isos = {}
    names = {}
    phrases = defaultdict(list)
    for no, (iso, name, mil, pol, var) in read_rows(path, "countries.tsv"):
        if not ISO3.match(iso):
            err(path, no, f"iso3 {iso!r} is not three upper-case letters")
        if iso in isos:
            err(path, no, f"iso3 {iso} already used on line {isos[iso]}")
        isos[iso] = no
        if name in names:
            err(path, no, f"name {name!r} already used on line {names[name]}")
        names[name] = no
        for col, v in (("military", mil), ("police", pol)):
            if v != "-" and not v.startswith(("Military Forces of", "Police Forces of")):
                warn(path, no, f"{col} {v!r} does not look like an ACLED state-force name")
        for p in check_variants(path, no, var):
            phrases[p].append((no, iso))
    for p, where in phrases.items():
        if len({w[1] for w in where}) > 1 and p not in allowed["countries.tsv"]:
            err(path, where[-1][0], f"variant {p!r} means several countries "
                f"(lines {', '.join(str(w[0]) for w in where)})")
    return set(isos)


def check_actors(d, isos):
    path = os.path.join(d, "actors.tsv")
    keys = {}
    phrases = defaultdict(list)
    for no, (key, acled, inter, country, var) in read_rows(path, "actors.tsv"):
        if not re.match(r"^[a-z0-9][a-z0-9-]*$", key):
            err(path, no, f"key {key!r}: use lower-case letters, digits and '-'")
        if key in keys:
            err(path, no, f"key {key!r} already used on line {keys[key]}")
        keys[key] = no
        for m in re.finditer(r"\{[^}]*\}", acled):
            if m.group(0) != "{country}":
                err(path, no, f"acled template {m.group(0)} unknown; only {{country}} is replaced")
        if not re.match(r"^[1-8]$", inter):
            err(path, no, f"inter {inter!r} must be an integer 1-8")
        if country != "*":
            if not ISO3.match(country):
                err(path, no, f"country {country!r} must be ISO3 or '*'")
            elif isos and country not in isos:
                err(path, no, f"country {country} is not in countries.tsv")
        for p in check_variants(path, no, var):
            phrases[p].append((no, key))
    for p, where in phrases.items():
        if len({w[1] for w in where}) > 1 and p not in allowed["actors.tsv"]:
            err(path, where[-1][0], f"variant {p!r} means several actors "
                f"(lines {', '.join(str(w[0]) for w in where)})")


def check_places(d, isos):
    path = os.path.join(d, "places.tsv")
    rows = list(read_rows(path, "places.tsv"))
    admin1 = defaultdict(set)
    for no, f in rows:
        if f[4] == "admin1":
            admin1[f[1]].add(f[0])
    phrases = defaultdict(list)
    for no, (name, iso, a1, a2, kind, lat, lon, pop, var) in rows:
        if not ISO3.match(iso):
            err(path, no, f"iso3 {iso!r} is not three upper-case letters")
        elif isos and iso not in isos:
            err(path, no, f"iso3 {iso} is not in countries.tsv")
        if kind not in KINDS:
            err(path, no, f"kind {kind!r} must be one of {', '.join(sorted(KINDS))}")
        try:
            la, lo = float(lat), float(lon)
            if not -90 <= la <= 90:
                err(path, no, f"lat {lat} out of range -90..90")
            if not -180 <= lo <= 180:
                err(path, no, f"lon {lon} out of range -180..180")
            if la == 0 and lo == 0:
                err(path, no, "coordinates 0,0; give the real position")
        except ValueError:
            err(path, no, f"lat/lon {lat!r},{lon!r} must be decimal degrees")
        if pop != "-" and not re.match(r"^[0-9]+$", pop):
            err(path, no, f"population {pop!r} must be a plain integer or '-'")
        if kind == "admin1" and a1 != name:
            err(path, no, f"admin1 row: admin1 column {a1!r} should repeat the name {name!r}")
        if kind == "admin2" and (a1 == "-" or a2 != name):
            err(path, no, "admin2 row needs its admin1 and the name in the admin2 column")
        if kind in ("city", "admin2") and a1 == "-":
            warn(path, no, f"{kind} {name!r} has no admin1")
        if a1 != "-" and admin1.get(iso) and a1 not in admin1[iso]:
            err(path, no, f"admin1 {a1!r} is not an admin1 row of {iso} "
                f"(known: {', '.join(sorted(admin1[iso]))})")
        for p in check_variants(path, no, var):
            phrases[p].append((no, iso, kind, name))
    # the same phrase may name places in different countries or of different
    # kinds (Aleppo city and Aleppo governorate); within one country and kind
    # it must name one place
    for p, where in phrases.items():
        if p in allowed["places.tsv"]:
            continue
        groups = defaultdict(set)
        for no, iso, kind, name in where:
            groups[(iso, kind)].add((name, no))
        for (iso, kind), ents in groups.items():
            if len({e[0] for e in ents}) > 1 or len(ents) > 1:
                lines = sorted(e[1] for e in ents)
                err(path, lines[-1], f"variant {p!r} names several {kind} entries in "
                    f"{iso} (lines {', '.join(map(str, lines))})")
    return len(rows)


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data")
    isos = check_countries(d)
    check_actors(d, isos)
    check_places(d, isos)
    print(f"check-data: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
