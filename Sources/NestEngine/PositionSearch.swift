import NestCollision
import NestGeometry

/// Finds a good feasible translation for one oriented shape on one sheet: random samples
/// over the region, then coordinate descent of the best few towards lower score.
///
/// Pure: reads the region and the placed items, never changes them, so several
/// searches may run at once on different threads.
struct PositionSearch {
    let region: FreeRegion
    /// The parts already on the sheet.
    let placed: SearchLayout
    let clearance: ClearanceMap?
    /// Cells of `clearance` where the part's inscribed circle may fit (the same for every
    /// orientation of a part, so computed once per part and sheet).
    let aimed: [Int32]
    let score: PlacementScore
    let config: NestConfiguration

    struct Found {
        var offset: Point
        var score: Double
    }

    /// Queries made (for statistics).
    private(set) var queries = 0

    init(region: FreeRegion, placed: SearchLayout, clearance: ClearanceMap?, aimed: [Int32], config: NestConfiguration,
         score: PlacementScore) {
        self.region = region
        self.placed = placed
        self.clearance = clearance
        self.aimed = aimed
        self.config = config
        self.score = score
    }

    @inline(__always)
    mutating func isFeasible(_ shape: OrientedShape, at t: Point) -> Bool {
        queries += 1
        guard region.bounds.contains(shape.body.bounds.offsetBy(t), slack: FreeRegion.sideSlack) else { return false }
        if placed.collidesWithAny(shape.spaced, at: t) { return false }
        return region.contains(shape.body, at: t)
    }

    /// How many infeasible samples (aimed at free cells, put against a side, or laid against
    /// a part) one search moves against what they overlap (`flushed`) at most: the
    /// best-scoring ones, after the sampling. Each costs a collision query and a few
    /// feasibility tests.
    static let flushesPerSearch = 8

    mutating func best(for shape: OrientedShape, rng: inout SeededGenerator) -> Found? {
        guard let range = TranslationRange(keeping: shape.body.bounds, inside: region.bounds) else { return nil }
        var kept: [Found] = []
        let keep = max(1, config.firstNest.refinedSamples)
        func keepIfBetter(_ found: Found) {
            kept.append(found)
            kept.sort { $0.score < $1.score }
            if kept.count > keep { kept.removeLast() }
        }
        // Infeasible samples that may all but fit (a gap exactly the part's size), best first.
        var nearMisses: [Found] = []
        func remember(_ miss: Found, upTo cap: Int) {
            guard nearMisses.count < cap || miss.score < nearMisses.last!.score else { return }
            nearMisses.append(miss)
            nearMisses.sort { $0.score < $1.score }
            if nearMisses.count > cap { nearMisses.removeLast() }
        }
        // A translation priced, kept when feasible and among the best; when not, remembered
        // among up to `missCap` near misses (none without a cap). On a hide the price of
        // the leather under the part is most of the cost of a score, so it is looked at
        // only when the answer needs it: not for a translation whose place alone
        // (`PlacementScore.lowerBound`) already misses the bound it must beat.
        func consider(_ t: Point, missCap: Int?) {
            // Once `keep` are kept, only a score under the worst of them counts: priced
            // before the test. Until then any feasible translation is kept: tested first.
            let worst = kept.count == keep ? kept.last!.score : .infinity
            let place = score.lowerBound(shape, at: t)
            guard place < worst else { return }
            let priced = worst < .infinity ? score(shape, at: t) : nil
            if let s = priced, s >= worst { return }
            guard isFeasible(shape, at: t) else {
                if let cap = missCap, nearMisses.count < cap || place < (nearMisses.last?.score ?? .infinity) {
                    remember(Found(offset: t, score: priced ?? score(shape, at: t)), upTo: cap)
                }
                return
            }
            keepIfBetter(Found(offset: t, score: priced ?? score(shape, at: t)))
        }
        // Aim most samples at cells where the shape's inscribed circle fits; keep some
        // uniform ones so the raster's coarseness can never hide a position entirely.
        for k in 0..<config.firstNest.samplesPerOrientation {
            let t: Point
            // Aimed at a free cell, or put against a side: worth a flush if it all but fits.
            var mayFlush = true
            if !aimed.isEmpty, let map = clearance, Double(k % 100) < config.firstNest.aimedSampleShare * 100 {
                t = range.pinned(map.draw(from: aimed, rng: &rng) - shape.pole)
            } else {
                let drawn = range.draw(&rng)
                t = region.isRectangle ? range.atSide(drawn, draw: k) : drawn
                mayFlush = t != drawn
            }
            consider(t, missCap: mayFlush ? Self.flushesPerSearch : nil)
        }
        // Against the latest parts' sides and corners: the cell of a grid beside or above a
        // part, which the draws spread over a long roll rarely reach.
        for t in contactCandidates(shape, range: range) { consider(t, missCap: 2 * Self.flushesPerSearch) }
        for miss in nearMisses.prefix(Self.flushesPerSearch) where miss.score < (kept.first?.score ?? .infinity) {
            guard let moved = flushed(shape, at: miss.offset, below: kept.count == keep ? kept.last!.score : .infinity) else { continue }
            keepIfBetter(moved)
        }
        var best: Found?
        for start in kept {
            let refined = descend(shape, from: start)
            if best == nil || refined.score < best!.score { best = refined }
        }
        return best
    }

    /// How many of the latest placed parts `contactCandidates` lays the shape against.
    static let contactNeighbours = 12

    /// Translations in `range` that put the shape's spacing box against one of the latest
    /// placed parts' (`contactNeighbours`, the shape's `contactGap` apart): to
    /// its right, level with its bottom or top or the region's bottom or top side; above it,
    /// level with its left or right side or the region's start. In placement order.
    private func contactCandidates(_ shape: OrientedShape, range: TranslationRange) -> [Point] {
        let s = shape.spaced.bounds, gap = shape.contactGap
        var found: [Point] = []
        for item in placed.items.suffix(Self.contactNeighbours) {
            let b = item.shape.spaced.bounds.offsetBy(item.position)
            let right = b.maxX + gap - s.minX, above = b.maxY + gap - s.minY
            for t in [Point(right, b.minY - s.minY), Point(right, b.maxY - s.maxY), Point(right, range.minY), Point(right, range.maxY),
                      Point(b.minX - s.minX, above), Point(b.maxX - s.maxX, above), Point(range.minX, above)]
            where t.x >= range.minX && t.x <= range.maxX && t.y >= range.minY && t.y <= range.maxY {
                found.append(t)
            }
        }
        return found
    }

    /// The best-scoring feasible pose, scoring under `bound`, among `t` moved against the
    /// boxes of the parts the shape meets there and the region's sides (`FlushShifts`, the
    /// shortest move each way on each axis, only those under a tenth of the shape's box:
    /// `t` all but fits there); nil when `t` meets more than four parts (it lies deep among
    /// them, not beside a gap) or no move gives one.
    private mutating func flushed(_ shape: OrientedShape, at t: Point, below bound: Double) -> Found? {
        let hits = placed.collisions(of: shape.spaced, at: t)
        guard hits.count <= 4 else { return nil }
        let others = hits.map { placed.items[$0].shape.spaced.bounds.offsetBy(placed.items[$0].position) }
        let body = shape.body.bounds.offsetBy(t)
        let shifts = FlushShifts(body: body, spaced: shape.spaced.bounds.offsetBy(t),
                                 container: region.bounds, others: others, gap: shape.contactGap, nearestOnly: true)
        let moves = shifts.moves.filter { abs($0.x) <= 0.1 * body.width && abs($0.y) <= 0.1 * body.height }
        var best: Found?
        for shift in moves {
            let s = score(shape, at: t + shift)
            guard s < min(bound, best?.score ?? .infinity), isFeasible(shape, at: t + shift) else { continue }
            best = Found(offset: t + shift, score: s)
        }
        return best
    }

    /// The shape slid from `start` along each axis towards a lower score as far as it stays
    /// feasible, round after round while it moves: onto the neighbour or the side it stops
    /// against, to the last representable position before them (found by halving). The
    /// descent leaves a part up to its finest step short of contact; a row of parts that
    /// fills a width exactly needs every part against the last. The score never rises.
    mutating func settle(_ shape: OrientedShape, from start: Found) -> Found {
        let directions = [Point(-1, 0), Point(0, -1), Point(1, 0), Point(0, 1)]
        let probe = config.firstNest.finestStep
        var current = start
        for _ in 0..<4 {
            var moved = false
            for d in directions where score(shape, at: current.offset + d * probe) < current.score {
                let t = slide(shape, from: current.offset, along: d, probe: probe)
                let s = score(shape, at: t)
                if t != current.offset, s < current.score {
                    current = Found(offset: t, score: s)
                    moved = true
                }
            }
            if !moved { break }
        }
        return current
    }

    /// The farthest feasible translation from feasible `t` along unit `d` before the first
    /// infeasible one found stepping by `probe` (doubling the step while free, at most 2¹⁶
    /// probes far), to the last representable position (halving the interval), then backed
    /// off by the shape's `contactGap`: the halving ends where the collision shapes meet,
    /// with the parts' bodies already that deep in the contact band; backed off, the bodies
    /// meet, and a part put against this one later has the band whole.
    private mutating func slide(_ shape: OrientedShape, from t: Point, along d: Point, probe: Double) -> Point {
        var free = 0.0, blocked = probe
        var doublings = 0
        while isFeasible(shape, at: t + d * blocked) {
            guard doublings < 16 else { return t + d * blocked }
            free = blocked
            blocked *= 2
            doublings += 1
        }
        for _ in 0..<80 {
            let middle = (free + blocked) / 2
            let at = t + d * middle
            if at == t + d * free || at == t + d * blocked { break }
            if isFeasible(shape, at: at) { free = middle } else { blocked = middle }
        }
        let backedOff = free - shape.contactGap
        return backedOff > 0 && isFeasible(shape, at: t + d * backedOff) ? t + d * backedOff : t
    }

    /// Every feasible translation of `shape` that puts its inscribed circle's centre on the
    /// centre of an aimed cell or a quarter cell off it diagonally (the first that is free,
    /// per cell), in cell order: the raster-fine sweep for a gap barely larger than the
    /// part, which random samples miss.
    mutating func sweep(for shape: OrientedShape) -> [Found] {
        guard let map = clearance, let range = TranslationRange(keeping: shape.body.bounds, inside: region.bounds) else { return [] }
        let q = map.cell / 4
        let offsets = [Point(0, 0), Point(-q, -q), Point(q, -q), Point(-q, q), Point(q, q)]
        // Before the exact test, a look at the clearance under the spacing shape's largest
        // inscribed circles: the body holds each shrunk by half the spacing, and no blocked
        // cell centre lies inside the body at a free pose, so the cell under each circle's
        // centre (0.71 cell away at most) is clear for its radius less that, with the
        // raster's slack (as `cells(withClearance:)` allows the pole).
        let halfSpacing = max(0, (shape.spaced.bounds.width - shape.body.bounds.width) / 2)
        let circles = shape.poles.prefix(8).map { Circle(center: $0.center, radius: $0.radius - halfSpacing - 1.5 * map.cell) }
            .filter { $0.radius > 0 }
        var found: [Found] = []
        for i in aimed {
            let centre = map.center(Int(i) % map.columns, Int(i) / map.columns) - shape.pole
            for d in offsets {
                let t = range.pinned(centre + d)
                guard circles.allSatisfy({ map.clearance(at: $0.center + t) >= $0.radius }), isFeasible(shape, at: t) else { continue }
                found.append(Found(offset: t, score: score(shape, at: t)))
                break
            }
        }
        return found
    }

    /// Moves the shape in eight directions with halving steps while the score falls.
    private mutating func descend(_ shape: OrientedShape, from start: Found) -> Found {
        let directions = [Point(-1, 0), Point(0, -1), Point(-1, -1), Point(1, -1), Point(-1, 1),
                          Point(1, 0), Point(0, 1), Point(1, 1)]
        var current = start
        let sb = shape.body.bounds
        var step = max(sb.width, sb.height) * 0.25
        var moves = 0
        while step >= config.firstNest.finestStep, moves < 400 {
            var moved = false
            for d in directions {
                let t = current.offset + d * step
                let s = score(shape, at: t)
                if s < current.score - 1e-9, isFeasible(shape, at: t) {
                    current = Found(offset: t, score: s)
                    moved = true
                    moves += 1
                    break
                }
            }
            if !moved { step *= 0.5 }
        }
        return current
    }
}
