import NestGeometry

/// The cut order of one table's contours: which contour is cut when, and where each is
/// entered.
///
/// Up to `flatLimit` contours it is one `CutSequencer` tour over all of them. A sheet of
/// more — perforated panels, hundreds of holes each, or a long marker — is planned in two
/// levels, since the sequencer's local search costs the square of the contours per round (a
/// cow side of 65 panels with 18 361 contours, most of them perforations, took over four
/// minutes flat): first a tour over the parts (each part's outline stands for it; a part
/// nested in another's cut-out still comes before it), then, part by part in that order, its
/// cut-outs from wherever the knife is to the outline's entry, then the outline. The
/// cut-outs of a part lie inside it, so little travel is lost by keeping them together (on
/// that cow side 99.8 m of knife-up travel against the single tour's 101.7 m); a part with
/// more than `fullSearchLimit` cut-outs gets `largePartEffort`, a few rounds of local search
/// without kicks. Sheets of parts without cut-outs get the same tour either way.
///
/// Deterministic: the same contours give the same order.
struct CutOrder {
    /// Contours planned as one tour.
    static let flatLimit = 1500
    /// A part's cut-outs up to this many are ordered with the caller's effort.
    static let fullSearchLimit = 200
    /// The effort for a part with more cut-outs (the perforated cow side: 3.9 s for the sheet,
    /// against 15.7 s with the full search for 0.3 % less knife-up travel).
    static let largePartEffort = CutSequencer.Effort.optimized(maxRounds: 3, kicks: 0)

    struct Step {
        var contour: Int
        var entry: RingPosition
    }

    let contours: [CutContour]
    let predecessors: [[Int]]
    let effort: CutSequencer.Effort

    /// `members`' contours in cut order, from `from`, ending at `to` when given.
    func steps(of members: [Int], from: Point, to: Point?) -> [Step] {
        if members.count <= Self.flatLimit { return flat(members, from: from, to: to, effort: effort) }
        // The parts in order of first appearance, each with its outline (or, for a part
        // whose outline was dropped, its first contour) standing for it.
        var groupOf: [Int: Int] = [:]
        var groups: [[Int]] = []
        for c in members {
            let p = contours[c].placement
            if let g = groupOf[p] {
                groups[g].append(c)
            } else {
                groupOf[p] = groups.count
                groups.append([c])
            }
        }
        let leaders = groups.map { g in g.first { contours[$0].kind == .outline } ?? g[0] }
        let memberSet = Set(members)
        var groupPredecessors = Array(repeating: Set<Int>(), count: groups.count)
        for (g, group) in groups.enumerated() {
            for c in group {
                for p in predecessors[c] where memberSet.contains(p) {
                    let pg = groupOf[contours[p].placement]!
                    if pg != g { groupPredecessors[g].insert(pg) }
                }
            }
        }
        let tour = CutSequencer(rings: leaders.map { contours[$0].points },
                                predecessors: groupPredecessors.map { $0.sorted() })
            .solve(from: from, to: to, effort: effort)
        var steps: [Step] = []
        steps.reserveCapacity(members.count)
        var here = from
        for g in tour.order {
            let leader = leaders[g]
            let entry = tour.entries[g]
            let rest = groups[g].filter { $0 != leader }
            if !rest.isEmpty {
                steps += flat(rest, from: here, to: entry.point, effort: rest.count > Self.fullSearchLimit ? Self.largePartEffort : effort)
            }
            steps.append(Step(contour: leader, entry: entry))
            here = entry.point
        }
        return steps
    }

    /// One tour over `members`, searched with `effort`.
    private func flat(_ members: [Int], from: Point, to: Point?, effort: CutSequencer.Effort) -> [Step] {
        let local = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, $0) })
        let solved = CutSequencer(rings: members.map { contours[$0].points },
                                  predecessors: members.map { predecessors[$0].compactMap { local[$0] } })
            .solve(from: from, to: to, effort: effort)
        return solved.order.map { Step(contour: members[$0], entry: solved.entries[$0]) }
    }
}
