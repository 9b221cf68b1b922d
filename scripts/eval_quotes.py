#!/usr/bin/env python3
"""Score the CLI's quotations on the shared quote corpora (PolNeAR, GGT).

USAGE
    python3 scripts/eval_quotes.py [--out DIR] [--errors]

Runs `target/release/annotate` (built if needed, via scripts/cli_runner.py) over
../shared/corpora/polnear/polnear.shared.jsonl and
../shared/corpora/ggt-quotes/ggt.shared.jsonl, writes predictions in the scorer's
format (code-point offsets; `speaker_entity` = the CLI's speakerName) to DIR
(default target/quote-eval), and scores them with ../shared/eval/quote_eval.py,
direct quotes only and all kinds. With --errors, also writes DIR/<corpus>.<kinds>.err.jsonl.
If ../shared/corpora is missing, prints a skip message and exits 0.
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_runner  # noqa: E402

ROOT = cli_runner.ROOT
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
CORPORA = [
    ("polnear", os.path.join(SHARED, "corpora", "polnear", "polnear.shared.jsonl")),
    ("ggt", os.path.join(SHARED, "corpora", "ggt-quotes", "ggt.shared.jsonl")),
]
SCORER = os.path.join(SHARED, "eval", "quote_eval.py")


def predict(gold_path, pred_path):
    records = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    with open(pred_path, "w", encoding="utf-8") as f:
        for rec, res in cli_runner.annotate(records):
            quotes = []
            for q in res["quotes"]:
                quotes.append({
                    "start": q["start"], "end": q["end"], "kind": q["kind"],
                    "speaker": q["speaker"], "cue": q["cue"],
                    "speaker_entity": q.get("speakerName"),
                })
            f.write(json.dumps({"id": rec["id"], "quotes": quotes}, ensure_ascii=False) + "\n")


def score(gold, pred, kinds, errors):
    cmd = [sys.executable, SCORER, gold, pred, "--json", pred + ".score.json", "--quiet"]
    if kinds:
        cmd += ["--kinds", kinds]
    if errors:
        cmd += ["--errors", errors]
    subprocess.run(cmd, check=True)
    with open(pred + ".score.json", encoding="utf-8") as f:
        return json.load(f)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "quote-eval"))
    ap.add_argument("--errors", action="store_true", help="write error files for study")
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(SHARED, "corpora")) or not os.path.exists(SCORER):
        print(f"SKIP: {os.path.join(SHARED, 'corpora')} or the scorer is missing; nothing evaluated.")
        return 0
    os.makedirs(a.out, exist_ok=True)
    print(f"{'corpus':<9}{'kinds':<8}{'P':>7}{'R':>7}{'F1':>7}{'e2e P':>8}{'e2e R':>7}{'e2e F1':>8}"
          f"{'spk acc':>9}")
    for name, gold in CORPORA:
        if not os.path.exists(gold):
            print(f"SKIP: {gold} missing")
            continue
        pred = os.path.join(a.out, f"{name}.pred.jsonl")
        predict(gold, pred)
        for kinds in ("direct", None):
            tag = kinds or "all"
            err = os.path.join(a.out, f"{name}.{tag}.err.jsonl") if a.errors else None
            res = score(gold, pred, kinds, err)
            o, e = res["overlap"], res["end_to_end"]
            print(f"{name:<9}{tag:<8}{o['p']*100:7.1f}{o['r']*100:7.1f}{o['f1']*100:7.1f}"
                  f"{e['p']*100:8.1f}{e['r']*100:7.1f}{e['f1']*100:8.1f}"
                  f"{res['speaker']['acc_any']*100:9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
