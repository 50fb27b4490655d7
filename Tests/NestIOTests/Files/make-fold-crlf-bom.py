#!/usr/bin/env python3
"""Writes fold-crlf-bom.dxf: a small AAMA-style style file as a Windows CAD system writes it.
UTF-8 byte-order mark, CR LF line ends, a 999 comment, one block per piece and size, a fold
(mirror) line on layer 6 along the centre back, an ASTM quantity, an annotation naming the
material, a repeated vertex at a notch, and a grading loop at one corner of size 44."""


def g(code, value):
    return f"{code}\r\n{value}\r\n"


def polyline(layer, pts, closed=False):
    s = g(0, "POLYLINE") + g(8, layer) + g(66, 1) + g(10, 0) + g(20, 0) + g(70, 1 if closed else 0)
    for x, y in pts:
        s += g(0, "VERTEX") + g(8, layer) + g(10, x) + g(20, y)
    return s + g(0, "SEQEND") + g(8, layer)


def line(layer, a, b):
    return g(0, "LINE") + g(8, layer) + g(10, a[0]) + g(20, a[1]) + g(11, b[0]) + g(21, b[1])


def text(layer, x, y, t):
    return g(0, "TEXT") + g(8, layer) + g(10, x) + g(20, y) + g(40, 3) + g(1, t)


blocks = inserts = ""
for k, (size, grow) in enumerate([("40", 0.0), ("42", 10.0), ("44", 20.0)]):
    name = f"TEE_BK_{size}"
    w, h = 250 + grow, 600 + grow
    # Half of a back: the fold runs along x = 0 (the centre back); a notch point written twice.
    pts = [(0, 0), (w, 0), (w, h * 0.6), (w * 0.6, h * 0.8), (w * 0.6, h * 0.8), (w * 0.4, h), (0, h)]
    if size == "44":  # the outline overshoots a corner and comes back: a loop of about 1 mm²
        pts = [(0, 0), (w, 0), (w, h * 0.6 + 3), (w + 0.8, h * 0.6), (w * 0.6, h * 0.8), (w * 0.4, h), (0, h)]
    body = polyline("1", pts, closed=True) + line("6", (0, 0), (0, h)) + line("7", (w / 2, 100), (w / 2, 400))
    body += text("1", 30, 50, "Piece Name: TEE_BK") + text("1", 30, 60, f"Size: {size}")
    if size == "42":
        body += text("1", 30, 70, "Quantity: 1,0") + text("1", 30, 80, "ANNOTATION: 1XJERSEY")
    blocks += g(0, "BLOCK") + g(8, "0") + g(2, name) + g(70, 0) + g(10, 0) + g(20, 0) + g(3, name) + body + g(0, "ENDBLK") + g(8, "0")
    inserts += g(0, "INSERT") + g(8, "0") + g(2, name) + g(10, k * 400) + g(20, 0)
doc = "\ufeff" + g(999, "nest test style: BOM, CR LF, fold line, ASTM quantity, grading loop")
doc += g(0, "SECTION") + g(2, "HEADER") + g(9, "$INSUNITS") + g(70, 4) + g(0, "ENDSEC")
doc += g(0, "SECTION") + g(2, "BLOCKS") + blocks + g(0, "ENDSEC")
doc += g(0, "SECTION") + g(2, "ENTITIES") + inserts + text("0", 0, -50, "Style Name: TEE-CRLF")
doc += text("0", 0, -60, "Sample Size: 42") + text("0", 0, -70, "Units: METRIC") + g(0, "ENDSEC") + g(0, "EOF")
with open(__file__.replace("make-", "").replace(".py", ".dxf"), "w", encoding="utf-8", newline="") as f:
    f.write(doc)
