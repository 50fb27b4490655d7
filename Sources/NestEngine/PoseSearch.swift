import NestGeometry

/// Finds a better pose for one item of a strip layout: its current pose, samples near it
/// and across the strip in allowed orientations (drawn by `OrientationDraw`), then
/// coordinate descent of the best few, and for a part with turns the best turned a step
/// either way and descended again; a pose that still overlaps is moved against the boxes
/// of what it overlaps (`FlushShifts`), where a part filling a gap exactly has its place.
/// The current pose is always a candidate, so the item's weighted penalty never rises.
/// Reads the layout only.
struct PoseSearch {
    let layout: SearchLayout
    let config: NestConfiguration
    private(set) var evaluations = 0

    init(layout: SearchLayout, config: NestConfiguration) {
        self.layout = layout
        self.config = config
    }

    struct Pose {
        var orientation: Int
        var position: Point
        var loss: Double
    }

    /// The best pose found for item `i`: near its pose and across the container, with the
    /// configured sample counts, or — for an item just put in — `entrySamples` samples
    /// across the whole container and none near its arbitrary first pose.
    mutating func best(for i: Int, entrySamples: Int? = nil, rng: inout SeededGenerator) -> Pose {
        let focusedSamples = entrySamples == nil ? config.separator.focusedSamples : 0
        let containerSamples = entrySamples ?? config.separator.containerSamples
        let item = layout.items[i]
        var kept: [Pose] = []
        let keep = 3
        func consider(_ p: Pose) {
            let minDim = min(item.shapes[p.orientation].body.bounds.width, item.shapes[p.orientation].body.bounds.height)
            // Keep distinct poses only: a near-duplicate replaces its twin if better.
            if let twin = kept.firstIndex(where: {
                $0.orientation == p.orientation && abs($0.position.x - p.position.x) < 0.05 * minDim
                    && abs($0.position.y - p.position.y) < 0.05 * minDim
            }) {
                if p.loss < kept[twin].loss { kept[twin] = p }
            } else {
                kept.append(p)
            }
            kept.sort { $0.loss < $1.loss }
            if kept.count > keep { kept.removeLast() }
        }
        var bound: Double { kept.count < keep ? .infinity : kept[kept.count - 1].loss }

        let current = Pose(orientation: item.orientation, position: item.position,
                           loss: evaluate(i, item.orientation, item.position, .infinity))
        consider(current)
        let c = layout.bounds(for: item.grade)
        let here = item.shape.body.bounds.offsetBy(item.position)
        let draw = OrientationDraw(item: item, stepDegrees: config.separator.turnStepDegrees, onRoll: layout.width > 0)
        for k in 0..<(focusedSamples + containerSamples) {
            let o = draw.draw(near: k < focusedSamples, &rng)
            let b = item.shapes[o].body.bounds
            // Near the item (its box within half its size of where it lies), or anywhere.
            guard let across = TranslationRange(keeping: b, inside: c),
                  let range = k < focusedSamples ? across.near(here, box: b) : across else { continue }
            let t = range.draw(&rng)
            let loss = evaluate(i, o, t, bound)
            if loss < bound { consider(Pose(orientation: o, position: t, loss: loss)) }
        }
        var best = current
        var refined: [Pose] = []
        for p in kept {
            let minDim = min(item.shapes[p.orientation].body.bounds.width, item.shapes[p.orientation].body.bounds.height)
            refined.append(descend(i, p, from: 0.25 * minDim, to: 0.02 * minDim, rng: &rng))
        }
        for p in refined where p.loss < best.loss { best = p }
        // A part with turns tries the angles one step either side where it ended up.
        if best.loss > 0 {
            for o in draw.neighbours(of: best.orientation) {
                let minDim = min(item.shapes[o].body.bounds.width, item.shapes[o].body.bounds.height)
                let turned = Pose(orientation: o, position: best.position, loss: evaluate(i, o, best.position, .infinity))
                let p = descend(i, turned, from: 0.1 * minDim, to: 0.02 * minDim, rng: &rng)
                if p.loss < best.loss { best = p }
            }
        }
        if best.loss > 0 {
            let minDim = min(item.shapes[best.orientation].body.bounds.width, item.shapes[best.orientation].body.bounds.height)
            best = descend(i, best, from: 0.01 * minDim, to: 0.001 * minDim, rng: &rng)
        }
        for _ in 0..<2 where best.loss > 0 {
            let flushed = flush(i, best)
            guard flushed.loss < best.loss else { break }
            best = flushed
        }
        return best
    }

    /// `pose` moved so that the item's box lies against the boxes of what it overlaps —
    /// the items it collides with, and the container's sides — along x, along y or both,
    /// whichever such move (`FlushShifts`) gives the lowest loss (`pose` itself when none
    /// is lower).
    private mutating func flush(_ i: Int, _ pose: Pose) -> Pose {
        let item = layout.items[i]
        let shape = item.shapes[pose.orientation]
        let others = layout.collisions(of: shape.spaced, at: pose.position).filter { $0 != i }
            .map { layout.items[$0].shape.spaced.bounds.offsetBy(layout.items[$0].position) }
        let shifts = FlushShifts(body: shape.body.bounds.offsetBy(pose.position), spaced: shape.spaced.bounds.offsetBy(pose.position),
                                 container: layout.bounds(for: item.grade), others: others, gap: shape.contactGap,
                                 nearestOnly: true)
        var best = pose
        for shift in shifts.moves {
            let t = pose.position + shift
            let loss = evaluate(i, pose.orientation, t, best.loss)
            if loss < best.loss { best = Pose(orientation: pose.orientation, position: t, loss: loss) }
        }
        return best
    }

    private mutating func evaluate(_ i: Int, _ o: Int, _ t: Point, _ bound: Double) -> Double {
        evaluations += 1
        return layout.weightedLoss(of: i, shape: layout.items[i].shapes[o], at: t, bound: bound)
    }

    /// Coordinate descent along x, y and the diagonals with adaptive steps.
    private mutating func descend(_ i: Int, _ start: Pose, from: Double, to: Double, rng: inout SeededGenerator) -> Pose {
        let axes = [Point(1, 0), Point(0, 1), Point(0.7071, 0.7071), Point(0.7071, -0.7071)]
        var p = start
        var step = from
        var axis = axes[Int(rng.next() % 4)]
        var budget = 60
        while step >= to, budget > 0, p.loss > 0 {
            budget -= 2
            let a = p.position + axis * step, b = p.position - axis * step
            let la = evaluate(i, p.orientation, a, p.loss), lb = evaluate(i, p.orientation, b, p.loss)
            if min(la, lb) < p.loss {
                p.position = la <= lb ? a : b
                p.loss = min(la, lb)
                step *= 1.1
            } else {
                step *= 0.5
                axis = axes[Int(rng.next() % 4)]
            }
        }
        return p
    }
}
