#!/usr/bin/env python3
"""ledger_check.py: the bookkeeping half of bench/ledger.sh (nothing here is timed).

  ledger_check.py totals KIND FILE          -> "kostenplaats,jaar,aantal,cents" lines, sorted
  ledger_check.py hledger FILE              -> "kostenplaats,jaar,cents" for the KP accounts
  ledger_check.py realised MAPFILE DIR      -> "kostenplaats,jaar,cents" from `pok measure show`
  ledger_check.py compare NAME A B [--sums-only] [--codes PREFIX]
  ledger_check.py table TIMES LINES SMALL   -> the markdown table of medians and ratios

Amounts are compared as integer cents parsed from text (never floats), so "equal" means
equal to the cent. KIND is pok, sqlite or awk: the CSV each of them printed.
"""
import csv
import re
import statistics
import sys


def cents(text):
    """Dutch amount text -> int cents: '€ -1.234,56', '-1234,56', '€ 105.991' (whole euros)."""
    t = text.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if t.startswith("(") and t.endswith(")"):
        t = "-" + t[1:-1]
    neg = t.startswith("-")
    t = t.lstrip("+-")
    if "," in t:
        whole, frac = t.split(",", 1)
    else:  # whole euros ("€ 105.991": pok leaves out ",00"), dots group thousands
        whole, frac = t, "0"
    whole = whole.replace(".", "")
    if not re.fullmatch(r"[0-9]+", whole or "0") or not re.fullmatch(r"[0-9]{1,2}", frac):
        raise ValueError("geen bedrag: %r" % text)
    v = int(whole or "0") * 100 + int(frac.ljust(2, "0"))
    return -v if neg else v


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        data = f.read()
    first = data.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    return list(csv.reader(data.splitlines(), delimiter=delim))


def totals(kind, path):
    """Print sorted 'kp,year,count,cents' for one tool's per-(kostenplaats, jaar) output."""
    out = []
    for row in read_rows(path):
        if not row or row[0].strip().lower() in ("kostenplaats", ""):
            continue
        kp, year, n, amount = (c.strip() for c in row[:4])
        v = cents(amount) if kind == "pok" else int(amount)
        out.append((kp, int(year), int(n), v))
    for kp, year, n, v in sorted(out):
        print("%s,%d,%d,%d" % (kp, year, n, v))


def hledger(path):
    """`hledger bal -Y -O csv`: header "account","2021",...; one row per account."""
    rows = read_rows(path)
    years = [int(y[:4]) for y in rows[0][1:]]
    out = []
    for row in rows[1:]:
        if not row or not re.fullmatch(r"KP[0-9]+", row[0]):
            continue
        for year, amount in zip(years, row[1:]):
            # hledger prints an empty cell as "0" (no decimal mark)
            v = 0 if amount.strip() in ("0", "") else cents(amount)
            if v:
                out.append((row[0], year, v))
    for kp, year, v in sorted(out):
        print("%s,%d,%d" % (kp, year, v))


def realised(mapfile, outdir):
    """MAPFILE: 'kostenplaats,id' lines; outdir/ID.txt: `pok measure show ID` output."""
    row_re = re.compile(r"^\s*(\d{4})\s+gerealiseerd\s+(€\s*-?[0-9.]+(?:,[0-9]{1,2})?)")
    out = []
    for line in open(mapfile, encoding="utf-8"):
        kp, mid = line.strip().split(",")
        for text in open("%s/%s.txt" % (outdir, mid), encoding="utf-8"):
            m = row_re.match(text)
            if m:
                out.append((kp, int(m.group(1)), cents(m.group(2))))
    for kp, year, v in sorted(out):
        print("%s,%d,%d" % (kp, year, v))


def load(path, sums_only, prefix):
    """(kp, year) -> the rest of the line; with sums_only, only the last field (cents)."""
    d = {}
    for line in open(path, encoding="utf-8"):
        f = line.strip().split(",")
        if len(f) < 3 or (prefix and not f[0].startswith(prefix)):
            continue
        rest = (int(f[-1]),) if sums_only else tuple(int(x) for x in f[2:])
        if sums_only and rest == (0,):
            continue
        d[(f[0], int(f[1]))] = rest
    return d


def compare(name, a, b, sums_only, prefix):
    da, db = load(a, sums_only, prefix), load(b, sums_only, prefix)
    bad = [(k, da.get(k), db.get(k)) for k in sorted(set(da) | set(db)) if da.get(k) != db.get(k)]
    if not da:
        print("controle %s: FOUT, %s is leeg" % (name, a))
        return 1
    if bad:
        print("controle %s: FOUT, %d van %d (kostenplaats, jaar) verschillen, bijv.:"
              % (name, len(bad), len(set(da) | set(db))))
        for k, x, y in bad[:10]:
            print("  %s %d: %s tegen %s" % (k[0], k[1], x, y))
        return 1
    print("controle %s: gelijk op de cent (%d kostenplaats x jaar)" % (name, len(da)))
    return 0


def table(times, big, small):
    """TIMES: lines 'tool label ms rss_kb'. Prints medians, ratios and the aims."""
    runs = {}
    for line in open(times, encoding="utf-8"):
        tool, label, ms, rss = line.split()
        runs.setdefault((tool, label), []).append((int(ms), int(rss)))
    med = {k: (statistics.median(m for m, _ in v), max(r for _, r in v), v)
           for k, v in runs.items()}
    # Each tool is compared with the pok command that does the same job.
    base = {"pok-import": "pok-import", "pok-import-pg": "pok-import", "sqlite3": "pok-import",
            "pok-totals": "pok-totals", "awk": "pok-totals", "hledger": "pok-totals"}
    what = {"pok-import": "pok import ledger (bewaart elke boeking)",
            "pok-import-pg": "pok import ledger op PostgreSQL",
            "sqlite3": "sqlite3 .import + GROUP BY",
            "pok-totals": "pok ledger totals",
            "awk": "awk, één doorgang",
            "hledger": "hledger bal -Y (rules-bestand)"}
    print("| taak | gereedschap | bestand (regels) | mediaan s | rondes s | verhouding t.o.v. pok | piek-RSS MB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for label in (big, small):
        for tool in ("pok-import", "pok-import-pg", "sqlite3", "pok-totals", "awk", "hledger"):
            if (tool, label) not in med:
                continue
            m, rss, v = med[(tool, label)]
            ref = med.get((base[tool], label))
            ratio = "%.2f" % (m / ref[0]) if ref and ref[0] > 0 else "-"
            task = "import" if base[tool] == "pok-import" else "optellen"
            print("| %s | %s | %s | %.2f | %s | %s | %.1f |" % (
                task, what[tool], "{:,}".format(int(label)).replace(",", "."), m / 1000,
                " / ".join("%.2f" % (x / 1000) for x, _ in v), ratio, rss / 1024))
    print()
    print("verhouding = mediaan van het gereedschap / mediaan van pok voor dezelfde taak"
          " (boven 1: pok is sneller); piek-RSS = de hoogste over de rondes.")
    aims = []
    def aim(text, ok):
        aims.append(ok)
        print("- doel %s: %s" % (text, "gehaald" if ok else "NIET gehaald"))
    if ("pok-import", big) in med and ("sqlite3", big) in med:
        r = med[("sqlite3", big)][0] / med[("pok-import", big)][0]
        aim("import >= 3x sneller dan sqlite3 (%s regels): %.2fx" % (big, r), r >= 3)
    if ("pok-import-pg", big) in med and ("pok-import", big) in med:
        r = med[("pok-import-pg", big)][0] / med[("pok-import", big)][0]
        aim("import op PostgreSQL binnen 2x van SQLite (%s regels): %.2fx" % (big, r), r <= 2)
    if ("pok-totals", big) in med and ("awk", big) in med:
        r = med[("awk", big)][0] / med[("pok-totals", big)][0]
        aim("optellen minstens zo snel als awk (%s regels): %.2fx" % (big, r), r >= 1)
    for tool in ("pok-import", "pok-totals"):
        if (tool, big) in med:
            mb = med[(tool, big)][1] / 1024
            aim("%s piekgeheugen < 100 MB (%s regels): %.1f MB" % (tool, big, mb), mb < 100)
    return 0


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "totals" and len(argv) == 4:
        totals(argv[2], argv[3])
    elif cmd == "hledger" and len(argv) == 3:
        hledger(argv[2])
    elif cmd == "realised" and len(argv) == 4:
        realised(argv[2], argv[3])
    elif cmd == "compare" and len(argv) >= 5:
        prefix = None
        if "--codes" in argv:
            prefix = argv[argv.index("--codes") + 1]
        return compare(argv[2], argv[3], argv[4], "--sums-only" in argv, prefix)
    elif cmd == "table" and len(argv) == 5:
        return table(argv[2], argv[3], argv[4])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
