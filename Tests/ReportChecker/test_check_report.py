#!/usr/bin/env python3
"""Mutation test of check_report.py: the clean report must pass, and every broken copy
of it must be caught.

    python3 Tests/ReportChecker/test_check_report.py REPORT.json

Each mutation breaks one rule of the report format on a copy of REPORT.json (a part
moved onto another, pushed out of the stock, into a defect, into the margin, ...), runs
the checker on it and expects exit status 1, a FAIL line that names the problem, and no
Python traceback. A few mutations that break nothing (a plain quality zone right beside a
part) must still pass. Exit status: 0 when every case behaves, 1 otherwise.
"""

import copy
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(HERE, "check_report.py")

try:
    import shapely
    from shapely import ops
    from shapely.geometry import Polygon
except ImportError:
    sys.stderr.write("test_check_report.py: needs shapely 2 (python3 -m pip install 'shapely>=2')\n")
    sys.exit(2)


class NotApplicable(Exception):
    """The report has nothing this mutation could break (e.g. no unplaced part)."""


# Helpers on the report's JSON -----------------------------------------------------------

def part_poly(p):
    return Polygon(p["outline"], p["holes"])


def stock_poly(s):
    return Polygon(s["outline"], s["holes"])


def translate(p, dx, dy):
    p["outline"] = [[x + dx, y + dy] for x, y in p["outline"]]
    p["holes"] = [[[x + dx, y + dy] for x, y in h] for h in p["holes"]]
    p["x"] += dx
    p["y"] += dy


def move_to(p, target):
    """Translates placement p so that a point inside it lands on `target`."""
    c = part_poly(p).representative_point()
    translate(p, target.x - c.x, target.y - c.y)


def sheet_with_parts(doc, at_least=1):
    for k, s in enumerate(doc["sheets"]):
        if len(s["placements"]) >= at_least:
            return k, s
    raise NotApplicable(f"no sheet with {at_least} parts")


def square(cx, cy, half):
    return [[cx - half, cy - half], [cx + half, cy - half], [cx + half, cy + half], [cx - half, cy + half]]


def closer(p, geom, gap):
    """Translates p straight towards `geom` until it is about `gap` mm from it."""
    poly = part_poly(p)
    a, b = ops.nearest_points(poly, geom)
    d = a.distance(b)
    if d <= max(gap, 0):
        raise NotApplicable("already that close")
    f = (d - gap) / d
    translate(p, (b.x - a.x) * f, (b.y - a.y) * f)


# The mutations: name, expected text in the output, function(doc) -> doc or raw text -----

def overlap(doc):
    _, s = sheet_with_parts(doc, 2)
    move_to(s["placements"][1], part_poly(s["placements"][0]).representative_point())
    return doc


def too_close_to_neighbour(doc):
    """Half the spacing from the nearest neighbour; with spacing 0, 0.5 mm into it."""
    _, s = sheet_with_parts(doc, 2)
    ps = [part_poly(p) for p in s["placements"]]
    tree = shapely.STRtree(ps)
    pairs = [(ps[i].distance(ps[j]), i, j) for i, j in zip(*tree.query(ps, predicate="dwithin", distance=50)) if i < j]
    pairs = [t for t in pairs if t[0] > 0]
    if not pairs:
        raise NotApplicable("no two parts apart and near")
    d, i, j = min(pairs)
    gap = doc["spacing_mm"] / 2 if doc["spacing_mm"] > 0 else -0.5
    closer(s["placements"][j], ps[i], gap)
    return doc


def into_hole(doc):
    for s in doc["sheets"]:
        if s["holes"] and s["placements"]:
            move_to(s["placements"][0], Polygon(s["holes"][0]).representative_point())
            return doc
    raise NotApplicable("no stock hole")


def within_margin_of_hole(doc):
    if doc["margin_mm"] <= 0:
        raise NotApplicable("margin is 0")
    for s in doc["sheets"]:
        if s["holes"] and s["placements"]:
            h = Polygon(s["holes"][0])
            p = min(s["placements"], key=lambda p: part_poly(p).distance(h))
            closer(p, h, doc["margin_mm"] / 2)
            return doc
    raise NotApplicable("no stock hole")


def outside(doc):
    _, s = sheet_with_parts(doc)
    minx, miny, maxx, maxy = stock_poly(s).bounds
    translate(s["placements"][0], maxx - minx + 1000, 0)
    return doc


def crossing_the_edge(doc):
    _, s = sheet_with_parts(doc)
    edge = stock_poly(s).exterior
    p = min(s["placements"], key=lambda p: part_poly(p).distance(edge))
    a, b = ops.nearest_points(part_poly(p), edge)
    d = a.distance(b) or 1.0
    f = (d + 5) / d  # onto the edge and 5 mm beyond it
    translate(p, (b.x - a.x) * f, (b.y - a.y) * f)
    return doc


def within_margin_of_edge(doc):
    if doc["margin_mm"] <= 0:
        raise NotApplicable("margin is 0")
    _, s = sheet_with_parts(doc)
    edge = stock_poly(s).exterior
    p = min(s["placements"], key=lambda p: part_poly(p).distance(edge))
    closer(p, edge, doc["margin_mm"] / 2)
    return doc


def into_defect(doc):
    for s in doc["sheets"]:
        if s["defects"] and s["placements"]:
            d = Polygon(s["defects"][0])
            move_to(s["placements"][0], d.representative_point())
            return doc
    # No defect anywhere (a roll): mark one under a placed part.
    _, s = sheet_with_parts(doc)
    c = part_poly(s["placements"][0]).representative_point()
    s["defects"].append(square(c.x, c.y, 3))
    if "defect_kinds" in s:
        s["defect_kinds"].append("scar")
    return doc


def within_margin_of_defect(doc):
    if doc["margin_mm"] <= 0:
        raise NotApplicable("margin is 0")
    for s in doc["sheets"]:
        if s["defects"] and s["placements"]:
            d = Polygon(s["defects"][0])
            p = min(s["placements"], key=lambda p: part_poly(p).distance(d))
            closer(p, d, doc["margin_mm"] / 2)
            return doc
    _, s = sheet_with_parts(doc)
    poly = part_poly(s["placements"][0])
    minx, miny, maxx, maxy = poly.bounds
    half = 2.0
    s["defects"].append(square(maxx + doc["margin_mm"] / 2 + half, (miny + maxy) / 2, half))
    if "defect_kinds" in s:
        s["defect_kinds"].append("scar")
    return doc


def into_worse_zone(doc):
    for s in doc["sheets"]:
        for z in s["zones"]:
            zp = Polygon(z["outline"])
            for p in s["placements"]:
                if p["min_grade"] < z["grade"] and zp.area > part_poly(p).area:
                    move_to(p, zp.representative_point())
                    return doc
    # No zone to move into: put a zone of the worst grade under a part that cannot take it.
    for s in doc["sheets"]:
        for p in s["placements"]:
            if p["min_grade"] < "D":
                c = part_poly(p).representative_point()
                s["zones"].append({"grade": "D", "outline": square(c.x, c.y, 3)})
                return doc
    raise NotApplicable("every part may lie on grade D")


def near_plain_zone(doc):
    """Allowed: a small quality zone of a worse grade right beside a part (zones have no
    margin). It sits a quarter of the spacing right of the part's rightmost point, too small
    to reach any other part."""
    if doc["spacing_mm"] <= 0:
        raise NotApplicable("spacing is 0")
    gap = w = doc["spacing_mm"] / 4
    for s in doc["sheets"]:
        for p in s["placements"]:
            if p["min_grade"] < "D":
                x, y = max(p["outline"])
                s["zones"].append({"grade": "D", "outline": [[x + gap, y - w / 2], [x + gap + w, y - w / 2],
                                                             [x + gap + w, y + w / 2], [x + gap, y + w / 2]]})
                s.pop("leather_use", None)  # the new zone changes it; the field is optional
                return doc
    raise NotApplicable("every part may lie on grade D")


def near_defect_zone(doc):
    """Not allowed: the same zone marked as a (minor or major) defect is kept at the margin."""
    if doc["margin_mm"] <= doc["spacing_mm"] / 4:
        raise NotApplicable("margin too small")
    doc = near_plain_zone(doc)
    for s in doc["sheets"]:
        if s["zones"] and "defect_kind" not in s["zones"][-1] and s["zones"][-1]["grade"] == "D":
            s["zones"][-1]["defect_kind"] = "scar"
    return doc


def change_total_yield(doc):
    doc["yield_percent"] += 0.5
    return doc


def change_sheet_yield(doc):
    doc["sheets"][0]["yield_percent"] -= 0.01
    return doc


def change_usable_yield(doc):
    if "usable_yield_percent" not in doc:
        raise NotApplicable("no usable_yield_percent")
    doc["usable_yield_percent"] += 0.01
    return doc


def change_sheet_area(doc):
    doc["sheets"][0]["area_mm2"] *= 1.001
    return doc


def delete_placement(doc):
    _, s = sheet_with_parts(doc)
    s["placements"].pop()
    return doc


def duplicate_count(doc):
    doc["parts_ordered"] += 1
    return doc


def drop_unplaced_reason(doc):
    if not doc["unplaced"]:
        # Move a placed part to the unplaced list, with no reason.
        _, s = sheet_with_parts(doc)
        p = s["placements"].pop()
        doc["unplaced"].append({"part": p["part"], "size": p["size"], "side": p["side"], "min_grade": p["min_grade"]})
    else:
        del doc["unplaced"][0]["reason"]
    return doc


def empty_unplaced_reason(doc):
    if not doc["unplaced"]:
        raise NotApplicable("nothing unplaced")
    doc["unplaced"][-1]["reason"] = " "
    return doc


def bow_tie(doc):
    _, s = sheet_with_parts(doc)
    o = s["placements"][0]["outline"]
    o[0], o[len(o) // 2] = o[len(o) // 2], o[0]
    return doc


def mirrored_left(doc):
    for s in doc["sheets"]:
        for p in s["placements"]:
            if p["side"] == "L":
                p["mirrored"] = True
                return doc
    raise NotApplicable("no left part")


def lone_left_part(doc):
    for s in doc["sheets"]:
        if s["kind"] == "hide":
            for k, p in enumerate(s["placements"]):
                if p["side"] == "R":
                    s["placements"].pop(k)
                    doc["unplaced"].append({"part": p["part"], "size": p["size"], "side": p["side"],
                                            "min_grade": p["min_grade"], "reason": "test"})
                    return doc
    raise NotApplicable("no right part on a hide")


def toolpath_order_short(doc):
    for s in doc["sheets"]:
        if "toolpath" in s and s["toolpath"]["order"]:
            s["toolpath"]["order"].pop()
            return doc
    raise NotApplicable("no toolpath (run without --toolpath none)")


def wrong_format(doc):
    doc["format"] = "nest-report/2"
    return doc


def truncated(doc):
    text = json.dumps(doc)
    return text[: len(text) // 2]


def leather_given_away_hidden(doc):
    """Moves leather from better_than_needed to needed: A leather given away looks used well."""
    for s in doc["sheets"]:
        for u in s.get("leather_use", []):
            if u["better_than_needed_mm2"] > 1000:
                u["needed_mm2"] += u["better_than_needed_mm2"]
                u["better_than_needed_mm2"] = 0
                return doc
    raise NotApplicable("no leather given to parts that needed worse")


def nan_coordinate(doc):
    _, s = sheet_with_parts(doc)
    s["placements"][0]["outline"][0][0] = float("nan")
    return json.dumps(doc)  # writes the token NaN, which JSON does not have


def null_coordinate(doc):
    _, s = sheet_with_parts(doc)
    s["placements"][0]["outline"][1][1] = None
    return doc


def missing_outline(doc):
    _, s = sheet_with_parts(doc)
    del s["placements"][0]["outline"]
    return doc


def not_an_object(doc):
    return "[1, 2, 3]"


MUTATIONS = [
    ("part moved onto another", "overlap by", overlap),
    ("part moved to half the spacing from a neighbour (or 0.5 mm into it)", "spacing", too_close_to_neighbour),
    ("part moved into a stock hole", "overlaps stock hole", into_hole),
    ("part moved within the margin of a stock hole", "mm from stock hole", within_margin_of_hole),
    ("part pushed far outside the stock", "outside the stock", outside),
    ("part pushed across the stock edge", "outside the stock", crossing_the_edge),
    ("part moved within the margin of the edge", "from the stock edge", within_margin_of_edge),
    ("part moved into a defect", "overlaps defect", into_defect),
    ("part moved within the margin of a defect", "mm from defect", within_margin_of_defect),
    ("part moved into a worse zone", "overlaps zone", into_worse_zone),
    ("defect zone (defect_kind) beside a part, within the margin", "mm from zone", near_defect_zone),
    ("total yield changed", "report: yield_percent", change_total_yield),
    ("sheet yield changed", "yield_percent is", change_sheet_yield),
    ("usable yield changed", "usable_yield_percent", change_usable_yield),
    ("sheet area changed", "area_mm2 is", change_sheet_area),
    ("placement deleted", "parts_ordered", delete_placement),
    ("parts_ordered changed", "parts_ordered", duplicate_count),
    ("unplaced reason dropped", "no reason", drop_unplaced_reason),
    ("unplaced reason blank", "no reason", empty_unplaced_reason),
    ("outline made a bow tie", "not a valid polygon", bow_tie),
    ("left part marked mirrored", "mirrored is true", mirrored_left),
    ("right part of a pair left off its hide", "pairs must share a hide", lone_left_part),
    ("toolpath order lost a part", "toolpath order", toolpath_order_short),
    ("leather given away booked as needed", "leather_use grade", leather_given_away_hidden),
    ("format changed", "cannot read", wrong_format),
    ("JSON truncated", "cannot read", truncated),
    ("NaN coordinate", "cannot read", nan_coordinate),
    ("null coordinate", "cannot read", null_coordinate),
    ("outline missing", "cannot read", missing_outline),
    ("top level not an object", "cannot read", not_an_object),
]

STILL_OK = [
    ("plain quality zone beside a part (no margin for zones)", near_plain_zone),
]


def run_checker(path):
    t = time.monotonic()
    r = subprocess.run([sys.executable, CHECKER, path], capture_output=True, text=True)
    return r, time.monotonic() - t


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: test_check_report.py REPORT.json\n")
        return 2
    path = sys.argv[1]
    with open(path) as f:
        original = json.load(f)
    tally = {"passed": 0, "failed": 0, "skipped": 0}

    def verdict(good, text, output=None):
        tally["passed" if good else "failed"] += 1
        print(("ok    " if good else "BAD   ") + text)
        if not good and output is not None:
            print("".join(f"      {line}\n" for line in (output.stdout + output.stderr).splitlines()[:8]), end="")

    r, seconds = run_checker(path)
    lines = r.stdout.splitlines()
    verdict(r.returncode == 0 and lines and lines[-1].startswith("OK:"),
            f"clean report passes ({seconds:.2f} s): {lines[-1] if lines else ''}", r)

    with tempfile.TemporaryDirectory() as tmp:
        def attempt(name, mutate):
            try:
                out = mutate(copy.deepcopy(original))
            except NotApplicable as e:
                tally["skipped"] += 1
                print(f"n/a   {name}: {e}")
                return None
            mutated = os.path.join(tmp, "report.json")
            with open(mutated, "w") as f:
                f.write(out if isinstance(out, str) else json.dumps(out))
            return run_checker(mutated)[0]

        for name, expected, mutate in MUTATIONS:
            r = attempt(name, mutate)
            if r is None:
                continue
            lines = r.stdout.splitlines()
            hit = [line for line in lines if line.startswith("FAIL:") and expected in line]
            good = r.returncode == 1 and bool(hit) and "Traceback" not in r.stderr
            if expected == "cannot read":
                good = good and len(lines) == 1   # unreadable input: exactly one line
            verdict(good, f"{name}: {hit[0]}" if good else f"{name}: exit {r.returncode}, "
                    f"expected a FAIL line with \"{expected}\"", r)

        for name, mutate in STILL_OK:
            r = attempt(name, mutate)
            if r is None:
                continue
            lines = r.stdout.splitlines()
            good = r.returncode == 0 and bool(lines) and lines[-1].startswith("OK:")
            verdict(good, f"{name}: still OK" if good else f"{name}: should pass, exit {r.returncode}", r)

        r = run_checker(os.path.join(tmp, "no-such-report.json"))[0]
        lines = r.stdout.splitlines()
        good = r.returncode == 1 and len(lines) == 1 and lines[0].startswith("FAIL: cannot read")
        verdict(good, f"missing file: {lines[0] if lines else ''}", r)

    print(f"report checker: {tally['passed']} passed, {tally['failed']} failed, {tally['skipped']} skipped")
    return 1 if tally["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
