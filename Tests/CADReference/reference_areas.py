#!/usr/bin/env python3
"""Independent reference for nest's AAMA/ASTM pattern DXF import: the area of every piece at
every size, as cut, read with ezdxf and measured with shapely (no code shared with nest).

    python3 reference_areas.py FILE.DXF  ->  JSON on stdout:
    {"units_mm": 25.4, "sizes_left_out": ["48"],
     "pieces": {"NAME": {"SIZE": {"area": mm2, "unfolded": true}}}}

What it reads, after the AAMA/ASTM D6673 conventions:
- one INSERT per piece and size; its block's TEXT on layer 1 gives `Piece Name:`, `Size:` and
  `Quantity:` (a whole number, or ASTM `n,m`);
- layer 1 boundary (polylines and lines end to end), layer 11 internal cut-outs, layer 6 the
  mirror (fold) line: the piece cut is the drawing united with its reflection about that line;
- units from $INSUNITS, else the `Units: METRIC|ENGLISH` text, else millimetres;
- a piece whose quantity is 0 (at the size that gives it) is not cut and left out, unless every
  piece has quantity 0 (no quantities set);
- spikes (the outline turning back by more than 179 degrees at a vertex) are removed;
- an outline that crosses itself is made valid and its largest face kept (holes that are not
  drawn cut-outs filled) when that changes its area by at most 0.5 %; otherwise the size is left
  out of the style.
"""
import io
import json
import math
import re
import sys

import ezdxf
from shapely import affinity
from shapely.geometry import Polygon
from shapely.ops import unary_union
from shapely.validation import make_valid

REPAIR_PERCENT = 0.5
JOIN = 0.1  # mm: ends closer than this meet


def units_mm(doc):
    insunits = doc.header.get("$INSUNITS", 0)
    table = {1: 25.4, 2: 304.8, 4: 1.0, 5: 10.0, 6: 1000.0}
    if insunits in table:
        return table[insunits]
    for e in doc.modelspace().query("TEXT MTEXT"):
        text = e.dxf.text if e.dxftype() == "TEXT" else e.text
        m = re.match(r"\s*units\s*:\s*(\w+)", text, re.I)
        if m:
            word = m.group(1).upper()
            if word in ("METRIC", "MM"):
                return 1.0
            if word in ("ENGLISH", "INCH", "IN"):
                return 25.4
            if word == "CM":
                return 10.0
    return 1.0


def points_of(e, scale):
    kind = e.dxftype()
    if kind == "LINE":
        return [tuple(e.dxf.start)[:2], tuple(e.dxf.end)[:2]], False
    if kind == "POLYLINE":
        pts = [tuple(v.dxf.location)[:2] for v in e.vertices]
        return pts, e.is_closed
    if kind == "LWPOLYLINE":
        return [tuple(p)[:2] for p in e.get_points("xy")], e.closed
    return None, False


def chain(pieces):
    """Closed rings from open pieces joined end to end (and closed pieces as they are)."""
    rings, open_pieces = [], []
    for pts, closed in pieces:
        if closed or (len(pts) > 2 and math.dist(pts[0], pts[-1]) <= JOIN):
            rings.append(pts)
        else:
            open_pieces.append(list(pts))
    while open_pieces:
        ring = open_pieces.pop(0)
        grown = True
        while grown and math.dist(ring[0], ring[-1]) > JOIN:
            grown = False
            for i, p in enumerate(open_pieces):
                if math.dist(ring[-1], p[0]) <= JOIN:
                    ring += p[1:]
                elif math.dist(ring[-1], p[-1]) <= JOIN:
                    ring += list(reversed(p))[1:]
                else:
                    continue
                open_pieces.pop(i)
                grown = True
                break
        if math.dist(ring[0], ring[-1]) <= JOIN and len(ring) > 3:
            rings.append(ring)
    return rings


def reflect(geom, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy)
    ux, uy = dx / n, dy / n
    m00, m01, m10, m11 = 2 * ux * ux - 1, 2 * ux * uy, 2 * ux * uy, 2 * uy * uy - 1
    xoff = a[0] - (m00 * a[0] + m01 * a[1])
    yoff = a[1] - (m10 * a[0] + m11 * a[1])
    return affinity.affine_transform(geom, [m00, m01, m10, m11, xoff, yoff])


def quantity_total(text):
    parts = [p.strip() for p in text.split(",")]
    return sum(int(p) for p in parts)


def piece_of(insert, scale):
    fields, boundary, cutouts, folds = {}, [], [], []
    for e in insert.virtual_entities():
        layer = e.dxf.layer
        if e.dxftype() in ("TEXT", "MTEXT"):
            text = e.dxf.text if e.dxftype() == "TEXT" else e.text
            m = re.match(r"\s*([A-Za-z ]+?)\s*:\s*(.*)$", text)
            if m:
                fields.setdefault(m.group(1).strip().lower(), m.group(2).strip())
            continue
        pts, closed = points_of(e, scale)
        if pts is None:
            continue
        pts = [(x * scale, y * scale) for x, y in pts]
        if layer == "1":
            boundary.append((pts, closed))
        elif layer == "11":
            cutouts.append((pts, closed))
        elif layer == "6" and e.dxftype() == "LINE":
            folds.append((pts[0], pts[-1]))
    rings = chain(boundary)
    if not rings:
        return None
    outline = max(rings, key=lambda r: abs(Polygon(r).area) if len(r) > 3 else 0)
    holes = chain(cutouts)
    return fields, outline, holes, folds


def turn_degrees(a, b, c):
    ux, uy = b[0] - a[0], b[1] - a[1]
    vx, vy = c[0] - b[0], c[1] - b[1]
    return abs(math.degrees(math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)))


def without_spikes(outline):
    """The outline without vertices where it turns back by more than 179 degrees (spikes),
    unless removing them changes its area by more than the repair tolerance."""
    points = [p for i, p in enumerate(outline) if i == 0 or p != outline[i - 1]]
    while len(points) > 1 and points[0] == points[-1]:
        points.pop()
    changed = True
    while changed and len(points) > 3:
        changed = False
        n = len(points)
        for k in range(n):
            a, b, c = points[k - 1], points[k], points[(k + 1) % n]
            if a != b and b != c and turn_degrees(a, b, c) > 179.0:
                del points[k]
                changed = True
                break
    before = abs(Polygon(outline).area) if len(outline) > 3 else 0
    if abs(abs(Polygon(points).area) - before) > REPAIR_PERCENT / 100 * before:
        return outline
    return points


def cut_shape(outline, holes, folds):
    """(area, broken) of the piece as cut."""
    drawn = Polygon(without_spikes(outline), holes)
    broken = False
    if not drawn.is_valid:
        faces = make_valid(drawn)
        polys = [g for g in getattr(faces, "geoms", [faces]) if g.geom_type == "Polygon"]
        polys += [h for g in getattr(faces, "geoms", []) if g.geom_type == "MultiPolygon" for h in g.geoms]
        total = sum(p.area for p in polys)
        largest = max(polys, key=lambda p: p.area)
        drawn_holes = [Polygon(h) for h in holes]
        kept_holes = [i for i in largest.interiors
                      if any(abs(Polygon(i).area - d.area) <= 0.01 * d.area and Polygon(i).intersects(d)
                             for d in drawn_holes)]
        kept = Polygon(largest.exterior, kept_holes)
        if abs(total - kept.area) > REPAIR_PERCENT / 100 * kept.area:
            return None, True
        drawn = kept
    shape = drawn
    for a, b in folds:
        shape = unary_union([shape, reflect(shape, a, b)])
    return shape.area, broken


def main(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    # Windows (CR LF) and old Mac (CR) line ends, as ezdxf.readfile would take them.
    doc = ezdxf.read(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")))
    scale = units_mm(doc)
    found = []
    for insert in doc.modelspace().query("INSERT"):
        p = piece_of(insert, scale)
        if p is None:
            continue
        fields, outline, holes, folds = p
        name = fields.get("piece name", insert.dxf.name)
        size = fields.get("size", "")
        found.append((name, size, fields.get("quantity"), outline, holes, folds))
    quantities = {}
    for name, size, q, *_ in found:
        if q is not None:
            quantities.setdefault(name, []).append(quantity_total(q))
    every_zero = bool(found) and all(name in quantities and all(v == 0 for v in quantities[name])
                                     for name in {f[0] for f in found})
    not_cut = set() if every_zero else {n for n, qs in quantities.items() if 0 in qs}
    pieces, left_out = {}, []
    for name, size, _, outline, holes, folds in found:
        if name in not_cut:
            continue
        area, broken = cut_shape(outline, holes, folds)
        if area is None:
            if size not in left_out:
                left_out.append(size)
            continue
        pieces.setdefault(name, {})[size] = {"area": area, "unfolded": bool(folds)}
    for sizes in pieces.values():
        for s in left_out:
            sizes.pop(s, None)
    json.dump({"units_mm": scale, "sizes_left_out": left_out, "pieces": pieces}, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1])
