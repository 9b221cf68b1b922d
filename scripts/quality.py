#!/usr/bin/env python3
"""Quality floors: fail when accuracy on the shared development corpora drops.

Runs the same evaluations as scripts/eval_quotes.py and scripts/eval_ner.py
and compares each figure with a floor a little below what the project measured. These are
regression guards, not the targets of the issues; raise a floor when the figure rises.
Without ../shared/corpora (a user's clone), prints a visible SKIP and exits 0.
"""
import importlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# (corpus, kinds, metric) -> floor, in percent
QUOTE_FLOORS = {
    ("polnear", "direct", "overlap"): 93.0,
    ("polnear", "direct", "end_to_end"): 86.0,
    ("polnear", "all", "overlap"): 50.0,
    ("ggt", "direct", "end_to_end"): 84.0,
    ("ggt", "all", "overlap"): 80.0,
}


def quotes():
    ev = importlib.import_module("eval_quotes")
    out_dir = os.path.join(ev.ROOT, "target", "quality")
    os.makedirs(out_dir, exist_ok=True)
    failures, lines = [], []
    for name, gold in ev.CORPORA:
        if not os.path.exists(gold):
            print(f"quality: SKIP {name}: {gold} is missing")
            continue
        pred = os.path.join(out_dir, f"{name}.pred.jsonl")
        ev.predict(gold, pred)
        for kinds in ("direct", "all"):
            res = ev.score(gold, pred, None if kinds == "all" else kinds, None)
            for metric in ("overlap", "end_to_end"):
                floor = QUOTE_FLOORS.get((name, kinds, metric))
                if floor is None:
                    continue
                got = res[metric]["f1"] * 100
                ok = got >= floor
                lines.append(f"  {name:8} {kinds:7} {metric:11} F1 {got:5.1f}  floor {floor:5.1f}  {'ok' if ok else 'BELOW'}")
                if not ok:
                    failures.append(f"{name} {kinds} {metric} F1 {got:.1f} < {floor}")
    print("quotes:")
    print("\n".join(lines))
    return failures


# CoNLL-2003 dev, whole documents, F1 in percent (measured 92.11 / 92.73).
NER_FLOORS = {"ALL": 91.0, "PER+ORG+LOC": 92.0}


def ner():
    ev = importlib.import_module("eval_ner")
    dev = os.path.join(ev.SHARED, "corpora", "conll2003", "dev.txt")
    if not os.path.exists(dev):
        print(f"quality: SKIP entities: {dev} is missing")
        return []
    tmp = os.path.join(ev.ROOT if hasattr(ev, "ROOT") else os.path.dirname(HERE), "target", "quality")
    os.makedirs(tmp, exist_ok=True)
    vals = ev.summary(ev.score(dev, tmp, "conll-dev"))
    failures = []
    print("entities (CoNLL-2003 dev, whole documents):")
    for key, floor in NER_FLOORS.items():
        got = vals.get(key, 0.0)
        ok = got >= floor
        print(f"  {key:12} F1 {got:5.2f}  floor {floor:5.1f}  {'ok' if ok else 'BELOW'}")
        if not ok:
            failures.append(f"CoNLL dev {key} F1 {got:.2f} < {floor}")
    return failures


def main():
    shared = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpora"))
    if not os.path.isdir(shared):
        print(f"quality: SKIP: {shared} is absent (a user's clone); no corpus to score")
        return 0
    failures = quotes() + ner()
    if failures:
        print("quality: below the floor: " + "; ".join(failures))
        return 1
    print("quality: every figure is at or above its floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
