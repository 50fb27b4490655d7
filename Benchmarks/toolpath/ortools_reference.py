#!/usr/bin/env python3
"""OR-Tools reference for the toolpath benchmark (benchmark-only peer; `pip install ortools`).

    ortools_reference.py REPORT.json [--seconds S] [--candidates K]

For each sheet of a nest report: the same problem as `nest`'s cut sequencer (tour from the
sheet's bottom-left corner through every contour once and back, every part's cut-outs before
its outline), solved by OR-Tools routing as a generalized TSP: K candidate entry points per
contour (evenly spaced along it, by arc length) in a mandatory disjunction, precedence as
constraints on an order dimension (started from the report order: cheapest-arc construction
finds no feasible tour under them), guided local search for S seconds. With
--no-precedence the constraints are dropped: a relaxation that OR-Tools solves far better,
and whose optimum is a lower bound for the constrained problem on the same candidates. The tour found is then
polished with exact entry re-selection (continuous, the same as `nest`'s) for its order.
One JSON line per sheet.
"""
import argparse, json, math, sys, time

from ortools.constraint_solver import pywrapcp, routing_enums_pb2


def contours(sheet):
    """Per placement: its holes, then its outline. Returns (rings, predecessors)."""
    rings, preds = [], []
    for p in sheet["placements"]:
        holes = []
        for h in p.get("holes", []):
            holes.append(len(rings)); rings.append([tuple(q) for q in h]); preds.append([])
        rings.append([tuple(q) for q in p["outline"]]); preds.append(holes)
    return rings, preds


def perimeter_points(ring, k):
    n = len(ring)
    segs = [(ring[i], ring[(i + 1) % n]) for i in range(n)]
    lens = [math.dist(a, b) for a, b in segs]
    total = sum(lens)
    out, acc, i = [], 0.0, 0
    for j in range(k):
        target = total * j / k
        while i < n - 1 and acc + lens[i] < target:
            acc += lens[i]; i += 1
        a, b = segs[i]
        t = 0 if lens[i] == 0 else (target - acc) / lens[i]
        out.append((a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t))
    return out


def best_start(ring, p, q):
    """argmin over the ring of |p-s| + |s-q| (exact per edge, as CutSequencer does)."""
    best, best_cost = ring[0], float("inf")
    n = len(ring)
    for i in range(n):
        a, b = ring[i], ring[(i + 1) % n]
        ab = (b[0] - a[0], b[1] - a[1]); l2 = ab[0] ** 2 + ab[1] ** 2
        if l2 == 0:
            s = a
        else:
            cr = lambda u, v: u[0] * v[1] - u[1] * v[0]
            sp, sq = cr(ab, (p[0] - a[0], p[1] - a[1])), cr(ab, (q[0] - a[0], q[1] - a[1]))
            tq = q
            if (sp > 0) == (sq > 0) and sq != 0:
                u = ((q[0] - a[0]) * ab[0] + (q[1] - a[1]) * ab[1]) / l2
                f = (a[0] + ab[0] * u, a[1] + ab[1] * u)
                tq = (2 * f[0] - q[0], 2 * f[1] - q[1])
            d = (tq[0] - p[0], tq[1] - p[1]); den = cr(ab, d)
            if abs(den) > 1e-12:
                t = cr((p[0] - a[0], p[1] - a[1]), d) / den
            else:
                t = ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / l2
            t = min(1.0, max(0.0, t))
            s = (a[0] + ab[0] * t, a[1] + ab[1] * t)
        c = math.dist(p, s) + math.dist(s, q)
        if c < best_cost:
            best, best_cost = s, c
    return best


def tour_length(origin, pts):
    here, total = origin, 0.0
    for p in pts:
        total += math.dist(here, p); here = p
    return total + math.dist(here, origin)


def solve(sheet, seconds, k, precedence=True):
    rings, preds = contours(sheet)
    xs = [q[0] for q in sheet["outline"]]; ys = [q[1] for q in sheet["outline"]]
    origin = (min(xs), min(ys))
    nodes, owner = [origin], [-1]
    members = []
    for c, r in enumerate(rings):
        cands = perimeter_points(r, min(k, max(3, len(r))))
        members.append(list(range(len(nodes), len(nodes) + len(cands))))
        nodes += cands; owner += [c] * len(cands)
    n = len(nodes)
    dist = [[int(round(10 * math.dist(a, b))) for b in nodes] for a in nodes]
    manager = pywrapcp.RoutingIndexManager(n, 1, 0)
    routing = pywrapcp.RoutingModel(manager)
    cb = routing.RegisterTransitCallback(lambda i, j: dist[manager.IndexToNode(i)][manager.IndexToNode(j)])
    routing.SetArcCostEvaluatorOfAllVehicles(cb)
    for m in members:
        routing.AddDisjunction([manager.NodeToIndex(i) for i in m])
    one = routing.RegisterTransitCallback(lambda i, j: 1)
    routing.AddDimension(one, 0, n + 1, True, "order")
    order = routing.GetDimensionOrDie("order")
    solver = routing.solver()
    def position(c):
        return solver.Sum([order.CumulVar(manager.NodeToIndex(i)) * routing.ActiveVar(manager.NodeToIndex(i)) for i in members[c]])
    for b, ps in enumerate(preds):
        for a in ps if precedence else []:
            solver.Add(position(a) < position(b))
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.seconds = seconds
    t0 = time.time()
    # Start from the report order (each part's cut-outs, then its outline, first candidate):
    # feasible, and independent of nest's own heuristics. Cheapest-arc construction finds
    # no feasible first tour under the precedence constraints.
    if precedence:
        routing.CloseModelWithParameters(params)
        initial = routing.ReadAssignmentFromRoutes([[m[0] for m in members]], True)
        sol = routing.SolveFromAssignmentWithParameters(initial, params)
    else:
        params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
        sol = routing.SolveWithParameters(params)
    elapsed = time.time() - t0
    if sol is None:
        return {"contours": len(rings), "ortools_air_mm": None, "status": routing.status()}
    idx, seq = routing.Start(0), []
    while not routing.IsEnd(idx):
        node = manager.IndexToNode(idx)
        if node != 0:
            seq.append(node)
        idx = sol.Value(routing.NextVar(idx))
    pts = [nodes[i] for i in seq]
    cs = [owner[i] for i in seq]
    raw = tour_length(origin, pts)
    for _ in range(10):  # polish: exact entry re-selection for this order
        for j, c in enumerate(cs):
            prev = origin if j == 0 else pts[j - 1]
            nxt = origin if j == len(cs) - 1 else pts[j + 1]
            pts[j] = best_start(rings[c], prev, nxt)
    pos = {c: j for j, c in enumerate(cs)}
    ok = len(cs) == len(rings) and all(pos[a] < pos[b] for b, ps in enumerate(preds) for a in ps)
    return {"contours": len(rings), "candidates_per_contour": k, "precedence": precedence, "ortools_raw_air_mm": round(raw, 1),
            "ortools_air_mm": round(tour_length(origin, pts), 1), "seconds": round(elapsed, 1), "precedence_ok": ok}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("report")
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--candidates", type=int, default=8)
    ap.add_argument("--no-precedence", action="store_true",
                    help="drop the cut-outs-first constraints: a relaxation, whose optimum bounds the real one from below")
    args = ap.parse_args()
    report = json.load(open(args.report))
    for i, sheet in enumerate(report["sheets"]):
        out = {"report": args.report, "sheet": i + 1}
        out.update(solve(sheet, args.seconds, args.candidates, not args.no_precedence))
        print(json.dumps(out, sort_keys=True), flush=True)


if __name__ == "__main__":
    main()
