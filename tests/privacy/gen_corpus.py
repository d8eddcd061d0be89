#!/usr/bin/env python3
"""gen_corpus.py: writes corpus.jsonl, the measurement set of pok privacy scan (issue 16).

One JSON object a line: {"set": "personal"|"lookalike", "text": ..., "expect": [{"kind",
"text"}]}. Deterministic (a fixed seed); BSNs and IBANs are computed with their check
digits here, independently of src/privacy.c. Run: python3 tests/privacy/gen_corpus.py
> tests/privacy/corpus.jsonl. The hand-written texts are in handwritten.jsonl, which
measure.py reads as well."""
import json
import random

rnd = random.Random(16)

# --- valid numbers ---------------------------------------------------------------------


def bsn():
    while True:
        d = [rnd.randint(0, 9) for _ in range(8)]
        s = sum((9 - i) * d[i] for i in range(8))
        last = s % 11
        if last < 10 and any(d):
            return "".join(map(str, d + [last]))


def bad_bsn():
    while True:
        n = "".join(str(rnd.randint(0, 9)) for _ in range(9))
        d = list(map(int, n))
        if n[0] != "0" and (sum((9 - i) * d[i] for i in range(8)) - d[8]) % 11:
            return n


def iban(country, bban):
    rearranged = bban + country + "00"
    num = int("".join(str(int(c, 36)) for c in rearranged))
    return f"{country}{98 - num % 97:02d}{bban}"


BANKS = ["ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ"]


def nl_iban():
    return iban("NL", rnd.choice(BANKS) + "".join(str(rnd.randint(0, 9)) for _ in range(10)))


def foreign_iban():
    c = rnd.choice(["DE", "BE"])
    digits = 18 if c == "DE" else 12
    return iban(c, "".join(str(rnd.randint(0, 9)) for _ in range(digits)))


def spaced(s):
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


def bsn_format(n):
    return rnd.choice([n, n, f"{n[:4]}.{n[4:6]}.{n[6:]}", f"{n[:3]} {n[3:6]} {n[6:]}"])


def iban_format(s):
    return rnd.choice([s, spaced(s), spaced(s), s.lower()])


def phone():
    mob = "6" + "".join(str(rnd.randint(0, 9)) for _ in range(8))
    area3 = rnd.choice(["10", "20", "30", "40", "50", "70", "13", "15", "24", "26"])
    rest7 = "".join(str(rnd.randint(0, 9)) for _ in range(7))
    area4 = rnd.choice(["570", "548", "529", "413", "495", "313"])
    rest6 = "".join(str(rnd.randint(0, 9)) for _ in range(6))
    return rnd.choice([
        f"0{mob[:1]}-{mob[1:]}", f"0{mob[:1]} {mob[1:5]} {mob[5:]}", f"0{mob}",
        f"+31 {mob[:1]} {mob[1:]}", f"+31(0){mob[:1]}-{mob[1:]}", f"0031{mob}",
        f"0{area3}-{rest7}", f"0{area3} {rest7[:3]} {rest7[3:]}", f"0{area4}-{rest6}",
        f"+31 {area3} {rest7}", f"06 {mob[1:3]} {mob[3:5]} {mob[5:7]} {mob[7:]}"])


LETTERS = [a + b for a in "ABCEGHJKLMNPRTVWXZ" for b in "ABCEGHJKLMNPRTVWXZ"]
STREETS = ["Dorpsstraat", "Kerkweg", "Stationsplein", "Molenlaan", "Beukenhof", "Raadhuisstraat",
           "Kanaalweg", "Marktplein", "Hoofdstraat", "Eikenlaan", "Wilhelminastraat"]
PLACES = ["Olst", "Wijhe", "Deventer", "Zwolle", "Hillegom", "Tilburg", "Assen"]


def postcode():
    pc_digits = str(rnd.randint(1000, 9999))
    letters = rnd.choice(LETTERS)
    num = str(rnd.randint(1, 250)) + rnd.choice(["", "", "", "a", "b"])
    form = rnd.randint(0, 4)
    if form == 0:
        return f"{pc_digits} {letters} {num}"
    if form == 1:
        return f"{pc_digits}{letters} {num}"
    if form == 2:
        return f"{pc_digits} {letters.lower()}, {num}"
    street = rnd.choice(STREETS)
    return f"{street} {num}, {pc_digits} {letters}"  # the place follows, not in the finding


SURNAMES = ["Jansen", "de Vries", "Van den Berg", "Bakker", "Yilmaz", "El Amrani", "Visser",
            "Smit", "Pietersen", "van der Meer", "Öztürk", "Mulder", "de Jong", "Bulut",
            "ter Horst", "Janssen-de Wit", "Kaya", "Dijkstra", "Al Hassan", "Meijer"]
TITLES = ["mevrouw", "mevr.", "mw.", "meneer", "dhr.", "de heer", "Geachte heer", "familie",
          "dr.", "mr.", "Mevrouw", "De heer", "Geachte mevrouw"]


def name():
    title = rnd.choice(TITLES)
    sur = rnd.choice(SURNAMES)
    if title in ("dhr.", "de heer", "De heer") and sur[0].islower() and rnd.random() < 0.5:
        sur = sur[0].upper() + sur[1:]
    initials = rnd.choice(["", "", "A. ", "J.P. ", "M. "])
    return title, initials + sur


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]


def birthdate():
    y, m, d = rnd.randint(1935, 2010), rnd.randint(1, 12), rnd.randint(1, 28)
    date = rnd.choice([f"{d:02d}-{m:02d}-{y}", f"{d}-{m}-{y}", f"{d} {MONTHS[m - 1]} {y}",
                       f"{y}-{m:02d}-{d:02d}"])
    word = rnd.choice(["geboren op", "geb.", "geboortedatum", "geboortedatum:", "geb.datum",
                       "DOB", "geboren"])
    return word, date


def email():
    user = rnd.choice(["j.jansen", "fatima.yilmaz", "pvdberg", "k.de-vries", "info.bakker",
                       "m.elamrani", "sanne1987", "t_visser"])
    dom = rnd.choice(["gmail.com", "hotmail.nl", "ziggo.nl", "kpnmail.nl", "outlook.com",
                      "live.nl", "planet.nl"])
    return f"{user}@{dom}"


# --- the signals around them ------------------------------------------------------------
PARTNERS = ["UWV", "SVB", "de Belastingdienst", "DUO", "het CAK", "de sociale verzekeringsbank"]
OPENINGS = [
    "Inwoner meldt dat de aanvraag bij {p} drie maanden bleef liggen;",
    "Via het loket: de toeslag is stopgezet door {p} zonder bericht;",
    "Signaal van de cliëntenraad over terugvorderingen door {p}:",
    "De sociale advocatuur meldt dat bezwaar bij {p} niet werd behandeld;",
    "Ketenpartner {p} gaf geen reactie op de verzoeken van de schuldhulpverlener;",
    "Burgerpanel: de brieven van {p} zijn onbegrijpelijk,",
]


def opening():
    return rnd.choice(OPENINGS).format(p=rnd.choice(PARTNERS))


def personal(kind):
    o = opening()
    if kind == "bsn":
        v = bsn_format(bsn())
        t = rnd.choice([f"{o} het gaat om BSN {v}.", f"{o} burgerservicenummer {v} staat in het dossier.",
                        f"{o} klant met bsn: {v} is inmiddels geholpen.", f"{o} (BSN-nummer {v})"])
    elif kind == "iban":
        v = iban_format(rnd.choice([nl_iban(), nl_iban(), foreign_iban()]))
        t = rnd.choice([f"{o} de uitkering gaat naar {v}.", f"{o} rekening {v} is geblokkeerd.",
                        f"{o} terugbetaling op IBAN {v} volgt."])
    elif kind == "email":
        v = email()
        t = rnd.choice([f"{o} contact via {v}.", f"{o} reactie gestuurd naar {v}, nog geen antwoord.",
                        f"{o} ({v})"])
    elif kind == "phone":
        v = phone()
        t = rnd.choice([f"{o} terugbellen op {v}.", f"{o} bereikbaar via {v} na 17 uur.",
                        f"{o} tel. {v}", f"{o} telefoonnummer: {v}."])
    elif kind == "postcode":
        v = postcode()
        tail = " " + rnd.choice(PLACES) if "," in v and v[0].isalpha() else ""
        t = rnd.choice([f"{o} betrokkene woont op {v}{tail}.", f"{o} adres: {v}{tail}, sinds 2023.",
                        f"{o} huisbezoek op {v}{tail} afgesproken."])
    elif kind == "birthdate":
        w, v = birthdate()
        t = rnd.choice([f"{o} aanvrager {w} {v} valt buiten de regeling.",
                        f"{o} het kind ({w} {v}) kreeg geen plek.", f"{o} {w} {v}, alleenstaand."])
    else:
        title, v = name()
        t = rnd.choice([f"{o} {title} {v} is inmiddels geholpen.", f"{o} volgens {title} {v} duurde het te lang.",
                        f"{title} {v} meldt: {o}"])
    return t, [{"kind": kind, "text": v}]


def lookalike():
    o = opening()
    year = rnd.randint(2019, 2026)
    amount = rnd.choice([f"€ {rnd.randint(1, 999)}.{rnd.randint(0, 999):03d}.{rnd.randint(0, 999):03d}",
                         f"€ {rnd.randint(1, 999)}.{rnd.randint(0, 999):03d},{rnd.randint(0, 99):02d}",
                         f"{rnd.randint(1, 999)}.{rnd.randint(0, 999):03d},{rnd.randint(0, 99):02d} euro",
                         f"EUR {rnd.randint(100000, 999999)}"])
    kenmerk = rnd.choice([f"Z/{year % 100}/{rnd.randint(100000, 999999)}",
                          f"{year}-{rnd.randint(0, 9999999):07d}",
                          f"kenmerk {year % 100}.{rnd.randint(0, 9999999):07d}",
                          f"zaak {year}/{rnd.randint(0, 999999):06d}",
                          f"zaaknummer 0{rnd.randint(100000000, 999999999)}",
                          f"ons kenmerk: 0{rnd.randint(100000000, 999999999)}",
                          f"dossier 06{rnd.randint(10000000, 99999999)}",
                          f"factuur {bsn()}", f"ref. 0{rnd.randint(100000000, 999999999)}"])
    date = rnd.choice([f"besluit van {rnd.randint(1, 28)} {rnd.choice(MONTHS)} {year}",
                       f"brief van {rnd.randint(1, 28)}-{rnd.randint(1, 12)}-{year}",
                       f"per 1 januari {year}", f"raadsbesluit {year}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}",
                       f"ontvangen op {rnd.randint(10, 28)}-0{rnd.randint(1, 9)}-{year}"])
    other = rnd.choice([f"nummer {bad_bsn()} voldoet niet", f"registratie {bad_bsn()}",
                        f"in {year} en {rnd.randint(2, 40)} gemeenten", f"{year} EN {year + 1}",
                        f"ruim 1000 de inwoners", f"{year} de {rnd.randint(2, 9)} wijken",
                        "mevrouw de burgemeester", "de heer wethouder", "de wethouder",
                        "mevrouw de voorzitter", "de heer die belde", "geachte heer of mevrouw",
                        "bel 0800-1234567", "bel 0900 1234", "zie artikel 12, lid 3",
                        f"postcodegebied {rnd.randint(1000, 9999)}", f"{rnd.randint(1000, 9999)} SS 12"])
    parts = [amount, kenmerk, date, other]
    rnd.shuffle(parts)
    return f"{o} {parts[0]}; {parts[1]}, {parts[2]} en {parts[3]}.", []


def main():
    kinds = ["bsn", "iban", "email", "phone", "postcode", "birthdate", "name"]
    out = []
    for k in kinds:  # 25 of every kind alone
        for _ in range(25):
            t, e = personal(k)
            out.append({"set": "personal", "text": t, "expect": e})
    for _ in range(15):  # several kinds in one text
        a, b = rnd.sample(kinds, 2)
        t1, e1 = personal(a)
        t2, e2 = personal(b)
        out.append({"set": "personal", "text": t1 + " " + t2, "expect": e1 + e2})
    for _ in range(190):
        t, e = lookalike()
        out.append({"set": "lookalike", "text": t, "expect": e})
    for o in out:
        print(json.dumps(o, ensure_ascii=False))


main()
