#!/usr/bin/env python3
"""Independent checker of the report.json files that `nest` writes ("nest-report/1").

    python3 Tests/ReportChecker/check_report.py REPORT.json [--tol MM] [--max-fails N]

It believes nothing in the report but the geometry: every figure the report states
(areas, yields, counts) is measured again from the rings, and every rule (inside the
stock, margin, spacing, defects, quality zones) is checked on the rings with shapely.
It shares no code with nest (Swift) nor with any other verifier. The format is
described in docs/report-format.md.

Output: one "FAIL: ..." line per violation (at most --max-fails of them, then a count),
exit status 1; or, when all is well, a last line starting with "OK:", exit status 0.
A file that cannot be read or is not a report of this format gives one
"FAIL: cannot read ..." line and exit status 1. Without shapely 2: a message, status 2.
"""

import argparse
import json
import math
import sys
from collections import Counter

FORMAT = "nest-report/1"
DEFAULT_TOL_MM = 1e-3     # distances: a rule holds when missed by no more than this
AREA_REL_TOL = 1e-6       # areas: |stated - measured| <= max(AREA_ABS_TOL, AREA_REL_TOL * measured)
AREA_ABS_TOL = 0.01       # mm²
LEATHER_SLIVER = 1.0      # mm²: a grade region smaller than this (an overlay's sliver) is no leather of that grade
YIELD_TOL = 1e-3          # yields: percentage points (the report rounds them to 4 decimals)
MAX_COORD = 1e9           # mm: a coordinate beyond this is no stock or part (and would overflow areas)


def load_shapely():
    try:
        import numpy
        import shapely
    except ImportError as e:
        sys.stderr.write(f"check_report.py: needs shapely 2 (python3 -m pip install 'shapely>=2'): {e}\n")
        sys.exit(2)
    if int(shapely.__version__.split(".")[0]) < 2:
        sys.stderr.write(f"check_report.py: needs shapely 2 or newer, found {shapely.__version__} "
                         "(python3 -m pip install -U 'shapely>=2')\n")
        sys.exit(2)
    return numpy, shapely


# ---------------------------------------------------------------------------------------
# Reading: the report's structure, strictly. Anything malformed raises Unreadable.

class Unreadable(Exception):
    pass


def _reject_constant(name):
    raise Unreadable(f"{name} is not a JSON number")


def read_json(path):
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise Unreadable(str(e))
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise Unreadable("nested too deeply")
    except ValueError as e:  # json.JSONDecodeError is a ValueError
        raise Unreadable(f"not valid JSON: {e}")


KINDS = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v),
    "bool": lambda v: isinstance(v, bool),
    "list": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def field(obj, key, kind, where, required=True):
    """obj[key], which must be of `kind`; None when absent and not required."""
    if key not in obj:
        if required:
            raise Unreadable(f"{where}: no field \"{key}\"")
        return None
    v = obj[key]
    if not KINDS[kind](v):
        raise Unreadable(f"{where}.{key}: expected a finite {kind}, found {json.dumps(v)[:60]}"
                         if kind == "number" else f"{where}.{key}: expected {kind}, found {json.dumps(v)[:60]}")
    return v


def ring(value, where):
    """A ring: a list of [x, y] points of finite numbers, closed or not."""
    if not isinstance(value, list):
        raise Unreadable(f"{where}: a ring must be a list of [x, y] points")
    pts = []
    for k, p in enumerate(value):
        if not (isinstance(p, list) and len(p) == 2 and all(KINDS["number"](c) for c in p)):
            raise Unreadable(f"{where}[{k}]: expected a point [x, y] of finite numbers, found {json.dumps(p)[:60]}")
        if abs(p[0]) > MAX_COORD or abs(p[1]) > MAX_COORD:
            raise Unreadable(f"{where}[{k}]: coordinate beyond {MAX_COORD:g} mm")
        pts.append((float(p[0]), float(p[1])))
    return pts


def rings(value, where):
    if not isinstance(value, list):
        raise Unreadable(f"{where}: expected a list of rings")
    return [ring(r, f"{where}[{k}]") for k, r in enumerate(value)]


def grade_rank(g, where):
    """A grade is one capital letter; A is the best, then B, C, D, ..."""
    if not (isinstance(g, str) and len(g) == 1 and "A" <= g <= "Z"):
        raise Unreadable(f"{where}: a grade must be a capital letter (A best), found {json.dumps(g)}")
    return ord(g) - ord("A")


def parse(doc):
    """Checks the structure and returns plain dicts with the rings as point lists."""
    if not isinstance(doc, dict):
        raise Unreadable("the top level is not a JSON object")
    r = {"format": field(doc, "format", "string", "report")}
    if r["format"] != FORMAT:
        raise Unreadable(f"format is \"{r['format']}\", expected \"{FORMAT}\"")
    field(doc, "job", "string", "report")
    field(doc, "seed", "integer", "report")
    for key in ("spacing_mm", "margin_mm", "yield_percent"):
        r[key] = field(doc, key, "number", "report")
    for key in ("usable_yield_percent", "stock_area_mm2", "placed_area_mm2"):
        r[key] = field(doc, key, "number", "report", required=False)
    r["parts_ordered"] = field(doc, "parts_ordered", "integer", "report")
    r["parts_placed"] = field(doc, "parts_placed", "integer", "report", required=False)
    notes = field(doc, "input_notes", "list", "report", required=False)
    if notes is not None and not all(isinstance(n, str) for n in notes):
        raise Unreadable("report.input_notes: expected a list of strings")
    if r["spacing_mm"] < 0 or r["margin_mm"] < 0:
        raise Unreadable("spacing_mm and margin_mm must not be negative")

    r["sheets"] = []
    for i, s in enumerate(field(doc, "sheets", "list", "report")):
        w = f"sheets[{i}]"
        if not isinstance(s, dict):
            raise Unreadable(f"{w}: expected an object")
        sheet = {
            "stock": field(s, "stock", "string", w),
            "kind": field(s, "kind", "string", w),
            "outline": ring(field(s, "outline", "list", w), f"{w}.outline"),
            "holes": rings(field(s, "holes", "list", w), f"{w}.holes"),
            "defects": rings(field(s, "defects", "list", w), f"{w}.defects"),
            "defect_kinds": field(s, "defect_kinds", "list", w, required=False),
            "zones": [],
            "placements": [],
            "toolpath": field(s, "toolpath", "object", w, required=False),
            "parts_by_grade": field(s, "parts_by_grade", "object", w, required=False),
            "leather_use": field(s, "leather_use", "list", w, required=False),
        }
        if sheet["kind"] not in ("hide", "roll"):
            raise Unreadable(f"{w}.kind: expected \"hide\" or \"roll\", found \"{sheet['kind']}\"")
        for key in ("area_mm2", "placed_area_mm2", "yield_percent", "length_mm"):
            sheet[key] = field(s, key, "number", w)
        sheet["usable_yield_percent"] = field(s, "usable_yield_percent", "number", w, required=False)
        field(s, "grain_deg", "number", w, required=False)
        for k, z in enumerate(field(s, "zones", "list", w)):
            wz = f"{w}.zones[{k}]"
            if not isinstance(z, dict):
                raise Unreadable(f"{wz}: expected an object")
            grade = field(z, "grade", "string", wz)
            sheet["zones"].append({"grade": grade, "rank": grade_rank(grade, f"{wz}.grade"),
                                   "outline": ring(field(z, "outline", "list", wz), f"{wz}.outline"),
                                   "defect_kind": field(z, "defect_kind", "string", wz, required=False)})
        for k, p in enumerate(field(s, "placements", "list", w)):
            wp = f"{w}.placements[{k}]"
            if not isinstance(p, dict):
                raise Unreadable(f"{wp}: expected an object")
            pl = {key: field(p, key, "string", wp) for key in ("part", "size", "side", "min_grade")}
            pl["material"] = field(p, "material", "string", wp, required=False)
            pl["rank"] = grade_rank(pl["min_grade"], f"{wp}.min_grade")
            for key in ("rotation_deg", "x", "y"):
                pl[key] = field(p, key, "number", wp)
            pl["mirrored"] = field(p, "mirrored", "bool", wp)
            pl["outline"] = ring(field(p, "outline", "list", wp), f"{wp}.outline")
            pl["holes"] = rings(field(p, "holes", "list", wp), f"{wp}.holes")
            sheet["placements"].append(pl)
        r["sheets"].append(sheet)

    r["unplaced"] = []
    for k, u in enumerate(field(doc, "unplaced", "list", "report")):
        wu = f"unplaced[{k}]"
        if not isinstance(u, dict):
            raise Unreadable(f"{wu}: expected an object")
        entry = {key: field(u, key, "string", wu) for key in ("part", "size", "side")}
        entry["reason"] = u.get("reason")      # checked as a rule, not as structure
        entry["min_grade"] = field(u, "min_grade", "string", wu, required=False)
        r["unplaced"].append(entry)
    r["open_order_lines"] = field(doc, "open_order_lines", "list", "report", required=False)
    r["statistics"] = field(doc, "statistics", "object", "report", required=False)
    return r


# ---------------------------------------------------------------------------------------
# Checking.

class Checker:
    def __init__(self, report, tol, np, shapely):
        self.r = report
        self.tol = tol
        self.np = np
        self.sh = shapely
        self.fails = []

    def fail(self, text):
        self.fails.append(text)

    # Helpers ----------------------------------------------------------------------------

    def polygon(self, outline, holes=()):
        """(shapely polygon or None, why not valid or None)."""
        for r in (outline, *holes):
            if len(set(r)) < 3:
                return None, "a ring has fewer than 3 distinct points"
        try:
            poly = self.sh.Polygon(outline, holes)
        except (ValueError, self.sh.errors.GEOSException) as e:
            return None, str(e)
        if not poly.is_valid:
            return poly, self.sh.is_valid_reason(poly)
        if poly.area <= 0:
            return poly, "zero area"
        return poly, None

    # Comparisons are written "not (within)" so that a NaN never passes.

    def area_differs(self, stated, measured):
        return not (abs(stated - measured) <= max(AREA_ABS_TOL, AREA_REL_TOL * abs(measured)))

    @staticmethod
    def yield_differs(stated, measured):
        return not (abs(stated - measured) <= YIELD_TOL)

    @staticmethod
    def yield_of(placed, area):
        return 100 * placed / area if area > 0 else 0.0

    def clearance_violations(self, parts, obstacles):
        """Pairs (part index, obstacle index, distance) where a part comes nearer to an
        obstacle than the obstacle's clearance allows. `obstacles` holds tuples
        (geometry, clearance mm, applies(part index) -> bool). A clearance of at most
        `tol` means "do not overlap": the part may touch but not enter the obstacle by
        more than `tol`."""
        sh, np, tol = self.sh, self.np, self.tol
        if not parts or not obstacles:
            return []
        geoms = np.array([o[0] for o in obstacles], dtype=object)
        reach = max(o[1] for o in obstacles)
        tree = sh.STRtree(geoms)
        part_geoms = np.array([g for _, g in parts], dtype=object)
        pi, oi = tree.query(part_geoms, predicate="dwithin", distance=max(reach - tol, 0.0))
        out = []
        eroded = {}
        for a, b in zip(pi.tolist(), oi.tolist()):
            index, geom = parts[a]
            obstacle, clearance, applies = obstacles[b]
            if not applies(index):
                continue
            if clearance > tol:
                d = sh.distance(geom, obstacle)
                if not (d >= clearance - tol):
                    out.append((index, b, d))
            else:
                if b not in eroded:
                    eroded[b] = obstacle.buffer(-tol)
                if geom.intersects(eroded[b]):
                    out.append((index, b, 0.0))
        return out

    # The checks -------------------------------------------------------------------------

    def run(self):
        r = self.r
        total_area = total_placed = total_usable = 0.0
        placed_count = 0
        for n, sheet in enumerate(r["sheets"], start=1):
            area, placed, usable = self.check_sheet(n, sheet)
            total_area += area
            total_placed += placed
            total_usable += usable
            placed_count += len(sheet["placements"])
        self.check_totals(total_area, total_placed, total_usable, placed_count)
        self.check_unplaced(placed_count)
        return placed_count, self.yield_of(total_placed, total_area), self.yield_of(total_placed, total_usable)

    def check_sheet(self, n, sheet):
        sh, tol = self.sh, self.tol
        margin, spacing = self.r["margin_mm"], self.r["spacing_mm"]
        name = f"sheet {n} ({sheet['stock']})"
        placements = sheet["placements"]

        def label(i):
            p = placements[i]
            what = " ".join(x for x in (p["part"], p["size"], p["side"]) if x)
            return f"{name} part #{i} ({what}, grade {p['min_grade']})"

        # The stock.
        stock, why = self.polygon(sheet["outline"], sheet["holes"])
        stock_ok = why is None  # where it is not, the containment checks are left out
        if not stock_ok:
            self.fail(f"{name}: the stock outline is not a valid polygon: {why}")
        stock_area = stock.area if stock is not None else 0.0
        if self.area_differs(sheet["area_mm2"], stock_area):
            self.fail(f"{name}: area_mm2 is {sheet['area_mm2']:.3f} but the outline minus holes measures {stock_area:.3f} mm²")
        if sheet["kind"] == "roll":
            xs = [x for x, _ in sheet["outline"]]
            if not (abs((max(xs) - min(xs)) - sheet["length_mm"]) <= tol):
                self.fail(f"{name}: length_mm is {sheet['length_mm']:.3f} but the roll outline is "
                          f"{max(xs) - min(xs):.3f} mm long")
        elif sheet["length_mm"] != 0:
            self.fail(f"{name}: a hide has length_mm {sheet['length_mm']} (expected 0)")

        defects = []
        for k, d in enumerate(sheet["defects"]):
            poly, why = self.polygon(d)
            if why:
                self.fail(f"{name}: defect {k} is not a valid polygon: {why}")
                poly = sh.make_valid(poly) if poly is not None else None
            defects.append(poly)
        kinds = sheet["defect_kinds"]
        if kinds is not None and len(kinds) != len(defects):
            self.fail(f"{name}: {len(kinds)} defect_kinds for {len(defects)} defects")

        zones = []
        for k, z in enumerate(sheet["zones"]):
            poly, why = self.polygon(z["outline"])
            if why:
                self.fail(f"{name}: zone {k} (grade {z['grade']}) is not a valid polygon: {why}")
                poly = sh.make_valid(poly) if poly is not None else None
            zones.append(poly)

        # The parts.
        parts = []        # (placement index, polygon) of the valid parts
        placed_area = 0.0
        for i, p in enumerate(placements):
            poly, why = self.polygon(p["outline"], p["holes"])
            if poly is not None:
                placed_area += poly.area
            if why:
                self.fail(f"{label(i)}: the outline is not a valid polygon: {why}")
                continue
            if p["mirrored"] != (p["side"] == "R"):
                self.fail(f"{label(i)}: mirrored is {str(p['mirrored']).lower()} for side \"{p['side']}\" "
                          "(a part is mirrored exactly when it is a right part)")
            if p["side"] not in ("L", "R", ""):
                self.fail(f"{label(i)}: side \"{p['side']}\" is not L, R or empty")
            parts.append((i, poly))

        # Inside the stock outline and, when there is a margin, at least that far from it.
        if stock_ok:
            shell = sh.Polygon(stock.exterior)
            grown = shell.buffer(tol)
            edge = stock.exterior
            for i, poly in parts:
                if not grown.covers(poly):
                    outside = poly.difference(shell).area
                    self.fail(f"{label(i)}: {outside:.3f} mm² outside the stock outline")
                elif margin > tol:
                    d = poly.distance(edge)
                    if not (d >= margin - tol):
                        self.fail(f"{label(i)}: {d:.4f} mm from the stock edge, margin {margin:g} mm")

        # Clear of holes, defects and zones that are worse than the part's grade.
        rank = {i: placements[i]["rank"] for i, _ in parts}
        obstacles, names = [], []
        for k, h in enumerate(stock.interiors if stock_ok else []):
            obstacles.append((sh.Polygon(h), margin, lambda i: True))
            names.append(f"stock hole {k}")
        for k, d in enumerate(defects):
            if d is not None:
                kind = f" ({kinds[k]})" if kinds is not None and k < len(kinds) else ""
                obstacles.append((d, margin, lambda i: True))
                names.append(f"defect {k}{kind}")
        for k, z in enumerate(sheet["zones"]):
            if zones[k] is None:
                continue
            worse = (lambda zr: (lambda i: zr > rank[i]))(z["rank"])
            # A zone that is a minor or major defect (`defect_kind`) is a defect for the parts
            # it blocks: they keep the margin from it too. A plain quality zone only may not
            # be entered.
            clearance = margin if z["defect_kind"] is not None else 0.0
            obstacles.append((zones[k], clearance, worse))
            kind = f", {z['defect_kind']}" if z["defect_kind"] is not None else ""
            names.append(f"zone {k} (grade {z['grade']}{kind})")
        for i, b, d in self.clearance_violations(parts, obstacles):
            geom, clearance = obstacles[b][0], obstacles[b][1]
            if d > 0:
                self.fail(f"{label(i)}: {d:.4f} mm from {names[b]}, margin {clearance:g} mm")
            else:
                inside = dict(parts)[i].intersection(geom).area
                self.fail(f"{label(i)}: overlaps {names[b]} by {inside:.3f} mm²"
                          + (f" (margin {clearance:g} mm)" if clearance > tol else ""))

        # Every pair of parts at least the spacing apart, never overlapping.
        self.check_spacing(parts, spacing, label, placements)

        # The sheet's figures.
        if self.area_differs(sheet["placed_area_mm2"], placed_area):
            self.fail(f"{name}: placed_area_mm2 is {sheet['placed_area_mm2']:.3f} but its parts measure {placed_area:.3f} mm²")
        y = self.yield_of(placed_area, stock_area)
        if self.yield_differs(sheet["yield_percent"], y):
            self.fail(f"{name}: yield_percent is {sheet['yield_percent']:.4f} but measures {y:.4f}")
        # The stock less the union of the `defects` rings, clipped to it (holes are already
        # out of the stock; defect zones count as leather).
        blocking = [d for d in defects if d is not None]
        usable = (stock.difference(self.sh.union_all(blocking)).area
                  if blocking and stock is not None and stock_ok else stock_area)
        if sheet["usable_yield_percent"] is not None:
            uy = self.yield_of(placed_area, usable)
            if self.yield_differs(sheet["usable_yield_percent"], uy):
                self.fail(f"{name}: usable_yield_percent is {sheet['usable_yield_percent']:.4f} but measures {uy:.4f} "
                          f"(placed area over {usable:.1f} mm² of stock less defects)")
        self.check_sheet_extras(name, sheet)
        if sheet["leather_use"] is not None and stock is not None and stock_ok:
            self.check_leather_use(name, sheet, stock.difference(self.sh.union_all(blocking)) if blocking else stock,
                                   zones, parts)
        return stock_area, placed_area, usable

    def check_leather_use(self, name, sheet, usable, zones, parts):
        """leather_use: the usable leather split into grade regions (a point is of the worst
        zone's grade on it, A outside every zone), each divided among the parts on it."""
        sh = self.sh
        placements = sheet["placements"]
        if sheet["kind"] == "roll":
            if sheet["leather_use"]:
                self.fail(f"{name}: a roll has leather_use entries")
            return
        regions = {}
        taken = None
        for rank in (3, 2, 1, 0):
            if rank == 0:
                region = usable if taken is None else usable.difference(taken)
            else:
                marks = [z for z, spec in zip(zones, sheet["zones"]) if z is not None and spec["rank"] == rank]
                if not marks:
                    continue
                region = usable.intersection(sh.union_all(marks))
                if taken is not None:
                    region = region.difference(taken)
            if region.area < LEATHER_SLIVER:
                continue
            regions[rank] = region
            taken = region if taken is None else sh.union_all([taken, region])
        expected = {}
        for rank, region in regions.items():
            needed = better = 0.0
            for i, poly in parts:
                p = placements[i]
                if p["rank"] < rank:
                    continue
                a = poly.intersection(region).area
                if p["rank"] == rank:
                    needed += a
                else:
                    better += a
            expected["ABCD"[rank]] = (region.area, needed, better, max(0.0, region.area - needed - better))
        tol = max(AREA_ABS_TOL, 1e-4 * sheet["area_mm2"])
        stated = {}
        for k, u in enumerate(sheet["leather_use"]):
            if not isinstance(u, dict) or u.get("grade") not in ("A", "B", "C", "D"):
                self.fail(f"{name}: leather_use[{k}] is not an object with a grade A to D")
                continue
            stated[u["grade"]] = u
        if sorted(stated) != sorted(expected):
            self.fail(f"{name}: leather_use lists grades {sorted(stated)} but the hide has leather of "
                      f"grades {sorted(expected)}")
        for g in sorted(set(stated) & set(expected)):
            for key, value in zip(("area_mm2", "needed_mm2", "better_than_needed_mm2", "free_mm2"), expected[g]):
                v = stated[g].get(key)
                if not (KINDS["number"](v) and abs(v - value) <= tol):
                    self.fail(f"{name}: leather_use grade {g} {key} is {json.dumps(v)} but measures {value:.3f} mm²")

    def check_spacing(self, parts, spacing, label, placements):
        sh, np, tol = self.sh, self.np, self.tol
        if len(parts) < 2:
            return
        geoms = np.array([g for _, g in parts], dtype=object)
        tree = sh.STRtree(geoms)
        reach = max(spacing - tol, 0.0)
        a, b = tree.query(geoms, predicate="dwithin", distance=reach)
        keep = a < b
        a, b = a[keep], b[keep]
        if len(a) == 0:
            return
        dist = sh.distance(geoms[a], geoms[b])
        for x, y, d in zip(a.tolist(), b.tolist(), dist.tolist()):
            i, j = parts[x][0], parts[y][0]
            other = " ".join(v for v in (placements[j]["part"], placements[j]["size"], placements[j]["side"]) if v)
            if spacing > tol:
                if d >= spacing - tol:
                    continue
            elif not geoms[x].buffer(-tol / 2).intersects(geoms[y].buffer(-tol / 2)):
                continue  # touching, which spacing 0 allows
            if d > 0:
                self.fail(f"{label(i)} and part #{j} ({other}): {d:.4f} mm apart, spacing {spacing:g} mm")
            else:
                overlap = geoms[x].intersection(geoms[y]).area
                self.fail(f"{label(i)} and part #{j} ({other}): overlap by {overlap:.3f} mm², spacing {spacing:g} mm")

    def check_sheet_extras(self, name, sheet):
        """Optional per-sheet fields nest writes: parts_by_grade, the toolpath summary, and
        the left/right pairs of a hide."""
        placements = sheet["placements"]
        if sheet["parts_by_grade"] is not None:
            counted = Counter(p["min_grade"] for p in placements)
            stated = sheet["parts_by_grade"]
            if {g: n for g, n in stated.items()} != dict(counted):
                self.fail(f"{name}: parts_by_grade is {json.dumps(stated, sort_keys=True)} "
                          f"but the placements count {json.dumps(dict(counted), sort_keys=True)}")
        t = sheet["toolpath"]
        if t is not None:
            order = t.get("order")
            if not (isinstance(order, list) and all(KINDS["integer"](k) for k in order)
                    and sorted(order) == list(range(len(placements)))):
                self.fail(f"{name}: toolpath order is not each placement index (0..{len(placements) - 1}) once")
            rings_cut = sum(1 + len(p["holes"]) for p in placements)
            if t.get("contours") != rings_cut:
                self.fail(f"{name}: toolpath has {t.get('contours')} contours, the parts have {rings_cut} rings")
            for key in ("cut_length_mm", "air_length_mm", "estimated_seconds"):
                v = t.get(key)
                if not (KINDS["number"](v) and v >= 0):
                    self.fail(f"{name}: toolpath {key} is {json.dumps(v)}, not a number >= 0")
        if sheet["kind"] == "hide":
            # Left and right parts of a pair are cut from the same hide or not at all.
            sides = Counter((p["part"], p["size"], p.get("material"), p["side"]) for p in placements)
            for (part, size, material, side), n in sorted(sides.items(), key=str):
                if side == "L" and sides.get((part, size, material, "R"), 0) != n:
                    self.fail(f"{name}: {n} left and {sides.get((part, size, material, 'R'), 0)} right "
                              f"parts of {part} {size}: pairs must share a hide")
                if side == "R" and (part, size, material, "L") not in sides:
                    self.fail(f"{name}: {n} right and 0 left parts of {part} {size}: pairs must share a hide")

    def check_totals(self, area, placed, usable, placed_count):
        r = self.r
        if r["stock_area_mm2"] is not None and self.area_differs(r["stock_area_mm2"], area):
            self.fail(f"report: stock_area_mm2 is {r['stock_area_mm2']:.3f} but the sheets measure {area:.3f} mm²")
        if r["placed_area_mm2"] is not None and self.area_differs(r["placed_area_mm2"], placed):
            self.fail(f"report: placed_area_mm2 is {r['placed_area_mm2']:.3f} but the parts measure {placed:.3f} mm²")
        y = self.yield_of(placed, area)
        if self.yield_differs(r["yield_percent"], y):
            self.fail(f"report: yield_percent is {r['yield_percent']:.4f} but measures {y:.4f}")
        if r["usable_yield_percent"] is not None:
            uy = self.yield_of(placed, usable)
            if self.yield_differs(r["usable_yield_percent"], uy):
                self.fail(f"report: usable_yield_percent is {r['usable_yield_percent']:.4f} but measures {uy:.4f}")
        if r["parts_placed"] is not None and r["parts_placed"] != placed_count:
            self.fail(f"report: parts_placed is {r['parts_placed']} but the sheets hold {placed_count} placements")
        stats = r["statistics"]
        if stats is not None and stats.get("interrupted") is True and stats.get("stopped_early") is not True:
            self.fail("report: statistics say interrupted but not stopped_early")

    def check_unplaced(self, placed_count):
        r = self.r
        unplaced = r["unplaced"]
        if r["parts_ordered"] != placed_count + len(unplaced):
            self.fail(f"report: parts_ordered is {r['parts_ordered']} but {placed_count} placed + "
                      f"{len(unplaced)} unplaced = {placed_count + len(unplaced)}")
        for k, u in enumerate(unplaced):
            reason = u["reason"]
            if not (isinstance(reason, str) and reason.strip()):
                what = " ".join(x for x in (u["part"], u["size"], u["side"]) if x)
                self.fail(f"unplaced[{k}] ({what}): no reason given")
        lines = r["open_order_lines"]
        if lines is not None:
            open_by = Counter()
            for k, line in enumerate(lines):
                if not (isinstance(line, dict) and KINDS["integer"](line.get("parts_open"))
                        and line["parts_open"] > 0):
                    self.fail(f"open_order_lines[{k}]: parts_open is not a positive integer")
                    continue
                if not (isinstance(line.get("size"), str) and isinstance(line.get("panel"), str)):
                    self.fail(f"open_order_lines[{k}]: size and panel must be strings")
                    continue
                open_by[(line.get("size"), line.get("panel"))] += line["parts_open"]
            want = Counter((u["size"], u["part"]) for u in unplaced)
            if open_by != want:
                self.fail(f"open_order_lines count {sum(open_by.values())} open parts by size and panel, "
                          f"which does not match the {len(unplaced)} unplaced entries")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Check a nest report.json (format nest-report/1) from its geometry alone.")
    ap.add_argument("report", help="the report.json to check")
    ap.add_argument("--tol", type=float, default=DEFAULT_TOL_MM, metavar="MM",
                    help=f"distance tolerance in mm (default {DEFAULT_TOL_MM:g}): a margin, spacing or "
                         "zone rule missed by no more than this still holds")
    ap.add_argument("--max-fails", type=int, default=50, metavar="N", help="FAIL lines to print at most (default 50)")
    args = ap.parse_args(argv)
    if not (math.isfinite(args.tol) and args.tol >= 0):
        ap.error("--tol must be a finite number >= 0")
    np, shapely = load_shapely()

    try:
        report = parse(read_json(args.report))
    except Unreadable as e:
        print(f"FAIL: cannot read {args.report}: {e}")
        return 1
    checker = Checker(report, args.tol, np, shapely)
    try:
        placed, total_yield, usable_yield = checker.run()
    except Exception as e:  # shapely on a pathological input: still no traceback
        print(f"FAIL: cannot read {args.report}: the geometry could not be checked ({type(e).__name__}: {e})")
        return 1
    if checker.fails:
        shown = checker.fails[: max(args.max_fails, 0)]
        for line in shown:
            print(f"FAIL: {line}")
        if len(checker.fails) > len(shown):
            print(f"FAIL: ... and {len(checker.fails) - len(shown)} more")
        print(f"FAIL: {len(checker.fails)} violation(s) in {args.report}")
        return 1
    print(f"OK: {args.report}: {len(report['sheets'])} sheet(s), {placed} part(s) placed, "
          f"{len(report['unplaced'])} unplaced of {report['parts_ordered']}, yield {total_yield:.4f} %"
          + f" ({usable_yield:.4f} % of the stock less defects)"
          + f", tolerance {args.tol:g} mm")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
