import NestGeometry

/// Orders closed contours and picks where each is entered, to make the knife-up travel
/// short: from `from`, through every contour once (entered and left at the same point),
/// to `to` (or ending anywhere when `to` is nil), never cutting a contour before one of
/// its `predecessors`.
///
/// A generalized travelling-salesman problem whose clusters are whole rings. The seed is
/// a nearest-neighbour tour (each step to the closest point of the nearest contour that
/// may be cut); it is then improved to a local optimum of 2-opt (segment reversal),
/// Or-opt (moving runs of 1 to 3 contours, also reversed; single contours with their entry
/// point chosen afresh for the new neighbours) and entry-point re-selection (exact per
/// edge, see `RingGeometry.bestStart`). Every move keeps the precedence. Deterministic:
/// ties go to the lower index, and no hashing is involved.
public struct CutSequencer: Sendable {
    /// A cutting order: every contour once, inner contours before the outline that holds
    /// them, with the entry chosen on each and the knife-up travel it costs.
    public struct Result: Sendable {
        /// Contour indices in cut order.
        public var order: [Int]
        /// Entry point per contour (indexed like the input, not by order).
        public var entries: [RingPosition]
        /// Knife-up travel of the tour through the entry points.
        public var travel: Double
    }

    /// How far to improve the seed.
    public enum Effort: Sendable {
        /// The nearest-neighbour seed only.
        case nearestNeighbour
        /// Local search to a local optimum (bounded by `maxRounds` rounds of all moves), then
        /// `kicks` rounds of iterated local search: a double-bridge perturbation of the best
        /// tour, local search again, kept when shorter (at most 4000 / contours kicks).
        case optimized(maxRounds: Int, kicks: Int)

        /// The shipped setting: well under a second for 200 contours on one core.
        public static let standard = Effort.optimized(maxRounds: 60, kicks: 60)
    }

    let rings: [[Point]]
    let bounds: [Rect]
    let predecessors: [[Int]]

    /// - Parameters:
    ///   - rings: each contour's points (open ring, at least one point).
    ///   - predecessors: for each contour, the contours that must come before it; indices
    ///     into `rings`. Must be acyclic.
    public init(rings: [[Point]], predecessors: [[Int]]) {
        self.rings = rings
        self.bounds = rings.map { Rect(enclosing: $0) }
        self.predecessors = predecessors
    }

    public func solve(from: Point, to: Point?, effort: Effort = .standard) -> Result {
        var state = nearestNeighbour(from: from, to: to)
        if case .optimized(let rounds, let kicks) = effort {
            localSearch(&state, rounds: rounds)
            var best = state, bestCost = state.cost()
            // A fixed seed: the same contours always give the same tour.
            var random: UInt64 = 0x5EED_70_01
            // Each kick costs a local search, O(n²): fewer kicks on large sheets keep the time bounded.
            for _ in 0..<(rings.count >= 8 ? min(kicks, 4000 / rings.count) : 0) {
                var trial = best
                guard doubleBridge(&trial, random: &random) else { continue }
                localSearch(&trial, rounds: rounds)
                let c = trial.cost()
                if c < bestCost - 1e-9 {
                    best = trial
                    bestCost = c
                }
            }
            state = best
        }
        return Result(order: state.order, entries: state.entries, travel: state.cost())
    }

    func localSearch(_ state: inout State, rounds: Int) {
        reselect(&state)
        guard rings.count > 1 else { return }
        var last = state.cost()
        for _ in 0..<rounds {
            twoOpt(&state)
            orOpt(&state)
            reselect(&state)
            let now = state.cost()
            if now > last - 1e-7 * max(1, last) { break }
            last = now
        }
    }

    /// Cuts the tour A B C D at three random places into A C B D (segments of up to 30
    /// contours, so the kick stays local), when that keeps the precedence.
    func doubleBridge(_ s: inout State, random: inout UInt64) -> Bool {
        func next(_ bound: Int) -> Int {
            random &+= 0x9E37_79B9_7F4A_7C15
            var z = random
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        let n = s.order.count
        let i = next(n - 2)
        let j = min(n - 1, i + 1 + next(30))
        let k = min(n, j + 1 + next(30))
        guard i < j, j < k else { return false }
        let order = Array(s.order[..<i]) + Array(s.order[j..<k]) + Array(s.order[i..<j]) + Array(s.order[k...])
        var position = s.position
        for (p, c) in order.enumerated() { position[c] = p }
        for (b, ps) in predecessors.enumerated() where ps.contains(where: { position[$0] > position[b] }) { return false }
        s.order = order
        s.position = position
        return true
    }

    // MARK: state

    struct State {
        var order: [Int]
        var position: [Int]
        var entries: [RingPosition]
        let from: Point
        let to: Point?

        /// The point at a position of the tour: -1 is `from`, `order.count` is `to`.
        @inline(__always) func point(_ k: Int) -> Point? {
            if k < 0 { return from }
            if k >= order.count { return to }
            return entries[order[k]].point
        }

        @inline(__always) static func d(_ a: Point?, _ b: Point?) -> Double {
            guard let a, let b else { return 0 }
            return (a - b).length
        }

        func cost() -> Double {
            var s = 0.0
            for k in 0...order.count { s += State.d(point(k - 1), point(k)) }
            return s
        }

        mutating func reindex() {
            for (k, c) in order.enumerated() { position[c] = k }
        }
    }

    // MARK: seed

    func nearestNeighbour(from: Point, to: Point?) -> State {
        let n = rings.count
        var remaining = predecessors.map(\.count)
        var successors = Array(repeating: [Int](), count: n)
        for (b, ps) in predecessors.enumerated() { for a in ps { successors[a].append(b) } }
        var available = (0..<n).filter { remaining[$0] == 0 }
        var order: [Int] = []
        var entries = Array(repeating: RingPosition(edge: 0, t: 0, point: .zero), count: n)
        var here = from
        order.reserveCapacity(n)
        while !available.isEmpty {
            var bestK = 0, bestD = Double.infinity
            var bestPos = RingPosition(edge: 0, t: 0, point: .zero)
            for (k, c) in available.enumerated() {
                if RingGeometry.distance(here, bounds[c]) >= bestD { continue }
                let pos = RingGeometry.nearest(on: rings[c], to: here)
                let d = (pos.point - here).length
                if d < bestD || (d == bestD && c < available[bestK]) {
                    bestD = d
                    bestK = k
                    bestPos = pos
                }
            }
            let c = available.remove(at: bestK)
            order.append(c)
            entries[c] = bestPos
            here = bestPos.point
            for s in successors[c] {
                remaining[s] -= 1
                if remaining[s] == 0 {
                    // Keep `available` sorted so that ties resolve the same way every run.
                    let at = available.firstIndex(where: { $0 > s }) ?? available.count
                    available.insert(s, at: at)
                }
            }
        }
        precondition(order.count == n, "precedence among contours has a cycle")
        var state = State(order: order, position: Array(repeating: 0, count: n), entries: entries, from: from, to: to)
        state.reindex()
        return state
    }

    // MARK: moves

    /// Entry-point re-selection: each contour entered where the way from its predecessor
    /// to its successor in the tour is shortest.
    func reselect(_ s: inout State) {
        for k in s.order.indices {
            let p = s.point(k - 1)!
            let q = s.point(k + 1) ?? p
            s.entries[s.order[k]] = RingGeometry.bestStart(on: rings[s.order[k]], from: p, to: q)
        }
    }

    func twoOpt(_ s: inout State) {
        let n = s.order.count
        var improved = true
        while improved {
            improved = false
            for i in 0..<(n - 1) {
                let before = s.point(i - 1)
                let first = s.point(i)
                jLoop: for j in (i + 1)..<n {
                    // Reversing [i, j] puts node j before every node of [i, j): invalid once
                    // one of them must precede it, and for every longer segment too.
                    for p in predecessors[s.order[j]] where s.position[p] >= i && s.position[p] < j { break jLoop }
                    let last = s.point(j), after = s.point(j + 1)
                    let delta = State.d(before, last) + State.d(first, after) - State.d(before, first) - State.d(last, after)
                    if delta < -1e-9 {
                        s.order[i...j].reverse()
                        s.reindex()
                        improved = true
                        break jLoop
                    }
                }
            }
        }
    }

    /// Passes over the tour, moving each run where it shortens the tour most, until a
    /// whole pass moves nothing. A move is applied as soon as it is found and the pass
    /// goes on from the same place (restarting the pass after each move would make a
    /// sheet of 2 000 contours cost n³).
    func orOpt(_ s: inout State) {
        let n = s.order.count
        var improved = true
        while improved {
            improved = false
            for length in 1...min(3, n - 1) {
                var i = 0
                while i <= n - length {
                    if let moved = bestInsertion(of: i, length: length, in: s) {
                        s = moved
                        improved = true
                    } else {
                        i += 1
                    }
                }
            }
        }
    }

    /// The best improving move of the run `[i, i + length)` to another place in the tour,
    /// or nil when none improves.
    func bestInsertion(of i: Int, length: Int, in s: State) -> State? {
        let n = s.order.count
        let e = i + length - 1
        let segment = Array(s.order[i...e])
        let prev = s.point(i - 1), next = s.point(e + 1)
        let firstP = s.point(i)!, lastP = s.point(e)!
        let gain = State.d(prev, firstP) + State.d(lastP, next) - State.d(prev, next)
        if gain <= 1e-9 { return nil }
        let internalOrder = segment.contains { c in predecessors[c].contains { segment.contains($0) } }
        var best: (delta: Double, p: Int, reversed: Bool, entry: RingPosition?)? = nil

        func consider(_ p: Int) {
            // Insert between the points at tour positions p and p + 1 (of the tour without the run).
            let a = p < i ? s.point(p) : s.point(p + length)
            let b = p < i ? (p + 1 == i ? next : s.point(p + 1)) : s.point(p + length + 1)
            let base = State.d(a, b)
            if length == 1, let a {
                let c = segment[0]
                let bound = RingGeometry.distance(a, bounds[c]) + (b.map { RingGeometry.distance($0, bounds[c]) } ?? 0) - base
                if bound - gain >= (best?.delta ?? -1e-9) { return }
                let entry = RingGeometry.bestStart(on: rings[c], from: a, to: b ?? a)
                let delta = State.d(a, entry.point) + State.d(entry.point, b) - base - gain
                if delta < (best?.delta ?? -1e-9) { best = (delta, p, false, entry) }
                return
            }
            let forward = State.d(a, firstP) + State.d(lastP, b) - base - gain
            if forward < (best?.delta ?? -1e-9) { best = (forward, p, false, nil) }
            if !internalOrder {
                let backward = State.d(a, lastP) + State.d(firstP, b) - base - gain
                if backward < (best?.delta ?? -1e-9) { best = (backward, p, true, nil) }
            }
        }

        // Later places: the nodes passed over move before the run.
        later: for p in (e + 1)..<n {
            for q in predecessors[s.order[p]] where s.position[q] >= i && s.position[q] <= e { break later }
            consider(p - length)
        }
        // Earlier places: the nodes passed over move after the run.
        var p = i - 2
        earlier: while p >= -1 {
            let passed = s.order[p + 1]
            for c in segment where predecessors[c].contains(passed) { break earlier }
            consider(p)
            p -= 1
        }
        guard let best else { return nil }
        var rest = s.order
        rest.removeSubrange(i...e)
        let run = best.reversed ? Array(segment.reversed()) : segment
        rest.insert(contentsOf: run, at: best.p + 1)
        var out = s
        out.order = rest
        if let entry = best.entry { out.entries[segment[0]] = entry }
        out.reindex()
        return out
    }
}
