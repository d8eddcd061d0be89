#!/usr/bin/env python3
"""gen.py: the evaluation documents of pok read from their sources (tests/read/docs/*.src).

One source gives three things that cannot drift apart:
  - the plain text form (NAME.txt), whose page/line the truth cites;
  - the groff input (NAME.tr) for the text PDF, with the same lines on the same pages
    (no-fill mode, tbl for tables, .bp at every page break);
  - a DOCX (NAME.docx): the lines as paragraphs, the tables as Word tables;
  - the truth (NAME.json, the JSON shape of docs/read.md plus scoring fields).

Source format:
  #municipality GM0000 | #municipality null     #date YYYY-MM-DD | null
  #genre NAME   #ref TEXT   #decision DATE BODY OUTCOME SUBJECT
  #finding ID KIND [computed=CENTS] [stated=CENTS same=ID2] [optional]
                                                (stated: the cell or amount marked !ID;
                                                same=: placed where finding ID2 is;
                                                optional: may be reported, need not be)
  #note ...                                     (ignored)
  text lines, with [[TEXT|KIND y=YEAR al=N opt !ID]] for a prose amount
              and {{ID:TEXT}} for one place of a date finding
  @page                                         a page break (form feed)
  @table STYLE [years=,Y1,Y2] [kinds=,K1,K2] [scale=1000] [skipempty] [box]
    h :: Label|Col|Col                          a header row (no amounts)
    KIND [al=N] [y=YEAR] [opt] :: Label|c|c     a row; KIND * takes the column kinds,
                                                - makes no amounts; a cell "x{kind}" or
                                                "x{-}" overrides, "x!ID" marks a finding
    + text                                      the wrapped rest of the row's label
    @page                                       a page break inside the table
  @end
STYLE is bar (cells joined by " | "), plain (by spaces, empty cells left out) or layout
(columns padded with spaces, numbers right-aligned).

Usage: gen.py OUTDIR SRC...   writes OUTDIR/{txt,tr,docx,truth}/NAME.*
Standard library only; amounts are converted with integer arithmetic.
"""
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CBS = os.path.join(HERE, "..", "..", "data", "reference", "cbs_gemeenten_2025_codes.csv")

KINDS = {"allocation", "plan", "realisation", "reserve_balance", "reserve_withdrawal",
         "reserve_deposit", "total", "request", "other"}
FINDING_KINDS = {"sum", "reserve", "coverage", "date"}


class SrcError(Exception):
    pass


def cents_of(text, scale=1):
    """Cents of a Dutch amount as printed ("€ 1.234.567", "52 500", "1.234,56", "€0",
    "12 V"); None when the text holds no amount ("-", "", "n.v.t.")."""
    t = text.replace("€", "").replace("\u00a0", " ").strip()
    m = re.fullmatch(r"(\d+)(?:,(\d))?\s*miljoen", t)
    if m:  # "14,2 miljoen": tenths of a million, exactly
        return (int(m.group(1)) * 1000000 + int(m.group(2) or 0) * 100000) * 100 * scale
    t = re.sub(r"\s*[VN]$", "", t)
    t = t.strip("()[]| ")
    if not re.fullmatch(r"-?\d{1,3}([. ]\d{3})*(,\d{1,2})?|-?\d+(,\d{1,2})?", t):
        return None
    neg = t.startswith("-")
    t = t.lstrip("-")
    whole, _, frac = t.partition(",")
    whole = whole.replace(".", "").replace(" ", "")
    frac = (frac + "00")[:2]
    c = (int(whole) * 100 + int(frac)) * scale
    return -c if neg else c


def load_cbs():
    names = {}
    with open(CBS, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names[row["gm_code"]] = row["gm_naam"]
    return names


def parse_attrs(words, where):
    """KIND al=N y=YEAR opt !ID -> dict"""
    a = {"kind": None, "al": None, "y": None, "opt": False, "fid": None}
    for w in words:
        if w.startswith("al="):
            a["al"] = int(w[3:])
        elif w.startswith("y="):
            a["y"] = int(w[2:])
        elif w == "opt":
            a["opt"] = True
        elif w.startswith("!"):
            a["fid"] = w[1:]
        elif a["kind"] is None:
            a["kind"] = w
        else:
            raise SrcError(f"{where}: unexpected '{w}'")
    if a["kind"] not in KINDS | {"*", "-", "h"}:
        raise SrcError(f"{where}: unknown kind '{a['kind']}'")
    return a


class Doc:
    def __init__(self, name):
        self.name = name
        self.truth = {"municipality": None, "date": None, "genre": "overig",
                      "references": [], "decisions": [], "amounts": [], "findings": []}
        self.findings = {}  # id -> finding (places filled as marks are met)
        self.page = 1
        self.line = 0
        self.txt = []  # lines of the text form, "\f" starting a new page
        self.tr = []   # groff lines
        self.docx = []  # ("p", text) | ("page",) | ("table", rows of cells)

    # ---- output of one line to both forms ------------------------------------
    def emit(self, text, tr_lines=None, docx=True):
        if docx:
            self.docx.append(("p", text))
        self.line += 1
        prefix = "\f" if (self.line == 1 and self.page > 1) else ""
        self.txt.append(prefix + text)
        if tr_lines is None:
            self.tr.append(tr_escape(text))
        else:
            self.tr.extend(tr_lines)

    def new_page(self):
        self.page += 1
        self.line = 0
        self.docx.append(("page",))
        self.tr.append(".bp")
        self.tr.append(".sp 2c")

    def add_amount(self, cents, kind, year, al, label, opt, fid, where):
        if kind not in KINDS:
            raise SrcError(f"{where}: amount without a kind")
        a = {"cents": cents, "year": year, "actielijn": al, "kind": kind,
             "label": label, "page": self.page, "line": self.line}
        if opt:
            a["optional"] = True
        self.truth["amounts"].append(a)
        if fid:
            f = self.finding(fid, where)
            f["stated_cents"] = cents
            f["page"], f["line"] = self.page, self.line

    def finding(self, fid, where):
        if fid not in self.findings:
            raise SrcError(f"{where}: no #finding {fid}")
        return self.findings[fid]


def tr_escape(s):
    s = s.replace("\\", "\\e")
    if s.startswith(".") or s.startswith("'"):
        s = "\\&" + s
    return s


PROSE_AMOUNT = re.compile(r"\[\[([^|\]]+)\|([^\]]*)\]\]")
DATE_PLACE = re.compile(r"\{\{(\w+):([^}]*)\}\}")


def prose_line(doc, raw, where):
    """Replace the marks of a prose line, emit it and record its amounts and places."""
    marks = []
    text = raw
    while True:
        m = PROSE_AMOUNT.search(text) or None
        d = DATE_PLACE.search(text)
        if m and (not d or m.start() < d.start()):
            marks.append(("amount", m.group(1), m.group(2)))
            text = text[:m.start()] + m.group(1) + text[m.end():]
        elif d:
            marks.append(("date", d.group(1), d.group(2)))
            text = text[:d.start()] + d.group(2) + text[d.end():]
        else:
            break
    doc.emit(text)
    for kind, a, b in marks:
        if kind == "amount":
            c = cents_of(a)
            if c is None:
                raise SrcError(f"{where}: '{a}' is no amount")
            at = parse_attrs(b.split(), where)
            doc.add_amount(c, at["kind"], at["y"], at["al"], text.strip(), at["opt"],
                           at["fid"], where)
        else:
            f = doc.finding(a, where)
            f.setdefault("places", []).append([doc.page, doc.line])
            f["page"], f["line"] = f["places"][0]


CELL_MARK = re.compile(r"^(.*?)(\{[\w-]+\})?(![\w]+)?$")


class Table:
    def __init__(self, style, attrs, where):
        if style not in ("bar", "plain", "layout"):
            raise SrcError(f"{where}: unknown table style '{style}'")
        self.style = style
        self.years, self.kinds, self.scale = [], [], 1
        self.skipempty = self.box = False
        for w in attrs:
            if w.startswith("years="):
                self.years = [int(y) if y else None for y in w[6:].split(",")]
            elif w.startswith("kinds="):
                self.kinds = [k or None for k in w[6:].split(",")]
            elif w.startswith("scale="):
                self.scale = int(w[6:])
            elif w == "skipempty":
                self.skipempty = True
            elif w == "box":
                self.box = True
            else:
                raise SrcError(f"{where}: unknown table attribute '{w}'")
        self.rows = []  # ("row", attrs, cells, wraps, where) | ("page",)

    def width(self):
        return max(len(r[2]) for r in self.rows if r[0] == "row")


def cell_parts(raw):
    m = CELL_MARK.match(raw.strip())
    text, over, fid = m.group(1).strip(), m.group(2), m.group(3)
    return text, (over[1:-1] if over else None), (fid[1:] if fid else None)


def render_table(doc, t):
    n = t.width()
    rows = [r for r in t.rows if r[0] == "row"]
    clean = []
    for r in rows:
        cells = [cell_parts(c)[0] for c in r[2]] + [""] * (n - len(r[2]))
        clean.append(cells)
    # layout widths
    widths = [max(len(c[i]) for c in clean) for i in range(n)]
    widths[0] = max(widths[0], max((len(w) for r in rows for w in r[3]), default=0))

    def text_of(cells):
        if t.style == "bar":
            cs = [c for c in cells[1:] if c] if t.skipempty else cells[1:]
            return (cells[0] + " " + " | ".join(cs)).rstrip(" |") if cells[0] else \
                " | ".join(cs)
        if t.style == "plain":
            return " ".join(c for c in cells if c)
        parts = [cells[0].ljust(widths[0])]
        for i in range(1, n):
            parts.append(cells[i].rjust(widths[i] + 3))
        return "".join(parts).rstrip()

    def tr_open():
        doc.tr.append(".TS")
        opts = ("allbox " if t.box else "") + "tab(|);"
        doc.tr.append(opts)
        fmt = "l" + " r" * (n - 1)
        doc.tr.append(fmt + ".")

    tr_open()
    ri = 0
    docx_rows = []
    for r in t.rows:
        if r[0] == "page":
            doc.tr.append(".TE")
            doc.docx.append(("table", docx_rows))
            docx_rows = []
            doc.new_page()
            tr_open()
            continue
        _, at, raw, wraps, where = r
        cells = clean[ri]
        ri += 1
        # the groff row: the label as a text block when it wraps
        if wraps:
            label = ["T{", tr_escape(cells[0])] + sum(([".br", tr_escape(w)] for w in wraps), []) + ["T}"]
            tr_row = label[:-1] + ["T}|" + "|".join(tr_cell(c) for c in cells[1:])]
        else:
            tr_row = ["|".join(tr_cell(c) for c in cells)]
        if at["kind"] == "h":
            tr_row = [".ft B"] + tr_row + [".ft R"] if not wraps else tr_row
        doc.emit(text_of(cells), tr_row, docx=False)
        docx_rows.append(["\n".join([cells[0]] + wraps)] + cells[1:])
        for i in range(1, len(raw)):
            text, over, fid = cell_parts(raw[i])
            kind = over or at["kind"]
            if kind == "*":
                kind = t.kinds[i] if i < len(t.kinds) else None
            if at["kind"] in ("h", "-") and not over:
                continue
            if kind == "-":
                continue
            c = cents_of(text, t.scale)
            if c is None:
                if text not in ("", "-", "–"):
                    raise SrcError(f"{where}: cell '{text}' is no amount (mark it {{-}})")
                continue
            year = at["y"] or (t.years[i] if i < len(t.years) else None)
            label = " ".join([cells[0]] + wraps).strip()
            doc.add_amount(c, kind, year, at["al"], label, at["opt"], fid, where)
        for w in wraps:
            doc.emit(w, [], docx=False)
    doc.tr.append(".TE")
    doc.docx.append(("table", docx_rows))


def tr_cell(c):
    c = c.replace("\\", "\\e")
    return "\\&" + c if c.startswith(".") or c.startswith("'") else c


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_PARTS = {
    "[Content_Types].xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
}


def write_docx(path, blocks):
    """A minimal DOCX (what a word processor writes, without styles): one paragraph per
    text line, tables as w:tbl with a paragraph per line of a cell, w:br page breaks."""
    from xml.sax.saxutils import escape

    def para(text):
        if not text.strip():
            return "<w:p/>"
        return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    body = []
    for b in blocks:
        if b[0] == "p":
            body.append(para(b[1]))
        elif b[0] == "page":
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        elif b[1]:
            rows = "".join("<w:tr>" + "".join(
                "<w:tc>" + "".join(para(x) for x in c.split("\n")) + "</w:tc>" for c in row)
                + "</w:tr>" for row in b[1])
            body.append(f"<w:tbl><w:tblPr><w:tblBorders/></w:tblPr>{rows}</w:tbl>")
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
           f'<w:body>{"".join(body)}</w:body></w:document>')
    import zipfile
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in DOCX_PARTS.items():
            z.writestr(name, data)
        z.writestr("word/document.xml", xml)


TR_PREAMBLE = [".pl 29.7c", ".ll 16.5c", ".po 2.3c", ".ps 10", ".vs 12.5", ".nf", ".sp 2c"]


def generate(path, cbs):
    name = os.path.splitext(os.path.basename(path))[0]
    doc = Doc(name)
    doc.tr.extend(TR_PREAMBLE)
    table = None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for no, raw in enumerate(lines, 1):
        where = f"{path}:{no}"
        if table is not None:
            s = raw.strip()
            if s == "@end":
                render_table(doc, table)
                table = None
            elif s == "@page":
                table.rows.append(("page",))
            elif s.startswith("+ "):
                table.rows[-1][3].append(s[2:])
            elif "::" in s:
                head, _, cells = s.partition("::")
                at = parse_attrs(head.split(), where)
                table.rows.append(("row", at, [c.strip() for c in cells.split("|")], [], where))
            elif s:
                raise SrcError(f"{where}: not a table row: {s}")
            continue
        if raw.startswith("#"):
            key, _, val = raw[1:].partition(" ")
            val = val.strip()
            tr = doc.truth
            if key == "municipality":
                if val != "null":
                    if val not in cbs:
                        raise SrcError(f"{where}: {val} is not in the CBS list")
                    tr["municipality"] = {"code": val, "name": cbs[val]}
            elif key == "date":
                tr["date"] = None if val == "null" else val
            elif key == "genre":
                tr["genre"] = val
            elif key == "ref":
                tr["references"].append(val)
            elif key == "decision":
                d, body, outcome, subject = val.split(" ", 3)
                tr["decisions"].append({"date": None if d == "null" else d, "body": body,
                                        "outcome": outcome, "subject": subject})
            elif key == "finding":
                parts = val.split()
                fid, kind = parts[0], parts[1]
                if kind not in FINDING_KINDS:
                    raise SrcError(f"{where}: unknown finding kind {kind}")
                f = {"kind": kind, "stated_cents": None, "computed_cents": None,
                     "page": None, "line": None}
                for p in parts[2:]:
                    if p.startswith("computed="):
                        f["computed_cents"] = int(p[9:])
                    elif p.startswith("stated="):
                        f["stated_cents"] = int(p[7:])
                    elif p.startswith("same="):  # placed where another finding is
                        f["_same"] = p[5:]
                    elif p == "optional":  # may be reported, need not be
                        f["optional"] = True
                    else:
                        raise SrcError(f"{where}: unknown finding attribute '{p}'")
                doc.findings[fid] = f
                tr["findings"].append(f)
            elif key == "note":
                pass
            else:
                raise SrcError(f"{where}: unknown header #{key}")
            continue
        if raw.strip() == "@page":
            doc.new_page()
            continue
        if raw.startswith("@table"):
            words = raw.split()
            if len(words) < 2:
                raise SrcError(f"{where}: @table needs a style")
            table = Table(words[1], words[2:], where)
            continue
        prose_line(doc, raw, where)
    if table is not None:
        raise SrcError(f"{path}: @table without @end")
    for fid, f in doc.findings.items():
        same = f.pop("_same", None)
        if same:
            f["page"], f["line"] = doc.finding(same, path)["page"], doc.finding(same, path)["line"]
        if f["page"] is None:
            raise SrcError(f"{path}: finding {fid} is marked nowhere")
    doc.truth["pages"] = doc.page
    return doc


def main(argv):
    if len(argv) < 3:
        print("gebruik: gen.py UITMAP BRON...", file=sys.stderr)
        return 2
    out = argv[1]
    cbs = load_cbs()
    for sub in ("txt", "tr", "truth", "docx"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    for src in argv[2:]:
        try:
            doc = generate(src, cbs)
        except SrcError as e:
            print(f"gen.py: {e}", file=sys.stderr)
            return 1
        with open(os.path.join(out, "txt", doc.name + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(doc.txt) + "\n")
        with open(os.path.join(out, "tr", doc.name + ".tr"), "w", encoding="utf-8") as f:
            f.write("\n".join(doc.tr) + "\n")
        write_docx(os.path.join(out, "docx", doc.name + ".docx"), doc.docx)
        with open(os.path.join(out, "truth", doc.name + ".json"), "w", encoding="utf-8") as f:
            json.dump(doc.truth, f, ensure_ascii=False, indent=1)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
