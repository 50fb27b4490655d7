import Foundation
import NestCollision
import NestGeometry
import NestModel

/// Trading up in an open order: a placed unit gives its place to a larger waiting unit —
/// of the same panels (the next size up of a graded pattern) first, else of other panels
/// a little larger (`config.hides.tradeGrowth`) — set where the smaller one lay and
/// settled by the separator. Compression leaves slivers around every part that no waiting
/// unit fits whole; a larger part in the same spot takes some of them.
extension HideSession {
    /// Trades placed units on hide `h` for larger waiting ones while it pays, the smallest
    /// placed unit first, each for the candidates of `candidates(for:waiting:)` in
    /// turn. True when any trade was kept. A trade that failed is not tried again.
    mutating func tradeUp(on h: Int) throws -> Bool {
        var traded = false
        var failed = Set<String>()
        var progress = true
        while progress, canGoOn {
            progress = false
            let waiting = Dictionary(grouping: waitingUnits(), by: familyKey)
            guard !waiting.isEmpty else { break }
            outer: for small in unitsWhole(on: h).sorted(by: Self.smallerFirst) where canGoOn {
                for large in candidates(for: small, waiting: waiting) where canGoOn {
                    let key = shapeKey(small) + ">" + shapeKey(large)
                    guard !failed.contains(key) else { continue }
                    if try trade(small, for: large, on: h) {
                        traded = true
                        progress = true
                        improvements += 1
                        report()
                        break outer  // the placed and waiting units changed: list them again
                    }
                    failed.insert(key)
                }
            }
        }
        return traded
    }

    /// The waiting units `small` may be traded for, in the order tried: the next larger
    /// size of its own panels, then, of every other family with as many parts, its
    /// smallest unit larger than `small` by at most `config.hides.tradeGrowth`, the
    /// smallest first.
    private func candidates(for small: [Part], waiting: [String: [[Part]]]) -> [[Part]] {
        let own = familyKey(small), area = Self.area(of: small)
        var list: [[Part]] = []
        if let next = waiting[own]?.filter({ Self.area(of: $0) > area + 1 }).min(by: Self.smallerFirst) { list.append(next) }
        let growth = config.hides.tradeGrowth
        guard growth > 1 else { return list }
        var others: [[Part]] = []
        for key in waiting.keys.sorted() where key != own {
            if let next = waiting[key]!.filter({ $0.count == small.count && Self.area(of: $0) > area + 1
                                                 && Self.area(of: $0) <= growth * area }).min(by: Self.smallerFirst) {
                others.append(next)
            }
        }
        return list + others.sorted(by: Self.smallerFirst)
    }

    /// Puts `large` where `small` lies on hide `h` (each part centred on the part of the
    /// same panel and side — of another family's unit, the largest on the largest — in the
    /// same rotation when it has it) and separates; `small` waits, or goes back in where
    /// the first nest's search finds room. Kept only when feasible and the objective grows;
    /// otherwise everything is rolled back.
    private mutating func trade(_ small: [Part], for large: [Part], on h: Int) throws -> Bool {
        let before = objective
        let savedStates = states, savedUnplaced = unplaced
        var layout = states[h].layout
        var spots: [(part: Part, centre: Point, rotation: Double, mirrored: Bool)] = []
        for part in small {
            guard let k = layout.items.firstIndex(where: { $0.part.id == part.id }) else { return false }
            let item = layout.items[k]
            spots.append((part, item.shape.body.bounds.offsetBy(item.position).center, item.shape.rotationDegrees,
                          item.shape.mirrored))
            layout.remove(k)
        }
        // Spots by panel and side, else by panel, else (another family's unit) the largest
        // part to the largest spot.
        let bySize = spots.indices.sorted { Self.largestFirst(spots[$0].part, spots[$1].part) }
        for (rank, part) in large.sorted(by: Self.largestFirst).enumerated() {
            guard let spot = spots.first(where: { $0.part.panel == part.panel && $0.part.side == part.side })
                ?? spots.first(where: { $0.part.panel == part.panel })
                ?? (rank < bySize.count ? spots[bySize[rank]] : nil) else { return false }
            let shapes = try library.orientations(of: part, stockGrainDegrees: states[h].grainDegrees)
            let o = shapes.firstIndex { $0.rotationDegrees == spot.rotation && $0.mirrored == spot.mirrored } ?? 0
            let position = spot.centre - shapes[o].body.bounds.center
            layout.append(SearchLayout.Item(part: part, shapes: shapes, orientation: o, position: position))
        }
        layout.resetWeights()
        var rng = SeededGenerator(seed: config.seed, stream: [0x7AAD, UInt64(used), UInt64(large[0].id), UInt64(h)])
        let feasible = Separator(config: config).separate(&layout, budget: min(budget, used + config.hides.tradeBudget),
                                                          used: &used, rng: &rng, terminator: terminator)
        guard feasible, layout.isFeasible else { return false }
        layout.resetWeights()
        states[h].layout = layout
        let largeIDs = Set(large.map(\.id))
        unplaced.removeAll { largeIDs.contains($0.part.id) }
        for part in small { unplaced.append(UnplacedPart(part: part, reason: waitingReason)) }
        try fill(h)
        if Self.lexicographicallyBetter(objective, than: before) {
            states[h].layout.checkInvariants("trading up, hide \(h + 1)")
            return true
        }
        states = savedStates
        unplaced = savedUnplaced
        return false
    }

    /// The units wholly on hide `h`, in part-id order.
    private func unitsWhole(on h: Int) -> [[Part]] {
        let here = Set(states[h].layout.items.map(\.part.id))
        var seen = Set<Int>()
        var units: [[Part]] = []
        for part in states[h].parts.sorted(by: { $0.id < $1.id }) where !seen.contains(part.id) {
            let u = unit(of: part)
            for p in u { seen.insert(p.id) }
            if u.allSatisfy({ here.contains($0.id) }) { units.append(u) }
        }
        return units
    }

    /// Units of the same panels of the same order line (any size) share a family.
    private func familyKey(_ unit: [Part]) -> String {
        unit.map { "\($0.panel)|\($0.orderLine)|\($0.side.rawValue)" }.sorted().joined(separator: "+")
    }

    private static func area(of unit: [Part]) -> Double { unit.reduce(0) { $0 + $1.shape.area } }

    private static func smallerFirst(_ a: [Part], _ b: [Part]) -> Bool {
        let x = area(of: a), y = area(of: b)
        return x != y ? x < y : a[0].id < b[0].id
    }
}
