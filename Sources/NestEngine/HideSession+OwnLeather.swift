import Foundation
import NestCollision
import NestGeometry
import NestModel

/// Giving better leather back: when units wait on an order the hides can hold, the parts
/// lying on better leather than they need are moved off it, so that the leather freed goes
/// to the parts that need it, in one piece.
///
/// On a hide, from the worst grade up, the parts of grade g are confined to their *own
/// leather*: the leather of exactly grade g, grown into the better leather only by a
/// *reach* — the better leather within that distance of their own. The reach is the
/// smallest of `NestConfiguration.hides.ownLeatherReach` whose region can hold the grade's parts
/// at a nest's density, larger ones when the separator cannot move every part in; so the
/// lesser parts keep the rim of the better leather where they must and give back its core
/// (A leather along the backbone, or an island of it, stays whole for the A parts). A
/// grade whose parts find no room at any reach keeps its freedom.
///
/// With the lesser parts held there, the waiting units go in — where the first nest's
/// search finds room, else through the separator, which then cannot push lesser parts
/// back onto the leather given back. The hide's new state is kept only when the session's
/// objective is better (more weighted part area placed); otherwise it is rolled back
/// whole. A kept state is feasible on the whole hide: the regions it was confined to lie
/// inside the whole ones, and the exact engine checks it with the whole ones back.
extension HideSession {
    /// Gives better leather back on every hide where a waiting unit could lie, while
    /// units wait and the order fits the hides by area.
    mutating func giveBackBetterLeather(until limit: Int) throws {
        guard economy.orderFitsStock else { return }
        phaseLimit = limit
        defer { phaseLimit = .max }
        for h in states.indices where canGoOn && !closed.contains(h) && !states[h].layout.items.isEmpty {
            let waiting = waitingUnits()
            guard !waiting.isEmpty else { return }
            let fields = states[h].layout.regionRasters
            let mayLieHere = waiting.contains { unit in
                unit.allSatisfy { part in (fields[part.minGrade]?.region.area ?? 0) >= part.shape.area }
            }
            if mayLieHere { try giveBackBetterLeather(on: h) }
        }
    }

    /// One attempt on hide `h`; true when its result was kept.
    @discardableResult
    private mutating func giveBackBetterLeather(on h: Int) throws -> Bool {
        let kernel = context.kernel
        let whole = states[h].layout.regionRasters
        let grades = whole.keys.sorted()
        let before = objective
        let saved = states, savedUnplaced = unplaced
        var confined = false
        // The worst grade first: its parts leave the most leather to everyone else.
        for (better, grade) in zip(grades, grades.dropFirst()).reversed() where canGoOn {
            let parts = states[h].layout.items.filter { $0.part.minGrade == grade }
            guard !parts.isEmpty, let ownField = whole[grade], let betterField = whole[better] else { continue }
            let need = parts.reduce(0) { $0 + $1.part.shape.area } / LeatherEconomy.expectedDensity
            let own = try kernel.difference(ownField.region.polygons, betterField.region.polygons)
            var attempts = 0
            for reach in config.hides.ownLeatherReach where canGoOn && attempts < config.hides.ownLeatherAttempts {
                let region = reach == 0 ? own : try kernel.intersection(
                    kernel.offset(own, by: reach, quadrantSegments: config.quadrantSegments), ownField.region.polygons)
                guard region.reduce(0, { $0 + $1.area }) >= need else { continue }
                attempts += 1
                var fields = states[h].layout.regionRasters
                fields[grade] = states[h].raster(of: FreeRegion(region))
                var layout = states[h].layout
                layout.replaceRegions(fields)
                if layout.isFeasible {
                    // Already there: nothing to move, but the confinement holds for what follows.
                    states[h].layout = layout
                    confined = true
                    break
                }
                var rng = SeededGenerator(seed: config.seed, stream: [0x0E1E, UInt64(used), UInt64(h), UInt64(grade.rank)])
                let separated = Separator(config: config).separate(&layout, budget: min(budget, used + config.hides.ownLeatherBudget),
                                                                   used: &used, rng: &rng, terminator: terminator)
                guard separated, layout.isFeasible else { continue }
                layout.resetWeights()
                states[h].layout = layout
                confined = true
                break
            }
        }
        guard confined else {
            states = saved
            return false
        }
        // The waiting units into the leather given back: where there is room, else through
        // the separator, else by ruin and recreate — the lesser parts held off it meanwhile.
        try fill(h)
        for unit in waitingUnits().sorted(by: Self.mostDemandingFirst) where canGoOn {
            if try insertUnit(unit, candidates: [h], perPart: config.hides.quickInsertionBudget) != nil {
                let ids = Set(unit.map(\.id))
                unplaced.removeAll { ids.contains($0.part.id) }
            }
        }
        if !waitingUnits().isEmpty { try repackDemandingUnits(on: h) }
        try repairWaitingUnits(until: phaseLimit)
        states[h].layout.replaceRegions(whole)
        return settle(states[h].layout.isFeasible && Self.lexicographicallyBetter(objective, than: before), saved: saved,
                      savedUnplaced: savedUnplaced, on: h, "giving back better leather")
    }

    /// Re-packs the units that need the best grade a waiting unit needs on hide `h`, with
    /// the waiting ones, from empty: taken out, then put back largest first where the first
    /// nest's search finds room, else through the separator (the lesser parts held where
    /// they are). Units that find no room wait. The caller judges the result.
    private mutating func repackDemandingUnits(on h: Int) throws {
        guard let grade = waitingUnits().compactMap({ $0.map(\.minGrade).min() }).min() else { return }
        var units: [[Part]] = []
        var seen = Set<Int>()
        for part in states[h].parts where part.minGrade <= grade && !seen.contains(part.id) {
            let unit = self.unit(of: part)
            for p in unit { seen.insert(p.id) }
            guard unit.allSatisfy({ hideOf($0.id) == h }) else { continue }
            units.append(unit)
        }
        for unit in units { for p in unit { takeOut(p.id, from: h) } }
        units += waitingUnits().filter { $0.contains { $0.minGrade <= grade } }
        let area = { (u: [Part]) in u.reduce(0) { $0 + $1.shape.area } }
        units.sort { area($0) != area($1) ? area($0) > area($1) : $0[0].id < $1[0].id }
        for unit in units {
            let ids = Set(unit.map(\.id))
            unplaced.removeAll { ids.contains($0.part.id) }
            var placed = try put(unit, into: h)
            if !placed, canGoOn { placed = try insertUnit(unit, candidates: [h], perPart: config.hides.quickInsertionBudget) != nil }
            if !placed {
                for p in unit { unplaced.append(UnplacedPart(part: p, reason: waitingReason)) }
            }
        }
    }

    /// The order in which waiting units are served: the best minimum grade first, then the
    /// largest, then the lowest part id.
    static func mostDemandingFirst(_ a: [Part], _ b: [Part]) -> Bool {
        let ga = a.map(\.minGrade).min()!, gb = b.map(\.minGrade).min()!
        if ga != gb { return ga < gb }
        let x = a.reduce(0) { $0 + $1.shape.area }, y = b.reduce(0) { $0 + $1.shape.area }
        return x != y ? x > y : a[0].id < b[0].id
    }
}
