import Foundation
import NestCollision
import NestGeometry
import NestModel

/// Re-nesting a hide grade by grade: when units still wait on an order the hides can hold,
/// a hide is nested again from the most demanding grade a waiting unit needs: the units of
/// better grades stay as they lie, every other unit is taken off, and they go back tier by
/// tier, the best grade first — each tier's units (placed before and waiting alike) put in
/// before any unit that may lie on worse leather, so the better leather goes to the parts
/// that need it and the lesser parts fill what is left around them.
///
/// Within a tier the units go in as units left out do: where the first nest's search finds
/// room, through the separator (a quick try, then a long one), by ruin and recreate among
/// the tier — judged grade by grade, so that no repair takes a better tier's leather — and
/// finally the tier's units still waiting all at once, the separator making room for them
/// together. A re-nest is kept when it places more area of the best grade where the two
/// differ (then of the next grade, and so on); otherwise the hide is rolled back whole.
/// A re-nest the iteration budget ends midway still gives every tier the room the first
/// nest's search finds before it is judged; one a stop (the time limit, Ctrl-C) cuts
/// short is rolled back unjudged. Each attempt draws other poses, so attempts are
/// repeated while units wait.
extension HideSession {
    /// Re-nests the hides in use grade by grade while units wait for better leather than
    /// some placed parts need and the order fits the hides by area, on each hide until
    /// `config.hides.rebuildAttempts` attempts in a row were not kept, within `limit`
    /// iterations.
    mutating func rebuildByGrade(until limit: Int) throws {
        guard economy.orderFitsStock, let worst = allParts.map(\.minGrade).max() else { return }
        phaseLimit = limit
        defer { phaseLimit = .max }
        for h in states.indices where canGoOn && !closed.contains(h) && !states[h].layout.items.isEmpty {
            var failures = 0
            while canGoOn, failures < config.hides.rebuildAttempts,
                  let from = waitingUnits().compactMap({ $0.map(\.minGrade).min() }).min(), from < worst {
                failures = try rebuildByGrade(on: h, from: from) ? 0 : failures + 1
            }
        }
    }

    /// One attempt on hide `h`, re-nesting the units whose best grade is `from` or worse;
    /// true when its result was kept.
    @discardableResult
    private mutating func rebuildByGrade(on h: Int, from: Grade) throws -> Bool {
        let before = Array(objective.dropFirst())
        let saved = states, savedUnplaced = unplaced
        gradesFirst = true
        defer { gradesFirst = false }
        var units: [[Part]] = []
        var seen = Set<Int>()
        for part in states[h].parts where !seen.contains(part.id) {
            let unit = self.unit(of: part)
            for p in unit { seen.insert(p.id) }
            guard unit.map(\.minGrade).min()! >= from, unit.allSatisfy({ hideOf($0.id) == h }) else { continue }
            units.append(unit)
        }
        for unit in units { for p in unit { takeOut(p.id, from: h) } }
        units += waitingUnits()
        let ids = Set(units.joined().map(\.id))
        unplaced.removeAll { ids.contains($0.part.id) }
        for grade in Grade.allCases {
            let tier = units.filter { $0.map(\.minGrade).min() == grade }
            guard !tier.isEmpty else { continue }
            // The better tiers' units still waiting stand aside meanwhile.
            let aside = unplaced
            unplaced = tier.joined().map { UnplacedPart(part: $0, reason: waitingReason) }
            defer { unplaced += aside }
            // Every tier gets the room the first nest's search finds, which costs no
            // iterations, even once the budget is spent: an attempt is then judged with its
            // lesser tiers in, never on its better tiers alone.
            try fill(h)
            guard canGoOn else { continue }
            try insertWaitingUnits(budgets: [config.hides.quickInsertionBudget, config.hides.insertionBudget])
            try repairWaitingUnits(until: phaseLimit)
            if !waitingUnits().isEmpty, canGoOn {
                try insertAllAtOnce(waitingUnits(), into: h, cap: config.hides.allAtOnceBudget)
            }
        }
        // An attempt a stop (the time limit, Ctrl-C) cut short is rolled back unjudged.
        let worked = !terminator.shouldStop
        for unit in units where unit.contains(where: { p in !unplaced.contains { $0.part.id == p.id } && hideOf(p.id) == nil }) {
            for p in unit { unplaced.append(UnplacedPart(part: p, reason: waitingReason)) }
        }
        return settle(worked && Self.lexicographicallyBetter(Array(objective.dropFirst()), than: before), saved: saved,
                      savedUnplaced: savedUnplaced, on: h, "re-nesting grade by grade")
    }

    /// Puts every part of `units` on hide `h` at once, each at its best pose for the
    /// separator's entry search, and separates them all together within `cap` more
    /// iterations; all or nothing. True when they went in.
    @discardableResult
    mutating func insertAllAtOnce(_ units: [[Part]], into h: Int, cap: Int) throws -> Bool {
        var layout = states[h].layout
        layout.resetWeights()
        let parts = units.joined().sorted(by: Self.largestFirst)
        var rng = SeededGenerator(seed: config.seed, stream: [0xA11, UInt64(used), UInt64(h)])
        for part in parts {
            guard let field = layout.regionRasters[part.minGrade] else { return false }
            let shapes = try library.orientations(of: part, stockGrainDegrees: states[h].grainDegrees)
            layout.append(SearchLayout.Item(part: part, shapes: shapes, orientation: 0, position: field.region.bounds.center))
            var search = PoseSearch(layout: layout, config: config)
            let pose = search.best(for: layout.items.count - 1, entrySamples: config.hides.entrySamples, rng: &rng)
            layout.move(layout.items.count - 1, orientation: pose.orientation, to: pose.position)
        }
        let feasible = Separator(config: config).separate(&layout, budget: min(budget, used + cap), used: &used, rng: &rng,
                                                          terminator: terminator)
        guard feasible, layout.isFeasible else { return false }
        layout.resetWeights()
        states[h].layout = layout
        let ids = Set(parts.map(\.id))
        unplaced.removeAll { ids.contains($0.part.id) }
        return true
    }
}
