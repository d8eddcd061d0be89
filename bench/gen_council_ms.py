#!/usr/bin/env python3
"""gen_council_ms.py SEED PAGES OUT.ms: a council document of about PAGES pages as groff
-ms source, for the bench of pok read (bench/read.sh): prose paragraphs in the words of
a raadsvoorstel, and on every page a table of POK amounts per actielijn and year with a
total row. Deterministic for a seed; nothing in it is taken from a real document."""
import random
import sys

WORDS = ("de gemeente het college de raad stelt voor middelen voor de aanpak van "
         "problematische schulden en de versterking van de rechtsbescherming worden "
         "ingezet in samenwerking met maatschappelijke partners de uitvoering wordt "
         "gevolgd en verantwoord in de jaarrekening het budget blijft beschikbaar "
         "voor de doelen die in het plan van aanpak zijn beschreven").split()
LINES = ["Robuust rechtsbeschermingssysteem", "Sociaal raadsliedenwerk",
         "Schuldhulpverlening", "Preventie en vroegsignalering", "Juridische ondersteuning"]


def money(cents):
    euros = cents // 100
    return "\\[eu] " + f"{euros:,}".replace(",", ".")


def main():
    rnd = random.Random(int(sys.argv[1]))
    pages, out = int(sys.argv[2]), sys.argv[3]
    parts = [".LP", "Raadsvoorstel POK-middelen, kenmerk %d-%06d" % (2024, rnd.randrange(10**6))]
    for page in range(pages):
        if page:
            parts.append(".bp")
        for _ in range(5):
            parts.append(".PP")
            parts.append(" ".join(rnd.choice(WORDS) for _ in range(60)) + ".")
        parts += [".TS", "tab(;);", "l r r r.", "Actielijn;2024;2025;2026"]
        totals = [0, 0, 0]
        for name in rnd.sample(LINES, 4):
            row = [rnd.randrange(10, 500) * 100000 for _ in range(3)]
            totals = [t + r for t, r in zip(totals, row)]
            parts.append(name + ";" + ";".join(money(c) for c in row))
        parts.append("Totaal;" + ";".join(money(c) for c in totals))
        parts.append(".TE")
    with open(out, "w") as f:
        f.write("\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
