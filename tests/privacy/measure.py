#!/usr/bin/env python3
"""measure.py POK [CORPUS...]: the personal-data scanner measured on the test set.

Runs `POK privacy scan - --format json` on every text of the corpus files (default:
corpus.jsonl and handwritten.jsonl next to this script), compares the findings (kind and
exact text) with the expected ones and prints per kind: expected, found, recall and false
positives, and the false positives on the look-alike half. Exits 1 when recall is under
99 % for bsn, iban, email, phone or postcode, under 95 % for name, or when a look-alike
text gives any finding. -v prints every miss and false positive."""
import json
import os
import subprocess
import sys

KINDS = ["bsn", "iban", "email", "phone", "postcode", "birthdate", "name"]
MIN_RECALL = {"bsn": 99, "iban": 99, "email": 99, "phone": 99, "postcode": 99, "name": 95}


def scan(pok, text):
    r = subprocess.run([pok, "privacy", "scan", "-", "--format", "json"], input=text.encode(),
                       capture_output=True, check=False)
    if r.returncode != 0:
        sys.exit(f"measure.py: pok failed on {text!r}: {r.stderr.decode()}")
    doc = json.loads(r.stdout)
    raw = text.encode()
    for f in doc["findings"]:  # the contract: the text is the input's bytes [start, end)
        if raw[f["start"]:f["end"]].decode() != f["text"]:
            sys.exit(f"measure.py: offsets do not match the text in {text!r}: {f}")
    return [(f["kind"], f["text"]) for f in doc["findings"]]


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    pok = args[0]
    here = os.path.dirname(os.path.abspath(__file__))
    files = args[1:] or [os.path.join(here, "corpus.jsonl"), os.path.join(here, "handwritten.jsonl")]
    expected = {k: 0 for k in KINDS}
    hit = {k: 0 for k in KINDS}
    false_pos = {k: 0 for k in KINDS}
    lookalike_fp = {k: 0 for k in KINDS}
    texts = {"personal": 0, "lookalike": 0}
    for path in files:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                case = json.loads(line)
                texts[case["set"]] += 1
                want = [(e["kind"], e["text"]) for e in case["expect"]]
                got = scan(pok, case["text"])
                rest = list(got)
                for w in want:
                    expected[w[0]] += 1
                    if w in rest:
                        hit[w[0]] += 1
                        rest.remove(w)
                    elif verbose:
                        print(f"miss {w[0]} {w[1]!r} in {case['text']!r} (found {got})")
                for g in rest:
                    false_pos[g[0]] += 1
                    if case["set"] == "lookalike":
                        lookalike_fp[g[0]] += 1
                    if verbose:
                        print(f"false {g[0]} {g[1]!r} in {case['text']!r}")
    print(f"{texts['personal']} texts with personal data, {texts['lookalike']} look-alikes")
    print(f"{'kind':10} {'expected':>8} {'found':>6} {'recall':>7} {'false+':>7} {'look-alike false+':>18}")
    failed = False
    for k in KINDS:
        recall = 100.0 * hit[k] / expected[k] if expected[k] else 100.0
        print(f"{k:10} {expected[k]:8} {hit[k]:6} {recall:6.1f}% {false_pos[k]:7} {lookalike_fp[k]:18}")
        if recall < MIN_RECALL.get(k, 0) or lookalike_fp[k]:
            failed = True
    print("FAILED" if failed else "ok")
    return 1 if failed else 0


sys.exit(main())
