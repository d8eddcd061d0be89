#!/usr/bin/env python3
"""selftest.py: score.py must pass a reader that reads exactly the truth and fail one that
misses an amount, invents a finding or misses a planted error.

Usage: selftest.py CORPUS  (the directory render.sh wrote). Standard library only.
The stand-in reader is this script itself, called as `selftest.py --pok MODE read
--format json FILE`: it answers with the truth of FILE, changed as MODE says.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def fake_pok(mode, path):
    name = os.path.splitext(os.path.basename(path))[0]
    with open(os.path.join(HERE, "truth", name + ".json"), encoding="utf-8") as f:
        t = json.load(f)
    t["amounts"] = [a for a in t["amounts"] if not a.get("optional")]
    t["findings"] = [x for x in t["findings"] if not x.get("optional")]
    if mode == "miss" and t["amounts"]:
        t["amounts"].pop()
    if mode == "alarm":
        t["findings"].append({"kind": "sum", "stated_cents": 1, "computed_cents": 2,
                              "page": 1, "line": 1})
    if mode == "blind":
        t["findings"] = []
    print(json.dumps(t))
    return 0


def score(corpus, mode, only):
    cmd = [sys.executable, os.path.join(HERE, "score.py"), os.path.join(HERE, "fakepok.sh"),
           corpus, "--forms", "txt", "--only", only]
    env = dict(os.environ, FAKE_POK_MODE=mode)
    return subprocess.run(cmd, env=env, capture_output=True, text=True).returncode


def main(argv):
    if len(argv) >= 3 and argv[1] == "--pok":
        return fake_pok(argv[2], argv[-1])
    corpus = argv[1]
    cases = [("exact", 0), ("miss", 1), ("alarm", 1), ("blind", 1)]
    # one small document is enough to show the scoring can fail: d04 has a planted error
    bad = 0
    for mode, want in cases:
        rc = score(corpus, mode, "d04_meppel_jaarrekening,seed_000")
        ok = rc == want
        bad += not ok
        print(f"selftest {mode}: exit {rc}, {'goed' if ok else 'FOUT'} (verwacht {want})")
    rc = score(corpus, "exact", "")
    bad += rc != 0
    print(f"selftest exact, hele set: exit {rc}, {'goed' if rc == 0 else 'FOUT'} (verwacht 0)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
