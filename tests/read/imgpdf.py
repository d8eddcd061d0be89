#!/usr/bin/env python3
"""imgpdf.py: an image-only PDF (a scan) from JPEG pages, standard library only.

Usage: imgpdf.py OUT.pdf DPI PAGE.jpg...
Each JPEG becomes one page of its own size at DPI, embedded as it is (DCTDecode), with no
text layer: what a scanner without OCR gives. (ImageMagick's policy forbids writing PDF.)
"""
import struct
import sys


def jpeg_size(data):
    """(width, height, components) from the JPEG's SOF marker."""
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            raise ValueError("geen JPEG-marker")
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h, data[i + 9]
        i += 2 + length
    raise ValueError("geen SOF-marker in de JPEG")


def main(argv):
    if len(argv) < 4:
        print("gebruik: imgpdf.py UIT.pdf DPI PAGINA.jpg...", file=sys.stderr)
        return 2
    out, dpi, pages = argv[1], int(argv[2]), argv[3:]
    objs = []  # bytes of objects 1..n

    def add(b):
        objs.append(b)
        return len(objs)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    kids = []
    for p in pages:
        with open(p, "rb") as f:
            data = f.read()
        w, h, comps = jpeg_size(data)
        cs = b"/DeviceGray" if comps == 1 else b"/DeviceRGB"
        img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s "
                  b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
                  % (w, h, cs, len(data)) + data + b"\nendstream")
        pw, ph = w * 72.0 / dpi, h * 72.0 / dpi
        content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
        cid = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] "
                        b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_id, pw, ph, img, cid)))
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objs[pages_id - 1] = (b"<< /Type /Pages /Count %d /Kids [" % len(kids)
                          + b" ".join(b"%d 0 R" % k for k in kids) + b"] >>")
    buf = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, b in enumerate(objs, 1):
        offsets.append(len(buf))
        buf += b"%d 0 obj\n" % n + b + b"\nendobj\n"
    xref = len(buf)
    buf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        buf += b"%010d 00000 n \n" % o
    buf += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, catalog, xref)
    with open(out, "wb") as f:
        f.write(buf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
