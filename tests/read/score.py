#!/usr/bin/env python3
"""score.py: how well pok read reads the evaluation set (docs/read.md, "Evaluation").

Usage: score.py POK CORPUS [--truth DIR] [--forms txt,pdf,scan,mixed,docx] [--only NAME,...]
                [--jobs N] [--verbose] [--no-bars] [--json FILE]

POK is the pok binary; CORPUS the directory render.sh wrote (txt/, pdf/, scan/); the
truth files are tests/read/truth/*.json. For every document and form it runs
`pok read --format json` and compares with the truth:
  - amounts: recall and precision, multiset matching on cents, year and kind, and on
    actielijn where the truth has one (never on label or line). Truth amounts marked
    "optional" (other schemes' money) count neither way when the reader lists them as
    "other" (or their truth kind), with any year, and are not missed when it leaves
    them out;
  - municipality (CBS code) and date;
  - findings: each planted error must be found (same kind and stated cents; a date
    finding in the text form on one of its places, page and line within 2 lines); every
    other finding is a false alarm.
It prints a table per form and exits 1 when a bar of issue 13 is not met on the own set:
amounts recall and precision at least 95 % as text and text PDF and 90 % as scans (and
as mixed documents, text and scanned pages in one PDF; DOCX is reported only), every
planted error found, no false alarm, municipality and date right on every document; and
for the seeds: every planted error found and no false alarm. --no-bars only reports.
Standard library only.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import subprocess
import sys

# the bars per form; DOCX has none there: it is reported, not required
BARS = {"txt": 0.95, "pdf": 0.95, "scan": 0.90, "mixed": 0.90, "docx": None}
FORM_EXT = {"txt": ".txt", "pdf": ".pdf", "scan": ".pdf", "mixed": ".pdf", "docx": ".docx"}
FORM_NAME = {"txt": "tekst", "pdf": "tekst-PDF", "scan": "scan", "mixed": "gemengd",
             "docx": "DOCX (ter informatie)"}
DATE_LINE_SLACK = 2


def run_pok(pok, path, timeout):
    try:
        p = subprocess.run([pok, "read", "--format", "json", path], capture_output=True,
                           timeout=timeout, text=True)
    except subprocess.TimeoutExpired:
        return None, f"geen antwoord binnen {timeout} s"
    if p.returncode != 0:
        return None, (p.stderr.strip() or f"exit {p.returncode}").splitlines()[0]
    try:
        return json.loads(p.stdout.splitlines()[0]), None
    except (ValueError, IndexError) as e:
        return None, f"geen JSON: {e}"


def amount_key(a):
    return (a.get("cents"), a.get("year"), a.get("kind"))


def match_amounts(truth, got):
    """Returns (tp, required, fp, missed, extra): multiset matching, exact actielijn first."""
    req = [a for a in truth if not a.get("optional")]
    opt = [a for a in truth if a.get("optional")]
    free = list(range(len(got)))
    matched_req = [False] * len(req)

    def take(pred):
        for j in free:
            if pred(got[j]):
                free.remove(j)
                return True
        return False

    # pass 1: actielijn equal as well; pass 2: truth without actielijn takes any
    for strict in (True, False):
        for i, t in enumerate(req):
            if matched_req[i]:
                continue
            def ok(g, t=t):
                if amount_key(g) != amount_key(t):
                    return False
                if strict:
                    return g.get("actielijn") == t.get("actielijn")
                return t.get("actielijn") is None
            matched_req[i] = take(ok)
    for t in opt:
        def ok_opt(g, t=t):
            # another scheme's money: listed as other (or as the truth's kind), any year
            return g.get("cents") == t["cents"] and g.get("kind") in (t["kind"], "other")
        take(ok_opt)
    missed = [t for i, t in enumerate(req) if not matched_req[i]]
    extra = [got[j] for j in free]
    tp = len(req) - len(missed)
    return tp, len(req), len(extra), missed, extra


def match_findings(truth, got, form):
    """Returns (found, planted, false_alarms, missed, extra)."""
    free = list(range(len(got)))
    missed = []
    required = [t for t in truth if not t.get("optional")]
    # required findings first, so that an optional one never takes the reader's finding
    for t in required + [t for t in truth if t.get("optional")]:
        hit = None
        for j in free:
            g = got[j]
            # The arithmetic checks (sum, coverage, reserve) may name the same wrong figure
            # from another side: a sum that cannot be confirmed because OCR lost a cell can
            # still show as dekking against uitgaven. The planted error is found when the
            # finding names its stated figure on its page; date findings stay their own kind.
            arith = ("sum", "coverage", "reserve")
            if g.get("kind") != t["kind"]:
                if not (g.get("kind") in arith and t["kind"] in arith and
                        g.get("page") == t.get("page") and
                        t["stated_cents"] in (g.get("stated_cents"), g.get("computed_cents"))):
                    continue
            elif t["kind"] == "date":
                if form == "txt":
                    places = t.get("places") or [[t["page"], t["line"]]]
                    if not any(g.get("page") == p and abs((g.get("line") or 0) - ln) <= DATE_LINE_SLACK
                               for p, ln in places):
                        continue
            elif t["kind"] == "coverage":
                # either side of a coverage row may be called the stated one
                if {g.get("stated_cents"), g.get("computed_cents")} != \
                        {t["stated_cents"], t["computed_cents"]}:
                    continue
            elif g.get("stated_cents") != t["stated_cents"]:
                continue
            hit = j
            break
        if hit is None:
            if not t.get("optional"):
                missed.append(t)
        else:
            free.remove(hit)
    extra = [got[j] for j in free]
    return len(required) - len(missed), len(required), len(extra), missed, extra


def match_decisions(truth, got):
    """Decisions found: same date, body and outcome (the subject is free text)."""
    free = list(got)
    n = 0
    for t in truth:
        for g in free:
            if (g.get("date"), g.get("body"), g.get("outcome")) == \
                    (t.get("date"), t.get("body"), t.get("outcome")):
                free.remove(g)
                n += 1
                break
    return n


def money(c):
    if c is None:
        return "-"
    neg = c < 0
    c = abs(c)
    euros, ct = divmod(c, 100)
    s = f"{euros:,}".replace(",", ".")
    if ct:
        s += f",{ct:02d}"
    return ("-" if neg else "") + "€ " + s


def describe(a):
    al = f" al{a.get('actielijn')}" if a.get("actielijn") else ""
    return (f"{money(a.get('cents'))} {a.get('year') or '-'} {a.get('kind')}{al}"
            f" (p{a.get('page')} r{a.get('line')} {(a.get('label') or '')[:40]!r})")


def describe_finding(f):
    return (f"{f.get('kind')} vermeld {money(f.get('stated_cents'))} berekend "
            f"{money(f.get('computed_cents'))} (p{f.get('page')} r{f.get('line')})")


def score_doc(pok, name, truth, path, form, timeout):
    r = {"name": name, "form": form, "seed": name.startswith("seed_")}
    got, err = run_pok(pok, path, timeout)
    req = sum(1 for a in truth["amounts"] if not a.get("optional"))
    if got is None:
        r.update(error=err, tp=0, req=req, fp=0, missed=[], extra=[], found=0,
                 planted=sum(1 for f in truth["findings"] if not f.get("optional")), fa=0,
                 fmissed=[f for f in truth["findings"] if not f.get("optional")], fextra=[],
                 muni=False, date=False, genre=False, refs=0,
                 nrefs=len(truth.get("references", [])), decs=0,
                 ndecs=len(truth.get("decisions", [])), unchecked=0)
        return r
    tp, req, fp, missed, extra = match_amounts(truth["amounts"], got.get("amounts") or [])
    found, planted, fa, fmissed, fextra = match_findings(truth["findings"],
                                                         got.get("findings") or [], form)
    tm = (truth.get("municipality") or {}).get("code")
    gm = (got.get("municipality") or {}).get("code")
    r.update(error=None, tp=tp, req=req, fp=fp, missed=missed, extra=extra, found=found,
             planted=planted, fa=fa, fmissed=fmissed, fextra=fextra, muni=(tm == gm),
             date=(truth.get("date") == got.get("date")), got_muni=gm, got_date=got.get("date"),
             want_muni=tm, want_date=truth.get("date"),
             genre=(truth.get("genre") == got.get("genre")),
             refs=len(set(truth.get("references", [])) & set(got.get("references") or [])),
             nrefs=len(truth.get("references", [])),
             decs=match_decisions(truth.get("decisions", []), got.get("decisions") or []),
             ndecs=len(truth.get("decisions", [])),
             unchecked=len(got.get("unchecked_totals") or []))
    return r


def pct(a, b):
    return "  -  " if b == 0 else f"{100.0 * a / b:5.1f}"


def print_form(form, rows, verbose):
    print(f"\n== {FORM_NAME[form]} ({form}) ==")
    print(f"{'document':34} {'bedr':>4} {'goed':>4} {'fout':>4} {'recall':>6} {'prec':>6}"
          f" {'gem':>3} {'dat':>3} {'fout.':>5} {'alarm':>5}")
    for group, title in ((False, "eigen set"), (True, "seeds")):
        sel = [r for r in rows if r["seed"] == group]
        if not sel:
            continue
        for r in sel:
            if r["error"]:
                print(f"{r['name']:34} NIET GELEZEN: {r['error']}")
                continue
            print(f"{r['name']:34} {r['req']:4} {r['tp']:4} {r['fp']:4} {pct(r['tp'], r['req']):>6}"
                  f" {pct(r['tp'], r['tp'] + r['fp']):>6} {'ja' if r['muni'] else 'NEE':>3}"
                  f" {'ja' if r['date'] else 'NEE':>3} {r['found']:2}/{r['planted']:<2} {r['fa']:5}")
            if verbose:
                if not r["muni"]:
                    print(f"    gemeente: verwacht {r['want_muni']}, gelezen {r['got_muni']}")
                if not r["date"]:
                    print(f"    datum: verwacht {r['want_date']}, gelezen {r['got_date']}")
                for a in r["missed"]:
                    print(f"    gemist:  {describe(a)}")
                for a in r["extra"]:
                    print(f"    te veel: {describe(a)}")
                for f in r["fmissed"]:
                    print(f"    bevinding gemist: {describe_finding(f)}")
                for f in r["fextra"]:
                    print(f"    vals alarm: {describe_finding(f)}")
        tp = sum(r["tp"] for r in sel)
        req = sum(r["req"] for r in sel)
        fp = sum(r["fp"] for r in sel)
        print(f"{'totaal ' + title:34} {req:4} {tp:4} {fp:4} {pct(tp, req):>6} {pct(tp, tp + fp):>6}"
              f" {sum(r['muni'] for r in sel):3} {sum(r['date'] for r in sel):3}"
              f" {sum(r['found'] for r in sel):2}/{sum(r['planted'] for r in sel):<2}"
              f" {sum(r['fa'] for r in sel):5}   ({len(sel)} documenten)")
        read = [r for r in sel if not r["error"]]
        print(f"{'':34} soort goed {sum(r['genre'] for r in read)}/{len(sel)},"
              f" kenmerken {sum(r['refs'] for r in read)}/{sum(r['nrefs'] for r in sel)},"
              f" besluiten {sum(r['decs'] for r in read)}/{sum(r['ndecs'] for r in sel)},"
              f" niet controleerbare totalen {sum(r['unchecked'] for r in read)} (ter informatie)")


def bars(form, rows):
    """The bars this form misses, as Dutch sentences."""
    out = []
    if BARS[form] is None:
        return out
    own = [r for r in rows if not r["seed"]]
    seeds = [r for r in rows if r["seed"]]
    if own:
        tp = sum(r["tp"] for r in own)
        req = sum(r["req"] for r in own)
        fp = sum(r["fp"] for r in own)
        rec = tp / req if req else 1.0
        prec = tp / (tp + fp) if tp + fp else (1.0 if req == 0 else 0.0)
        bar = BARS[form]
        if rec < bar:
            out.append(f"{form}: recall {100 * rec:.1f} % < {100 * bar:.0f} %")
        if prec < bar:
            out.append(f"{form}: precisie {100 * prec:.1f} % < {100 * bar:.0f} %")
        for r in own:
            if not r["muni"]:
                out.append(f"{form}: {r['name']}: gemeente niet goed")
            if not r["date"]:
                out.append(f"{form}: {r['name']}: datum niet goed")
    for r in own + seeds:
        if r["error"]:
            out.append(f"{form}: {r['name']}: niet gelezen ({r['error']})")
        if r["found"] < r["planted"]:
            out.append(f"{form}: {r['name']}: {r['planted'] - r['found']} fout(en) niet gevonden")
        if r["fa"]:
            out.append(f"{form}: {r['name']}: {r['fa']} vals alarm")
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description="score pok read on the evaluation set")
    ap.add_argument("pok")
    ap.add_argument("corpus")
    ap.add_argument("--truth", default=os.path.join(here, "truth"))
    ap.add_argument("--forms", default="txt,pdf,scan,mixed,docx")
    ap.add_argument("--only", default="")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--no-bars", action="store_true")
    ap.add_argument("--json", metavar="FILE", help="also write every result to FILE")
    args = ap.parse_args()

    truths = {}
    for p in sorted(glob.glob(os.path.join(args.truth, "*.json"))):
        name = os.path.splitext(os.path.basename(p))[0]
        if args.only and name not in args.only.split(","):
            continue
        with open(p, encoding="utf-8") as f:
            truths[name] = json.load(f)
    if not truths:
        print("score.py: geen waarheidsbestanden gevonden", file=sys.stderr)
        return 2
    failures = []
    results = []
    for form in [f for f in args.forms.split(",") if f]:
        if form not in BARS:
            print(f"score.py: onbekende vorm {form}", file=sys.stderr)
            return 2
        jobs = []
        for name, t in truths.items():
            path = os.path.join(args.corpus, form, name + FORM_EXT[form])
            if os.path.exists(path):
                jobs.append((name, t, path))
        if not jobs:
            print(f"\n== {FORM_NAME[form]} ({form}): geen documenten in {args.corpus} ==")
            continue
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
            rows = list(ex.map(lambda j: score_doc(args.pok, j[0], j[1], j[2], form,
                                                   args.timeout), jobs))
        print_form(form, rows, args.verbose)
        failures += bars(form, rows)
        results += rows
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"results": results, "failures": failures}, f, ensure_ascii=False,
                      indent=1)
    if failures:
        print("\nNiet gehaald:")
        for f in failures:
            print("  " + f)
    else:
        print("\nAlle drempels gehaald.")
    return 1 if failures and not args.no_bars else 0


if __name__ == "__main__":
    sys.exit(main())
