#!/usr/bin/env python3
"""Generate a synthetic municipal general-ledger export (grootboek) as CSV.

(A copy of the project's shared ../shared/bench/gen_grootboek.py, kept here so that the
tests and bench/ledger.sh run from a fresh clone.)

Layout follows common Dutch exports: semicolon separated, decimal comma,
a header line. Deterministic for a given --seed.

  gen_grootboek.py --lines 1000000 --seed 1 > grootboek.csv

Columns: boekdatum;boekjaar;periode;grootboekrekening;kostenplaats;taakveld;bedrag;omschrijving;documentnummer
Kostenplaatsen KP9001..KP9012 are the ones a POK plan maps to measures (see
--pok-codes); the rest is ordinary municipal spending.
"""
import argparse, random, sys

TAAKVELDEN = ["0.1", "0.4", "1.1", "2.1", "3.1", "4.2", "5.1", "6.1", "6.2", "6.3",
              "6.4", "6.6", "6.71", "6.72", "6.81", "7.1", "8.1", "8.3"]
OMSCHRIJVING = ["Inhuur procesregisseur", "Salaris consulent Wmo", "Subsidie sociaal raadslieden",
                "Training jeugdconsulenten", "Huur huiskamer", "Factuur extern bureau",
                "Vrijwilligersvergoeding", "Licentie software", "Catering bijeenkomst",
                "Reiskosten", "Drukwerk", "Onderzoek armoedebeleid", "Correctieboeking"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--years", default="2021-2027")
    ap.add_argument("--pok-codes", type=int, default=12)
    ap.add_argument("--cost-centres", type=int, default=400)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    y0, y1 = (int(x) for x in a.years.split("-"))
    pok = [f"KP9{n:03d}" for n in range(1, a.pok_codes + 1)]
    other = [f"KP{n:04d}" for n in range(1000, 1000 + a.cost_centres)]
    out = sys.stdout
    w = out.write
    w("boekdatum;boekjaar;periode;grootboekrekening;kostenplaats;taakveld;bedrag;omschrijving;documentnummer\n")
    for i in range(a.lines):
        y = rnd.randint(y0, y1)
        m = rnd.randint(1, 12)
        d = rnd.randint(1, 28)
        kp = rnd.choice(pok) if rnd.random() < 0.02 else rnd.choice(other)
        cents = int(rnd.lognormvariate(10, 1.6))
        if rnd.random() < 0.05:
            cents = -cents
        euros, c = divmod(abs(cents), 100)
        amount = ("-" if cents < 0 else "") + f"{euros},{c:02d}"
        gb = rnd.choice((4100, 4200, 4310, 4320, 4400, 4500, 4610))
        w(f"{y}-{m:02d}-{d:02d};{y};{m};{gb};{kp};{rnd.choice(TAAKVELDEN)};{amount};"
          f"{rnd.choice(OMSCHRIJVING)};D{y % 100:02d}-{i:08d}\n")

if __name__ == "__main__":
    main()
