#!/usr/bin/env python3
"""Score the native CLI's entities on CoNLL-2003 dev (whole documents), on its sports and
non-sports documents, and on the GUM news+interview silver NER split.

    python3 scripts/eval_ner.py [--corpora DIR] [--gum-split dev|test] [--keep DIR]

Runs the shared scripts exactly as documented in ../shared/eval/README.md:
conll_to_jsonl.py GOLD --level doc, the `annotate` CLI (through scripts/cli_runner.py,
UTF-16 -> code points), then ner_eval.py GOLD PRED --level doc --label-map MAP with
person->PER, organization->ORG, place->LOC, misc->MISC and date/time/money/percent dropped.
A document counts as sports when its first line names a sport (SOCCER, CRICKET, ...).
If the corpora are absent, prints a skip message and exits 0.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import cli_runner  # noqa: E402

SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
LABEL_MAP = {"person": "PER", "organization": "ORG", "place": "LOC", "misc": "MISC",
             "date": None, "time": None, "money": None, "percent": None}
SPORTS = ("SOCCER", "CRICKET", "TENNIS", "BASKETBALL", "GOLF", "BASEBALL", "RUGBY",
          "CYCLING", "ATHLETICS", "MOTOR RACING", "MOTORCYCLING", "BOXING", "HOCKEY",
          "NFL", "NHL", "NBA", "AMERICAN FOOTBALL", "SKIING", "SWIMMING", "ROWING",
          "HORSE RACING", "SQUASH", "BADMINTON", "VOLLEYBALL", "HANDBALL", "YACHTING",
          "SAILING", "FORMULA ONE", "OLYMPICS", "SPORT", "CHESS", "TABLE TENNIS",
          "TRIATHLON", "ALPINE", "JUDO", "WRESTLING", "SNOOKER", "DARTS", "POLO")


def split_docs(path):
    """Returns the file as a list of document blocks (each with its -DOCSTART- line)."""
    docs, cur = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("-DOCSTART-") and cur:
                docs.append(cur)
                cur = []
            cur.append(line)
    if cur:
        docs.append(cur)
    return docs


def first_line(doc):
    """The words of the document's first sentence."""
    words = []
    for line in doc:
        if line.startswith("-DOCSTART-"):
            continue
        if not line.strip():
            if words:
                break
            continue
        words.append(line.split()[0])
    return " ".join(words)


def is_sports(doc):
    head = first_line(doc).upper()
    return any(s in head for s in SPORTS)


def score(gold, tmp, name):
    """Runs the pipeline on one CoNLL file; returns the scorer's report text."""
    inp = os.path.join(tmp, name + ".in.jsonl")
    pred = os.path.join(tmp, name + ".pred.jsonl")
    mapf = os.path.join(tmp, "label-map.json")
    with open(mapf, "w") as f:
        json.dump(LABEL_MAP, f)
    ev = os.path.join(SHARED, "eval")
    subprocess.run([sys.executable, os.path.join(ev, "conll_to_jsonl.py"), gold, "--level", "doc",
                    "-o", inp], check=True)
    recs = [json.loads(l) for l in open(inp, encoding="utf-8")]
    with open(pred, "w", encoding="utf-8") as f:
        for rec, res in cli_runner.annotate(recs):
            ents = [{"start": e["start"], "end": e["end"], "label": e["label"]} for e in res["entities"]]
            f.write(json.dumps({"id": rec["id"], "text": rec["text"], "entities": ents}) + "\n")
    out = subprocess.run([sys.executable, os.path.join(ev, "ner_eval.py"), gold, pred, "--level", "doc",
                          "--label-map", mapf], check=True, capture_output=True, text=True).stdout
    return out


def summary(report):
    """The F1 column of the ALL and PER+ORG+LOC lines."""
    vals = {}
    for line in report.splitlines():
        parts = line.split()
        if parts and parts[0] in ("PER", "ORG", "LOC", "MISC", "ALL", "PER+ORG+LOC"):
            vals[parts[0]] = float(parts[3])
    return vals


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", default=os.path.join(SHARED, "corpora"))
    ap.add_argument("--gum-split", default="dev", choices=["dev", "test"])
    ap.add_argument("--keep", help="keep the intermediate files in this folder")
    args = ap.parse_args()
    dev = os.path.join(args.corpora, "conll2003", "dev.txt")
    gum = os.path.join(args.corpora, "gum", "ner_silver", "news_interview", args.gum_split + ".txt")
    if not os.path.exists(dev) or not os.path.exists(os.path.join(SHARED, "eval", "ner_eval.py")):
        print(f"SKIP: no corpora at {args.corpora} (or no ../shared/eval): nothing to score")
        return 0
    tmp = args.keep or tempfile.mkdtemp(prefix="eval_ner_")
    os.makedirs(tmp, exist_ok=True)
    print("== CoNLL-2003 dev, whole documents ==")
    print(score(dev, tmp, "dev"))
    docs = split_docs(dev)
    rows = []
    for name, keep in (("sports", True), ("nonsports", False)):
        sub = [d for d in docs if is_sports(d) == keep]
        path = os.path.join(tmp, f"dev-{name}.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(l for d in sub for l in d)
        rep = score(path, tmp, name)
        print(f"== CoNLL-2003 dev, {name} ({len(sub)} docs) ==")
        print(rep)
        rows.append((name, summary(rep)))
    if os.path.exists(gum):
        print(f"== GUM news+interview silver, {args.gum_split} ==")
        print(score(gum, tmp, "gum-" + args.gum_split))
    else:
        print(f"SKIP: no GUM silver split at {gum}")
    for name, vals in rows:
        print(f"{name}: ALL F1 {vals.get('ALL', 0):.2f}, PER+ORG+LOC F1 {vals.get('PER+ORG+LOC', 0):.2f}")
    if not args.keep:
        for f in os.listdir(tmp):
            os.remove(os.path.join(tmp, f))
        os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
