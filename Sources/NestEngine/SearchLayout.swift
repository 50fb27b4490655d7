import NestCollision
import NestGeometry
import NestModel

/// The parts on one sheet — a roll strip of variable length or a hide — as the whole engine
/// sees them: every item's part, orientation and position, the items as hazards of the
/// collision engine (`ItemHazards`: their spacing shapes in the one broad phase), /// them, and a tracker of which pairs collide and how badly, with the guided-local-search
/// weights. The first nest adds feasible items and asks whether a shape collides with any;
/// the optimizers move, add and remove items and read the tracker.
///
/// Collisions are decided by the exact native predicates on spacing shapes (touching
/// counts); the penalty only ranks infeasible states. A value type: copying it is how a
/// worker gets its own state and how the best state is kept. `revision` changes with every
/// change of an item, so state derived from the items (a sheet's clearance maps) can tell
/// that it is stale.
struct SearchLayout: Sendable {
    /// A part on the sheet: the part, its orientations on this sheet and the chosen one, and
    /// its translation.
    struct Item: Sendable {
        /// The part, held by reference: the hot loops copy items, and a reference costs one
        /// retain where the part's own fields (names, outline, rotations) would cost several.
        fileprivate(set) var box: PartBox
        fileprivate(set) var shapes: [OrientedShape]
        var orientation: Int
        var position: Point
        /// The worst grade the item may touch (selects its free region on a hide).
        let grade: Grade
        /// The part's area (outline less its own cut-outs), computed once.
        let partArea: Double

        init(part: Part, shapes: [OrientedShape], orientation: Int, position: Point) {
            box = PartBox(part)
            grade = part.minGrade
            partArea = part.shape.area
            self.shapes = shapes
            self.orientation = orientation
            self.position = position
        }

        var part: Part { box.part }

        /// The item's reference-held state: its part's box and its shapes.
        struct Shared {
            let box: PartBox
            let shapes: [OrientedShape]
        }

        var shared: Shared { Shared(box: box, shapes: shapes) }

        var shape: OrientedShape { shapes[orientation] }
        /// The placement written out: the part with its transform and orientation index.
        var placement: Placement {
            Placement(part: part, transform: Transform(rotationDegrees: shape.rotationDegrees, mirrored: shape.mirrored,
                                                       translation: position),
                      orientation: orientation)
        }
    }

    /// Key of an unordered pair, smaller index first.
    struct Pair: Hashable, Sendable {
        let a: Int32
        let b: Int32
        init(_ i: Int, _ j: Int) {
            a = Int32(min(i, j))
            b = Int32(max(i, j))
        }
    }

    /// Where items must lie.
    enum Container: Sendable {
        /// A roll: `width` across, the current `length` along x, less the margin.
        case strip(width: Double, margin: Double)
        /// A hide: per grade, the free region (margins, holes, defects and worse zones
        /// already taken out) with its free-space raster.
        case region([Grade: FreeSpaceRaster])
        /// None yet: a hide filled by the first nest, whose search tests the hide itself
        /// (every item it puts is inside its free region). The hide improver installs the
        /// regions (`replaceRegions`) before it moves anything; until then no item pays a
        /// container penalty.
        case unchecked
    }

    private(set) var items: [Item]
    private(set) var containerModel: Container
    private(set) var length: Double
    /// Replaced whenever an item is added, removed or moved, or the strip's length changes:
    /// two layouts with the same revision (the same object) hold the same poses.
    private(set) var revision = Revision()
    /// The items' current spacing shapes and positions, as the collision engine's hazards.
    private var hazards: ItemHazards
    /// Colliding pairs and their penalties; `colliders[i]` lists i's partners.
    private(set) var pairLoss: [Pair: Double] = [:]
    private(set) var colliders: [[Int]]
    private(set) var containerLoss: [Double]
    var pairWeight = PairWeights()
    var containerWeight: [Double]

    /// A roll layout. The broad phase's cells follow the items' mean size, or are `cell`
    /// when given (a roll filled from empty, whose parts are not on it yet).
    init(items: [Item], width: Double, margin: Double, length: Double, maxLength: Double, cell: Double? = nil) {
        self.init(items: items, container: .strip(width: width, margin: margin), length: length,
                  area: Rect(minX: 0, minY: 0, maxX: maxLength, maxY: width), cell: cell)
    }

    /// A hide layout; `area` bounds the hide; `regions` holds the free region of each grade
    /// an item may have.
    init(items: [Item], regions: [Grade: FreeSpaceRaster], area: Rect) {
        self.init(items: items, container: .region(regions), length: area.maxX, area: area, cell: nil)
    }

    /// An empty hide layout for the first nest, with no container yet (see `Container.unchecked`),
    /// its broad phase in cells of `cell`.
    init(uncheckedHide area: Rect, cell: Double) {
        self.init(items: [], container: .unchecked, length: area.maxX, area: area, cell: cell)
    }

    private init(items: [Item], container: Container, length: Double, area: Rect, cell: Double?) {
        self.items = items
        containerModel = container
        self.length = length
        area0 = area
        let (gridArea, gridCell) = Self.broadPhase(over: area, items: items, cell: cell)
        hazards = ItemHazards(area: gridArea, cell: gridCell)
        for item in items { hazards.append(item.shape.spaced, at: item.position) }
        colliders = Array(repeating: [], count: items.count)
        containerLoss = Array(repeating: 0, count: items.count)
        containerWeight = Array(repeating: 1, count: items.count)
        rebuild()
    }

    /// The area the layout was made over (the hide's box, or the roll at its maximum length).
    private let area0: Rect

    /// The broad phase's area and cells: `area` grown by the items' mean size, with cells of
    /// that size (at least 1/512 of the grown area's longer side), or of `cell` when given;
    /// with no items, the mean size is a tenth of the area's longer side.
    private static func broadPhase(over area: Rect, items: [Item], cell: Double?) -> (Rect, Double) {
        let meanSize = items.isEmpty ? max(area.width, area.height) / 10
            : items.reduce(0.0) { $0 + max($1.shape.spaced.bounds.width, $1.shape.spaced.bounds.height) } / Double(items.count)
        let grown = area.insetBy(-meanSize)
        return (grown, cell ?? max(meanSize, max(grown.width, grown.height) / 512))
    }

    /// Lays the broad phase out as for a hide layout made empty (cells a tenth of the hide's
    /// longer side): the hide improver's cells, whatever the first nest used.
    mutating func useImproverBroadPhase() {
        let (gridArea, gridCell) = Self.broadPhase(over: area0, items: [], cell: nil)
        hazards = hazards.refilled(area: gridArea, cell: gridCell)
    }

    /// Sizes the broad phase's cells anew for the items now on the sheet (as a layout made
    /// with them would have): a roll filled from empty hands its layout to the optimizer so.
    mutating func resizeGridForItems() {
        let (gridArea, gridCell) = Self.broadPhase(over: area0, items: items, cell: nil)
        hazards = hazards.refilled(area: gridArea, cell: gridCell)
    }

    /// Makes the items hold `copies` (item `i` gets `copies[i]`: its part's box and its shapes,
    /// equal in every value to its own) and the hazards their spacing shapes: nothing the
    /// layout computes changes, only which objects it reads. A separator worker so gets
    /// shapes no other thread counts references on (see `WorkerShapeCopies`). Items that
    /// already hold theirs are left alone.
    mutating func adopt(_ copies: [Item.Shared]) {
        precondition(copies.count == items.count, "one copy per item")
        for i in items.indices where items[i].box !== copies[i].box {
            items[i].box = copies[i].box
            items[i].shapes = copies[i].shapes
            hazards.replaceShape(i, with: items[i].shape.spaced)
        }
    }

    /// True when `spaced` (a spacing shape) at `t` meets or touches the spacing shape of any
    /// item: the first nest's part–part test.
    func collidesWithAny(_ spaced: CollisionPolygon, at t: Point) -> Bool {
        hazards.collidesWithAny(spaced, at: t)
    }

    /// The items whose spacing shapes `spaced` at `t` meets or touches, in index order: the
    /// collision engine's collector, for saying which parts are in the way.
    func collisions(of spaced: CollisionPolygon, at t: Point) -> [Int] {
        var hit: [Int] = []
        hazards.forEachCollision(spaced, at: t) { j in
            hit.append(j)
            return true
        }
        return hit.sorted()
    }

    /// The free regions of a hide layout (empty for a roll).
    var regionRasters: [Grade: FreeSpaceRaster] {
        if case .region(let fields) = containerModel { return fields }
        return [:]
    }

    /// Replaces the free regions of a hide layout (a wall put across it, or taken away):
    /// the weights are forgotten and the grid and tracker rebuilt from the poses, as a
    /// layout made afresh with the items would have them.
    mutating func replaceRegions(_ fields: [Grade: FreeSpaceRaster]) {
        containerModel = .region(fields)
        resetWeights()
        rebuild()
    }

    /// Where bodies must lie (the bounding box, for hides).
    func bounds(for grade: Grade) -> Rect {
        switch containerModel {
        case .strip(let width, let margin): Rect(minX: margin, minY: margin, maxX: length - margin, maxY: width - margin)
        case .region(let fields): fields[grade]?.region.bounds ?? .empty
        case .unchecked: area0
        }
    }

    /// The roll's margin (0 for hides).
    var margin: Double {
        if case .strip(_, let m) = containerModel { return m }
        return 0
    }

    /// The roll's width (0 for hides).
    var width: Double {
        if case .strip(let w, _) = containerModel { return w }
        return 0
    }

    /// The penalty of item shape `shape` at `t` for leaving its container; on a hide, once
    /// it is over `bound` weighed by `weight`, a partial value still over it
    /// (`FreeSpaceRaster.penalty`).
    @inline(__always)
    func containerPenalty(_ shape: OrientedShape, grade: Grade, at t: Point, weight: Double = 1,
                          bound: Double = .infinity) -> Double {
        switch containerModel {
        case .strip:
            return OverlapPenalty.container(shape.body.bounds.offsetBy(t), in: bounds(for: grade), area: shape.area)
        case .region(let fields):
            guard let field = fields[grade] else { return .infinity }
            return field.penalty(shape.body, at: t, area: shape.area, diameter: shape.diameter, weight: weight, bound: bound)
        case .unchecked:
            return 0
        }
    }

    /// Sum of all unweighted penalties; zero exactly when the layout is feasible.
    var totalLoss: Double {
        var sum = 0.0
        for i in items.indices {
            sum += containerLoss[i]
            for j in colliders[i] where j > i { sum += pairLoss[Pair(i, j)] ?? 0 }
        }
        return sum
    }

    var isFeasible: Bool { totalLoss == 0 }

    /// Sum of all penalties times their weights: what the search minimises.
    var weightedTotalLoss: Double {
        var sum = 0.0
        for i in items.indices {
            sum += containerWeight[i] * containerLoss[i]
            for j in colliders[i] where j > i {
                let key = Pair(i, j)
                sum += (pairWeight[key] ?? 1) * (pairLoss[key] ?? 0)
            }
        }
        return sum
    }

    /// Items that collide with anything, in index order.
    var collidingItems: [Int] { items.indices.filter { containerLoss[$0] > 0 || !colliders[$0].isEmpty } }

    /// Recomputes the grid and the tracker from the positions (weights are kept).
    mutating func rebuild() {
        revision = Revision()
        // The hazards refilled from the items themselves (what the invariant check relies on).
        var fresh = ItemHazards(area: hazards.gridArea, cell: hazards.gridCell)
        for item in items { fresh.append(item.shape.spaced, at: item.position) }
        hazards = fresh
        pairLoss = [:]
        colliders = Array(repeating: [], count: items.count)
        for i in items.indices {
            containerLoss[i] = containerPenalty(items[i].shape, grade: items[i].grade, at: items[i].position)
            let s = items[i].shape, t = items[i].position
            hazards.forEachCollision(s.spaced, at: t) { j in
                if j > i {
                    let loss = OverlapPenalty.pair(s, at: t, items[j].shape, at: items[j].position)
                    pairLoss[Pair(i, j)] = loss
                    colliders[i].append(j)
                    colliders[j].append(i)
                }
                return true
            }
        }
    }

    /// The broad phase's cell lists, for the invariant check.
    var gridContents: [[Int32]] { hazards.cellContents }

    /// True when the collision engine holds every item's current spacing shape at its
    /// position (for the invariant check).
    var hazardsMatchItems: Bool {
        hazards.count == items.count
            && items.indices.allSatisfy { hazards.positions[$0] == items[$0].position && hazards.shapes[$0] == items[$0].shape.spaced }
    }

    /// The weighted penalty item `i` would have with shape `shape` at `t`, the others
    /// staying put. Returns early (with a value above `bound`) once it exceeds `bound`.
    func weightedLoss(of i: Int, shape: OrientedShape, at t: Point, bound: Double = .infinity) -> Double {
        var sum = containerWeight[i] * containerPenalty(shape, grade: items[i].grade, at: t, weight: containerWeight[i], bound: bound)
        if sum > bound { return sum }
        hazards.forEachCollision(shape.spaced, at: t) { j in
            guard j != i else { return true }
            let weight = pairWeight[Pair(i, j)] ?? 1
            sum += weight * OverlapPenalty.pair(shape, at: t, items[j].shape, at: items[j].position,
                                                addedTo: sum, weight: weight, bound: bound)
            return sum <= bound
        }
        return sum
    }

    /// Moves item `i` and updates the hazards and its row of the tracker.
    mutating func move(_ i: Int, orientation: Int, to t: Point) {
        revision = Revision()
        for j in colliders[i] {
            pairLoss[Pair(i, j)] = nil
            colliders[j].removeAll { $0 == i }
        }
        colliders[i] = []
        items[i].orientation = orientation
        items[i].position = t
        let s = items[i].shape
        hazards.set(i, s.spaced, at: t)
        containerLoss[i] = containerPenalty(s, grade: items[i].grade, at: t)
        trackCollisions(of: i) { $0 != i }
    }

    /// Records the pairs item `i` forms with the items `counts` admits that it collides
    /// with at its pose (in index order), with their penalties.
    @inline(__always)
    private mutating func trackCollisions(of i: Int, among counts: (Int) -> Bool) {
        let s = items[i].shape, t = items[i].position
        var found: [Int] = []
        hazards.forEachCollision(s.spaced, at: t) { j in
            if counts(j) { found.append(j) }
            return true
        }
        for j in found.sorted() {
            pairLoss[Pair(i, j)] = OverlapPenalty.pair(s, at: t, items[j].shape, at: items[j].position)
            colliders[i].append(j)
            colliders[j].append(i)
        }
    }

    /// Changes the strip length, moving the items right of `split` left by the change.
    /// Weights are reset: the situation is a new one.
    ///
    /// Incremental: the moved items shift together, so only the pairs of a moved and an
    /// unmoved item are tested again (those whose boxes meet, near the split), and the
    /// container penalties, a box test on a strip, are recomputed; the cost of the exact
    /// tests does not grow with the marker.
    ///
    /// The shift is a multiple of the last place of the largest coordinate it meets, so
    /// that moving an item is exact and two moved items keep their relative position to
    /// the bit: parts laid in contact (`OrientedShape.contactGap` apart) stay apart. An
    /// item whose move still rounds (a negative coordinate growing past a power of two)
    /// has its pairs with the other moved items tested again. (The exact predicates work
    /// in each pair's own frame, so a pair whose positions moved exactly is unchanged, even
    /// carried across a power of two: see `polygonsCollide`.) With no split (`.infinity`)
    /// nothing moves and the length is `newLength` to the bit: a strip set to the length
    /// its parts use (`usedLength`) holds them all.
    mutating func setLength(_ newLength: Double, split: Double) {
        let delta: Double
        if split == .infinity {
            delta = 0  // nothing moves
            length = newLength
        } else {
            delta = Self.exactShift(length - newLength, of: items, alsoReaching: length)
            length -= delta
        }
        revision = Revision()
        pairWeight = PairWeights()
        containerWeight = Array(repeating: 1, count: items.count)
        var moved = [Bool](repeating: false, count: items.count)
        var rounded = [Bool](repeating: false, count: items.count)
        if delta != 0 {
            for i in items.indices where items[i].shape.body.bounds.offsetBy(items[i].position).center.x > split {
                moved[i] = true
                let x = items[i].position.x
                let shifted = x - delta
                // The rounding error of the subtraction, exactly (two-sum).
                let back = shifted - x, error = (x - (shifted - back)) + (-delta - back)
                rounded[i] = error != 0
                items[i].position.x = shifted
                hazards.set(i, items[i].shape.spaced, at: items[i].position)
            }
        }
        for i in items.indices where moved[i] {
            for j in colliders[i] where !moved[j] || rounded[i] || rounded[j] {
                pairLoss[Pair(i, j)] = nil
                colliders[j].removeAll { $0 == i }
            }
            colliders[i].removeAll { !moved[$0] || rounded[i] || rounded[$0] }
        }
        for i in items.indices where moved[i] {
            trackCollisions(of: i) { j in !moved[j] || (rounded[i] && (!rounded[j] || j > i)) }
        }
        refreshContainerLoss()
    }

    /// `dx` rounded to a multiple of the last place of twice the largest coordinate it
    /// meets (`items`' x, `alsoReaching`, and `dx` itself): added to or taken from the
    /// items' x, it moves each of them exactly — to the bit, so two parts laid in contact
    /// (`OrientedShape.contactGap` apart) keep their distance — unless a coordinate grows
    /// past a power of two (a negative x moved further left), which `setLength` checks.
    /// The rounding changes `dx` by less than 10⁻¹¹ mm on a marker under 10 m.
    static func exactShift(_ dx: Double, of items: [Item], alsoReaching other: Double = 0) -> Double {
        shift(dx, inLastPlaceOf: items.reduce(max(abs(dx), abs(other))) { max($0, abs($1.position.x)) } * 2)
    }

    /// `dx` rounded to a whole number of units in the last place of `reach`: a shift that
    /// moves any coordinate no larger than `reach` without rounding (when it does not grow
    /// its magnitude), and stays whole in the last place of any smaller reach.
    static func shift(_ dx: Double, inLastPlaceOf reach: Double) -> Double {
        guard dx != 0, dx.isFinite, reach.isFinite else { return dx }
        let unit = reach.ulp
        return (dx / unit).rounded() * unit
    }

    /// Recomputes every item's container penalty (after the container changed).
    private mutating func refreshContainerLoss() {
        for i in items.indices { containerLoss[i] = containerPenalty(items[i].shape, grade: items[i].grade, at: items[i].position) }
    }

    /// Forgets the guided-local-search weights (a new situation).
    mutating func resetWeights() {
        pairWeight = PairWeights()
        containerWeight = Array(repeating: 1, count: items.count)
    }

    /// Guided local search: weights of colliding pairs grow with their share of the worst
    /// penalty; others decay towards 1.
    mutating func updateWeights() {
        var worst = 0.0
        for v in pairLoss.values { worst = max(worst, v) }
        for v in containerLoss { worst = max(worst, v) }
        guard worst > 0 else { return }
        for key in pairWeight.pairs where pairLoss[key] == nil {
            let w = max(1, 0.95 * pairWeight[key]!)
            pairWeight[key] = w == 1 ? nil : w
        }
        for (key, loss) in pairLoss {
            pairWeight[key] = max(1, (pairWeight[key] ?? 1) * (1.2 + 0.8 * loss / worst))
        }
        for i in items.indices {
            containerWeight[i] = containerLoss[i] > 0
                ? max(1, containerWeight[i] * (1.2 + 0.8 * containerLoss[i] / worst))
                : max(1, 0.95 * containerWeight[i])
        }
    }

    /// The poses alone, to keep or restore a state.
    struct Snapshot {
        let poses: [(orientation: Int, position: Point)]
        let length: Double
    }

    var snapshot: Snapshot { Snapshot(poses: items.map { ($0.orientation, $0.position) }, length: length) }

    /// Restores poses and length, keeping the weights. Incremental: only the items whose
    /// pose differs are moved back.
    mutating func restore(_ s: Snapshot) {
        revision = Revision()
        let lengthChanged = s.length != length
        length = s.length
        for i in items.indices where items[i].orientation != s.poses[i].orientation || items[i].position != s.poses[i].position {
            move(i, orientation: s.poses[i].orientation, to: s.poses[i].position)
        }
        if lengthChanged { refreshContainerLoss() }
    }

    /// The length the bodies actually use, plus the margin (rolls).
    var usedLength: Double {
        var margin = 0.0
        if case .strip(_, let m) = containerModel { margin = m }
        return items.reduce(0.0) { max($0, $1.shape.body.bounds.offsetBy($1.position).maxX) } + margin
    }

    /// Adds an item at a pose and updates the tracker; it gets index `items.count - 1`.
    mutating func append(_ item: Item) {
        items.append(item)
        hazards.append(item.shape.spaced, at: item.position)
        colliders.append([])
        containerLoss.append(0)
        containerWeight.append(1)
        let i = items.count - 1
        move(i, orientation: item.orientation, to: item.position)
    }

    /// Removes the last item (the inverse of `append`).
    mutating func removeLast() {
        let i = items.count - 1
        move(i, orientation: items[i].orientation, to: items[i].position)  // refresh its row
        hazards.removeLast()
        for j in colliders[i] {
            pairLoss[Pair(i, j)] = nil
            pairWeight[Pair(i, j)] = nil
            colliders[j].removeAll { $0 == i }
        }
        items.removeLast()
        colliders.removeLast()
        containerLoss.removeLast()
        containerWeight.removeLast()
        for key in pairWeight.pairs where Int(key.b) >= items.count { pairWeight[key] = nil }
    }

    /// Takes item `k` off the sheet; the items after it move down one index. The weights
    /// are forgotten (a new situation). Incremental: no pair is tested again (taking an
    /// item away makes no collision); the tracker is renumbered, each item's partners kept
    /// in index order, and the broad phase refilled in index order — as a
    /// layout made afresh with the remaining items would hold them.
    mutating func remove(_ k: Int) {
        revision = Revision()
        func renumbered(_ i: Int) -> Int { i > k ? i - 1 : i }
        var losses: [Pair: Double] = [:]
        for (pair, loss) in pairLoss where Int(pair.a) != k && Int(pair.b) != k {
            losses[Pair(renumbered(Int(pair.a)), renumbered(Int(pair.b)))] = loss
        }
        pairLoss = losses
        colliders.remove(at: k)
        for i in colliders.indices where !colliders[i].isEmpty {
            colliders[i] = colliders[i].filter { $0 != k }.map(renumbered).sorted()
        }
        items.remove(at: k)
        containerLoss.remove(at: k)
        containerWeight = Array(repeating: 1, count: items.count)
        pairWeight = PairWeights()
        hazards.remove(at: k)
    }

    /// A part behind a reference (see `Item`).
    final class PartBox: Sendable {
        let part: Part
        init(_ part: Part) { self.part = part }
    }

    /// A token of one state of the items, compared by identity (`===`): a copy of a layout
    /// shares its token until either of them changes.
    final class Revision: Sendable {}

    /// The placements of the items, in item order.
    var placements: [Placement] { items.map(\.placement) }
}
