#!/usr/bin/env python3
"""img_pdf.py OUT DPI PAGE.jpg...: a scanned PDF, one JPEG per page placed at DPI (the
JPEG stream embedded as it is, DCTDecode), without any text layer: what a scanner
writes. For the OCR tests and the bench of pok read (ImageMagick's policy forbids
writing PDF on Debian, and img2pdf is no dependency of pok)."""
import struct
import sys


def jpeg_size(data):
    """Width, height and colour components from the JPEG's start-of-frame marker."""
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            raise ValueError("no JPEG marker")
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return w, h, data[i + 9]
        i += 2 + length
    raise ValueError("no start of frame")


def main():
    out, dpi, files = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    kids = []
    for n, name in enumerate(files):
        with open(name, "rb") as f:
            jpg = f.read()
        w, h, comps = jpeg_size(jpg)
        page, content, image = 3 + 3 * n, 4 + 3 * n, 5 + 3 * n
        pw, ph = w * 72 / dpi, h * 72 / dpi
        cs = b"/DeviceGray" if comps == 1 else b"/DeviceRGB"
        objs[image] = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s "
                       b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
                       % (w, h, cs, len(jpg)) + jpg + b"\nendstream")
        draw = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (pw, ph)
        objs[content] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(draw), draw)
        objs[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "
                      b"/Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
                      % (pw, ph, image, content))
        kids.append(b"%d 0 R" % page)
    objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    with open(out, "wb") as f:
        f.write(b"%PDF-1.4\n")
        offsets = {}
        pos = 9
        for num in sorted(objs):
            offsets[num] = pos
            chunk = b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
            f.write(chunk)
            pos += len(chunk)
        count = max(objs) + 1
        f.write(b"xref\n0 %d\n0000000000 65535 f \n" % count)
        for num in range(1, count):
            f.write(b"%010d 00000 n \n" % offsets[num])
        f.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, pos))


if __name__ == "__main__":
    main()
