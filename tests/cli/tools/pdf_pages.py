#!/usr/bin/env python3
"""pdf_pages.py N OUT: a PDF of N pages, each with one line of text ("Pagina i van N van het proefdocument"),
written directly (a few kilobytes a page, a 2,000-page file in well under a second), for
the page cap tests of pok read."""
import sys


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
            3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
    kids = []
    for i in range(n):
        page, content = 4 + 2 * i, 5 + 2 * i
        text = b"BT /F1 12 Tf 72 720 Td (Pagina %d van %d van het proefdocument) Tj ET" % (i + 1, n)
        objs[content] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text)
        objs[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                      b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content)
        kids.append(b"%d 0 R" % page)
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), n)
    data = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(data)
        data += b"%d 0 obj\n%s\nendobj\n" % (num, objs[num])
    xref = len(data)
    count = max(objs) + 1
    data += b"xref\n0 %d\n0000000000 65535 f \n" % count
    for num in range(1, count):
        data += b"%010d 00000 n \n" % offsets[num]
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, xref)
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
