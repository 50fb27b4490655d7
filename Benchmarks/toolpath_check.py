#!/usr/bin/env python3
"""Do the toolpath files say what the report says? Reads back every sheet-NN.plt (HPGL),
sheet-NN.nc (G-code) and sheet-NN.dxf (R12 polylines) that nest wrote into OUTDIR and
checks each against the sheet in OUTDIR/report.json, independently of nest's own code:

- every outline and every cut-out (hole) of every placement is cut by exactly one path,
  within the format's resolution (HPGL 1/40 mm, G-code and DXF 0.01 mm) both ways
  (each point of the contour near the path, each point of the path near the contour);
- every path is closed and matches a contour (no stray cut);
- a part's cut-outs are cut before its outline (a part cut free first would shift);
- the report's `toolpath.contours` counts the paths.

Coordinates are taken in the machine frame nest writes (origin at the sheet's lower-left
corner, millimetres), as the default machine profile has it: no leads, no conveyor
advances (a profile with windows or leads is outside this check).

Usage:
  python3 Benchmarks/toolpath_check.py OUTDIR [OUTDIR ...]
Exit 0 when every sheet passes; otherwise one line per problem and exit 1. Needs shapely.
"""
import json
import os
import re
import sys

from shapely.geometry import LineString, Point
from shapely.strtree import STRtree

TOLERANCE = {"plt": 0.03, "nc": 0.011, "dxf": 0.011}


def hpgl_paths(text):
    """Knife-down paths of an HPGL file, in mm (plotter units of 1/40 mm)."""
    paths, current = [], []
    for command in text.split(";"):
        c = command.strip()
        nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", c[2:])]
        pts = [(nums[i] / 40, nums[i + 1] / 40) for i in range(0, len(nums) - 1, 2)]
        if c.startswith("PU"):
            if len(current) > 1:
                paths.append(current)
            current = pts[-1:]
        elif c.startswith("PD"):
            current += pts
    if len(current) > 1:
        paths.append(current)
    return paths


def gcode_paths(text):
    """Tool-down paths of a G-code file: G0 starts a path, G1 with X and Y extends it."""
    paths, current = [], []
    for line in text.splitlines():
        words = line.split()
        if not words or words[0].startswith("("):
            continue
        if words[0] == "M100":
            sys.exit("conveyor advances (M100): a machine profile with windows is outside this check")
        coords = {w[0]: float(w[1:]) for w in words[1:] if w[0] in "XY"}
        if "X" not in coords or "Y" not in coords:
            continue
        p = (coords["X"], coords["Y"])
        if words[0] == "G0":
            if len(current) > 1:
                paths.append(current)
            current = [p]
        elif words[0] == "G1":
            current.append(p)
    if len(current) > 1:
        paths.append(current)
    return paths


def dxf_paths(text):
    """Polylines of a DXF R12 file (closed ones with their first point repeated)."""
    lines = [s.strip() for s in text.splitlines()]
    paths, current, entity, closed, x = [], [], "", False, 0.0
    for i in range(0, len(lines) - 1, 2):
        code, value = lines[i], lines[i + 1]
        if code == "0":
            if value == "SEQEND":
                paths.append(current + [current[0]] if closed and current else current)
                current = []
            entity = value
            if value == "POLYLINE":
                closed = False
        elif code == "70" and entity == "POLYLINE":
            closed = int(value) & 1 == 1
        elif code == "10" and entity == "VERTEX":
            x = float(value)
        elif code == "20" and entity == "VERTEX":
            current.append((x, float(value)))
    return paths


READERS = {"plt": hpgl_paths, "nc": gcode_paths, "dxf": dxf_paths}


def check_sheet(paths, sheet, tol, where):
    """Problems of one sheet's paths against its report entry."""
    problems = []
    xs = [p[0] for p in sheet["outline"]]
    ys = [p[1] for p in sheet["outline"]]
    ox, oy = min(xs), min(ys)
    lines = [LineString(p) if len(p) > 1 else None for p in paths]
    for k, p in enumerate(paths):
        if max(abs(p[0][0] - p[-1][0]), abs(p[0][1] - p[-1][1])) > tol:
            problems.append(f"{where}: path {k} is not closed ({p[0]} … {p[-1]})")
    tree = STRtree([ln for ln in lines if ln is not None])
    index = [k for k, ln in enumerate(lines) if ln is not None]
    used = {}
    for i, placement in enumerate(sheet["placements"]):
        rings = [("outline", placement["outline"])] + [(f"hole {h}", r) for h, r in enumerate(placement.get("holes") or [])]
        found = {}
        for name, ring in rings:
            contour = LineString([(x - ox, y - oy) for x, y in ring] + [(ring[0][0] - ox, ring[0][1] - oy)])
            near = [index[j] for j in tree.query(contour.buffer(tol + 1e-9))]
            matches = [k for k in near
                       if all(lines[k].distance(Point(q)) <= tol + 1e-9 for q in contour.coords)
                       and all(contour.distance(Point(q)) <= tol + 1e-9 for q in paths[k])]
            label = f"{where}: placement {i} ({placement.get('part')} {placement.get('size')} {placement.get('side', '')}) {name}"
            if len(matches) != 1:
                problems.append(f"{label} is cut by {len(matches)} paths")
                continue
            k = matches[0]
            if k in used:
                problems.append(f"{label} shares path {k} with {used[k]}")
            used[k] = label
            found[name] = k
        if "outline" in found:
            for name, k in found.items():
                if name != "outline" and k > found["outline"]:
                    problems.append(f"{where}: placement {i} {name} is cut after its outline")
    stray = [k for k in range(len(paths)) if k not in used]
    if stray:
        problems.append(f"{where}: {len(stray)} paths match no contour (first: path {stray[0]}, {len(paths[stray[0]])} points)")
    contours = (sheet.get("toolpath") or {}).get("contours")
    if contours is not None and contours != len(paths):
        problems.append(f"{where}: the report counts {contours} contours, the file has {len(paths)} paths")
    return problems


def check_folder(folder):
    """Problems of every toolpath file in one output folder, and how many files were read."""
    with open(os.path.join(folder, "report.json")) as f:
        report = json.load(f)
    problems, files = [], 0
    for n, sheet in enumerate(report["sheets"], start=1):
        for ext, read in READERS.items():
            path = os.path.join(folder, f"sheet-{n:02d}.{ext}")
            if not os.path.exists(path):
                continue
            files += 1
            with open(path, encoding="utf-8", errors="replace") as f:
                paths = read(f.read())
            problems += check_sheet(paths, sheet, TOLERANCE[ext], os.path.relpath(path))
    return problems, files


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    failures = 0
    for folder in sys.argv[1:]:
        problems, files = check_folder(folder)
        for p in problems:
            print(p)
        failures += len(problems)
        if not problems:
            print(f"{folder}: {files} toolpath files match the report")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
