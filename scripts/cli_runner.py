#!/usr/bin/env python3
"""Run the native `annotate` CLI over records and convert its offsets for the scorers.

The CLI speaks UTF-16 code units (JavaScript indices); the shared scorers in
../shared/eval want code points (Python str indices). This module builds the release
binary if needed, streams records through it, and converts every span.
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "annotate")


def build():
    """Builds target/release/annotate (cargo decides whether anything changed)."""
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "annotate"], cwd=ROOT, check=True)


def utf16_to_cp(text):
    """Returns a function mapping a UTF-16 offset of `text` to a code-point offset."""
    table = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) > 0xFFFF:
            table.append(i)  # the low surrogate maps to the same code point
    table.append(len(text))
    return lambda u: table[min(u, len(table) - 1)]


def convert_span(span, conv):
    if span is None:
        return None
    out = dict(span)
    out["start"], out["end"] = conv(span["start"]), conv(span["end"])
    return out


def annotate(records):
    """Annotates `records` ({"id", "text"} dicts); yields (record, result) pairs with
    code-point offsets. Raises if the CLI reports an error for any line."""
    build()
    payload = "".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in records)
    proc = subprocess.run([BIN], input=payload.encode(), capture_output=True, check=False)
    lines = proc.stdout.decode().splitlines()
    if len(lines) != len(records):
        sys.exit(f"annotate printed {len(lines)} lines for {len(records)} records: {proc.stderr.decode()[:500]}")
    for rec, line in zip(records, lines):
        res = json.loads(line)
        if "error" in res:
            sys.exit(f"annotate failed on {rec['id']}: {res['error']}")
        conv = utf16_to_cp(rec["text"])
        for e in res["entities"]:
            e["start"], e["end"] = conv(e["start"]), conv(e["end"])
        for q in res["quotes"]:
            q["start"], q["end"] = conv(q["start"]), conv(q["end"])
            q["speaker"] = convert_span(q.get("speaker"), conv)
            q["cue"] = convert_span(q.get("cue"), conv)
        yield rec, res
