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

    mutating func best(for shape: OrientedShape, rng: inout SeededGenerator) -> Found? {
        guard let range = TranslationRange(keeping: shape.body.bounds, inside: region.bounds) else { return nil }
        var kept: [Found] = []
        let keep = max(1, config.firstNest.refinedSamples)
        // Aim most samples at cells where the shape's inscribed circle fits; keep some
        // uniform ones so the raster's coarseness can never hide a position entirely.
        for k in 0..<config.firstNest.samplesPerOrientation {
            let t: Point
            if !aimed.isEmpty, let map = clearance, Double(k % 100) < config.firstNest.aimedSampleShare * 100 {
                t = range.pinned(map.draw(from: aimed, rng: &rng) - shape.pole)
            } else {
                t = range.draw(&rng)
            }
            let s = score(shape, at: t)
            if kept.count == keep, let worst = kept.last, s >= worst.score { continue }
            guard isFeasible(shape, at: t) else { continue }
            kept.append(Found(offset: t, score: s))
            kept.sort { $0.score < $1.score }
            if kept.count > keep { kept.removeLast() }
        }
        var best: Found?
        for start in kept {
            let refined = descend(shape, from: start)
            if best == nil || refined.score < best!.score { best = refined }
        }
        return best
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
