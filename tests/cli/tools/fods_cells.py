#!/usr/bin/env python3
"""fods_cells.py FILE.fods: the cells of the first sheet of a flat ODS file as LibreOffice
saved them, one row a line, cells separated by tabs, each as TYPE:VALUE: float:97250.13,
date:2024-05-28, string:Jobhunter, or empty. The tests use it to see how a spreadsheet
read a CSV: whether an amount became a number (office:value-type="float") in its own
column."""
import sys
import xml.etree.ElementTree as ET

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def cell_text(c):
    return " ".join("".join(c.itertext()).split())


sheet = next(ET.parse(sys.argv[1]).iter("{%s}table" % TABLE))
for row in sheet.iter("{%s}table-row" % TABLE):
    cells = []
    for c in row.findall("{%s}table-cell" % TABLE):
        repeat = int(c.get("{%s}number-columns-repeated" % TABLE, "1"))
        kind = c.get("{%s}value-type" % OFFICE)
        if kind == "float":
            text = "float:" + c.get("{%s}value" % OFFICE)
        elif kind == "date":
            text = "date:" + c.get("{%s}date-value" % OFFICE)
        elif kind:
            text = kind + ":" + cell_text(c)
        else:
            text = ""
        cells += [text] * min(repeat, 64)  # a row's empty tail is one huge repeat
    while cells and not cells[-1]:
        cells.pop()
    if cells:
        print("\t".join(cells))
