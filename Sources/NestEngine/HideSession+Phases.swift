import Foundation
import NestCollision
import NestGeometry
import NestModel

/// The phases of the hide improver; `HideImprover.improve` runs them in turn.
extension HideSession {
    /// A unit split over hides or placed in part (the first nest does not know the rule):
    /// its parts away from its home hide (the one holding most of it) are taken out, and
    /// the missing parts are put on the home hide, or else the whole unit moves to another
    /// hide, or else it is taken out whole.
    mutating func completeSplitUnits() throws {
        for g in groupMembers.keys.sorted() {
            let members = groupMembers[g]!
            let placedOn = members.map { hideOf($0.id) }
            guard Set(placedOn).count > 1 else { continue }
            var area: [Int: Double] = [:]
            for (p, h) in zip(members, placedOn) { if let h { area[h, default: 0] += p.shape.area } }
            let home = area.keys.sorted().max { area[$0]! < area[$1]! }!
            for (p, h) in zip(members, placedOn) where h != nil && h != home { takeOut(p.id, from: h!) }
            let missing = members.filter { hideOf($0.id) == nil }
            unplaced.removeAll { u in missing.contains { $0.id == u.part.id } }
            if canGoOn, try insertUnit(missing, candidates: [home], perPart: config.hides.insertionBudget) != nil {
                improvements += 1
                report()
                continue
            }
            let saved = states
            for p in members where hideOf(p.id) == home { takeOut(p.id, from: home) }
            if canGoOn, try insertUnit(members, candidates: states.indices.filter { $0 != home },
                                       perPart: config.hides.insertionBudget) != nil {
                improvements += 1
                report()
                continue
            }
            states = saved
            // Left split for now: the last pass takes it out whole if nothing completes it.
            for p in missing { unplaced.append(UnplacedPart(part: p, reason: HideImprover.groupReason)) }
        }
    }

    /// Units left out, largest first, onto the first hide that takes them; a unit whose
    /// shapes found no room is not tried again.
    mutating func insertWaitingUnits(budgets: [Int]) throws {
        let waiting = unplaced.filter { $0.reason == HideImprover.groupReason || $0.reason.hasPrefix("no feasible position") }
        let waitingIDs = Set(waiting.map(\.part.id))
        var units: [[Part]] = []
        var seen = Set<Int>()
        for u in waiting.sorted(by: { Self.largestFirst($0.part, $1.part) }) where !seen.contains(u.part.id) {
            let unit = self.unit(of: u.part)
            for p in unit { seen.insert(p.id) }
            // A unit with a part placed is completed (or undone) by the other passes.
            if unit.allSatisfy({ waitingIDs.contains($0.id) }) { units.append(unit) }
        }
        // Rounds with a growing budget per part: a quick try of every shape first (small
        // parts that fit at once are not kept waiting behind large ones that need long
        // searches), then a longer one for the shapes that failed.
        var failed = Set<String>()
        for perPart in budgets where canGoOn {
            var failedNow = Set<String>()
            var remaining: [[Part]] = []
            for unit in units {
                let key = shapeKey(unit)
                guard canGoOn, !failedNow.contains(key), failed.isEmpty || failed.contains(key) else {
                    remaining.append(unit)
                    continue
                }
                let ok = try insertUnit(unit, candidates: Array(states.indices), perPart: perPart) != nil
                if ok {
                    let ids = Set(unit.map(\.id))
                    unplaced.removeAll { ids.contains($0.part.id) }
                    improvements += 1
                    report()
                } else {
                    failedNow.insert(key)
                    remaining.append(unit)
                }
            }
            units = remaining
            failed = failedNow
            if failed.isEmpty { break }
        }
    }

    /// Compresses a hide that parts still wait for (an open order, or too little
    /// leather), in the manner of the strip optimizer: a wall across the hide moves in by a
    /// step from the parts' outermost edge on one side, the parts beyond it are pushed
    /// behind it by the separator, and the leather freed is filled with waiting units by the
    /// first nest's search. In an open order (more parts than the leather holds: density
    /// is what counts) with a budget of at least `config.hides.allSidesBudget`, the walls
    /// come from the sides of `config.hides.compressionSides` in turn (`compress(_:from:)`);
    /// — when only a time limit ends the run, narrowed to the first side once the rate so
    /// far says the time left does not buy as many (`compress(_:from:tradingUp:narrowingBy:)`) —
    /// otherwise from the first side alone (the top, facing the side the first nest fills
    /// from; on a roll the right, its end), which pays sooner and leaves an order that fits its leather the budget for
    /// the repairs. A hide where compression let nothing more in keeps its nest as it was.
    /// Every accepted state is feasible on the whole hide (the walled hide lies inside it).
    mutating func compressAndFill() throws {
        for h in states.indices where !states[h].layout.items.isEmpty {
            // A roll is filled from its start: the wall facing that fill comes from its end.
            var all = config.hides.compressionSides
            if states[h].kind == .roll, let k = all.firstIndex(of: .right) { all.insert(all.remove(at: k), at: 0) }
            guard let first = all.first else { continue }
            let uncompressed = states[h]
            var gained = try fill(h)
            let sides = !economy.orderFitsStock && budget >= config.hides.allSidesBudget ? all : [first]
            gained = try compress(h, from: sides, tradingUp: sides.count > 1 && config.hides.tradingUp,
                                  narrowingBy: sides.count > 1 ? onlyTimeLimit : nil) || gained
            // Compression that let nothing more in only moved parts about, onto better
            // leather than they need: the hide keeps its nest as it was.
            if !gained { states[h] = uncompressed }
        }
    }

    /// The time limit's deadline when only a time limit ends the run (no iteration budget).
    var onlyTimeLimit: Date? {
        guard budget >= IterationBudget.untilStopped.count else { return nil }
        return config.timeLimitSeconds.map { context.started.addingTimeInterval($0) }
    }

    /// Compresses hide `h` under walls from `sides` in turn, each with its own step: a
    /// failed step is rolled back and that side's step halved, down to the finest; when
    /// every side is down to it, all start again while it pays. If `tradingUp`, placed
    /// units are traded for larger waiting ones (`tradeUp(on:)`) once every side is down
    /// to `config.hides.tradeStep` in a round (or, past `config.hides.lateTradeShare` of the
    /// budget or of the time limit, in every round), and again when every side is down to
    /// the finest. With `deadline` (only a time limit ends the run), the first side alone
    /// goes on after `config.hides.rateProbeIterations` when the time left does not buy
    /// `config.hides.allSidesBudget` iterations in all. True when waiting units went into the
    /// leather freed or took the place of smaller ones.
    mutating func compress(_ h: Int, from sides: [WallSide], tradingUp: Bool, narrowingBy deadline: Date? = nil) throws -> Bool {
        let kernel = context.kernel
        let whole = states[h].layout.regionRasters
        let box = states[h].shape.bounds
        var sides = sides, tradingUp = tradingUp
        var steps = [Double](repeating: config.compression.initialShrink, count: sides.count)
        // With `deadline`, once `config.hides.rateProbeIterations` are spent: when the time
        // left buys fewer than `config.hides.allSidesBudget` iterations in all at the rate so
        // far, the first side alone goes on (as a budget that small would have it).
        var probe = deadline.map { (deadline: $0, started: Date(), used: used) }
        var gained = false
        var gainedSinceRestart = false
        var tradedThisRound = false
        var turn = 0
        // Past this iteration or this time a round trades whatever its steps
        // (`config.hides.lateTradeShare`).
        let lateTrades = Int((Double(budget) * config.hides.lateTradeShare).rounded(.up))
        let lateTime = config.timeLimitSeconds.map { context.started.addingTimeInterval($0 * config.hides.lateTradeShare) }
        while canGoOn, !waitingUnits().isEmpty {
            if let p = probe, used - p.used >= config.hides.rateProbeIterations {
                probe = nil
                let rate = Double(used - p.used) / max(1e-3, Date().timeIntervalSince(p.started))
                if Double(used) + rate * p.deadline.timeIntervalSinceNow < Double(config.hides.allSidesBudget) {
                    sides = [sides[0]]
                    steps = [steps[0]]
                    tradingUp = false
                    turn = 0
                }
            }
            // Every side down to a medium step, or late in the budget: trade up once a round,
            // before the fine steps.
            if tradingUp, !tradedThisRound, steps.allSatisfy({ $0 <= config.hides.tradeStep }) || used >= lateTrades
                || lateTime.map({ Date() >= $0 }) ?? false {
                tradedThisRound = true
                if try tradeUp(on: h) {
                    gained = true
                    gainedSinceRestart = true
                }
            }
            guard let k = (0..<sides.count).map({ (turn + $0) % sides.count })
                .first(where: { steps[$0] >= config.compression.finestShrink }) else {
                // Every side down to the finest step: trade up, and start again from the
                // first side while it pays.
                if tradingUp, try tradeUp(on: h) {
                    gained = true
                    gainedSinceRestart = true
                }
                guard gainedSinceRestart else { break }
                gainedSinceRestart = false
                tradedThisRound = false
                steps = steps.map { _ in config.compression.initialShrink }
                turn = 0
                continue
            }
            turn = k + 1
            let cut = sides[k].keptSide(of: states[h].layout, in: box, step: steps[k])
            var walled: [Grade: FreeSpaceRaster] = [:]
            for (grade, field) in whole {
                walled[grade] = states[h].raster(of: FreeRegion(try kernel.intersection(field.region.polygons, [cut])))
            }
            var layout = states[h].layout
            layout.replaceRegions(walled)
            var rng = SeededGenerator(seed: config.seed, stream: [0xC0DE, UInt64(used), UInt64(h)])
            let feasible = Separator(config: config).separate(&layout, budget: min(budget, used + config.hides.compressionBudget),
                                                              used: &used, rng: &rng, terminator: terminator)
            guard feasible, layout.isFeasible else {
                steps[k] /= 2
                continue
            }
            layout.replaceRegions(whole)
            guard layout.isFeasible else {
                steps[k] /= 2
                continue
            }
            states[h].layout = layout
            if try fill(h) {
                gainedSinceRestart = true
                gained = true
                improvements += 1
                report()
            }
        }
        return gained
    }

    /// Puts waiting units on hide `h` where the first nest's search (with `sampleFactor` times
    /// its samples) finds free room, larger first; a kind that found no room is not tried
    /// again. True when any went in.
    @discardableResult
    mutating func fill(_ h: Int, sampleFactor: Int = 1, thoroughly: Bool = false) throws -> Bool {
        var failed = Set<String>()
        var any = false
        for unit in waitingUnits().sorted(by: { a, b in
            let x = a.reduce(0) { $0 + $1.shape.area }, y = b.reduce(0) { $0 + $1.shape.area }
            return x != y ? x > y : a[0].id < b[0].id
        }) where !failed.contains(shapeKey(unit)) {
            guard try put(unit, into: h, sampleFactor: sampleFactor, thoroughly: thoroughly) else {
                failed.insert(shapeKey(unit))
                continue
            }
            let ids = Set(unit.map(\.id))
            unplaced.removeAll { ids.contains($0.part.id) }
            any = true
        }
        return any
    }

    /// `fill` on every hide not closed, in the job's order, thoroughly: the first nest's
    /// search sampling `config.hides.finalFillSampleFactor` times as many positions, a pair
    /// neither order puts in searched jointly, and last the raster-fine sweep; counted as
    /// one improvement when any unit went in. Spends no iterations.
    mutating func fillEveryHide() throws {
        var any = false
        for h in states.indices where !closed.contains(h) && !waitingUnits().isEmpty {
            if try fill(h, sampleFactor: config.hides.finalFillSampleFactor, thoroughly: true) { any = true }
        }
        if any {
            for h in states.indices { states[h].layout.checkInvariants("final fill, hide \(h + 1)") }
            improvements += 1
            report()
        }
    }

    /// Units wholly unplaced for want of room (not for want of grade), in part-id order.
    func waitingUnits() -> [[Part]] {
        let ids = Set(unplaced.filter { $0.reason == HideImprover.groupReason || $0.reason.hasPrefix("no feasible position") }
            .map(\.part.id))
        var seen = Set<Int>()
        var units: [[Part]] = []
        for u in unplaced.sorted(by: { $0.part.id < $1.part.id }) where ids.contains(u.part.id) && !seen.contains(u.part.id) {
            let unit = self.unit(of: u.part)
            for p in unit { seen.insert(p.id) }
            if unit.allSatisfy({ ids.contains($0.id) }) { units.append(unit) }
        }
        return units
    }

    /// Pulls units from later hides into earlier ones, the earliest hide first and the
    /// largest unit from the last hide first, until a whole pass moves nothing.
    mutating func pullForward() throws {
        var failed = Set<String>()
        var moved = true
        while moved, canGoOn {
            moved = false
            for target in states.indices where canGoOn {
                let sources = states.indices.filter { $0 > target && !states[$0].layout.items.isEmpty }.reversed()
                for source in sources where canGoOn {
                    var seen = Set<Int>()
                    for part in states[source].parts.sorted(by: Self.largestFirst) where canGoOn && !seen.contains(part.id) {
                        let unit = self.unit(of: part)
                        for p in unit { seen.insert(p.id) }
                        guard unit.allSatisfy({ hideOf($0.id) == source }) else { continue }
                        let key = "\(target)#" + shapeKey(unit)
                        guard !failed.contains(key) else { continue }
                        let unitArea = unit.reduce(0) { $0 + $1.shape.area }
                        guard states[target].wholeArea - states[target].placedArea >= unitArea else { continue }
                        let saved = states
                        for p in unit { takeOut(p.id, from: source) }
                        let ok = try insertUnit(unit, candidates: [target], perPart: config.hides.pullBudget) != nil
                        if ok {
                            moved = true
                            improvements += 1
                            report()
                        } else {
                            states = saved
                            failed.insert(key)
                        }
                    }
                }
            }
        }
    }

    /// With everything placed on several hides, tries to empty the last one into the
    /// others, units moving whole: first each where there is room (a free spot, else the
    /// separator); then, for what is left, goal-driven ruin and recreate with the last hide
    /// closed — a waiting unit takes a spot from smaller units, which look for room in
    /// turn, for as long as the placed area grows. A failed attempt is undone, and the
    /// next one draws other random streams (they follow the iteration count).
    mutating func emptyLastHide() throws {
        var failedAttempts = 0
        while unplaced.isEmpty, canGoOn, failedAttempts < config.hides.emptyingAttempts {
            let usedHides = states.indices.filter { !states[$0].layout.items.isEmpty }
            guard usedHides.count > 1, let last = usedHides.last else { break }
            let saved = states
            var units: [[Part]] = []
            var taken = Set<Int>()
            for part in states[last].parts.sorted(by: Self.largestFirst) where !taken.contains(part.id) {
                let unit = self.unit(of: part)
                for p in unit { taken.insert(p.id) }
                units.append(unit)
            }
            for part in states[last].parts { takeOut(part.id, from: last) }
            let savedUnplaced = unplaced
            var left: [[Part]] = []
            for unit in units {
                // A unit the budget did not reach stays left, so the attempt fails whole.
                let home = canGoOn ? try insertUnit(unit, candidates: usedHides.filter { $0 != last }, perPart: config.hides.insertionBudget) : nil
                if home == nil { left.append(unit) }
            }
            var all = left.isEmpty
            if !all, canGoOn {
                for unit in left {
                    for p in unit { unplaced.append(UnplacedPart(part: p, reason: waitingReason)) }
                }
                // The last hide and every hide not in use are closed: emptying one hide
                // must not open another.
                closed = Set(states.indices.filter { $0 == last || !usedHides.contains($0) })
                try repairWaitingUnits(until: min(budget, used + config.hides.emptyingRepairBudget))
                closed = []
                all = unplaced.isEmpty
            }
            if all {
                improvements += 1
                report()
            } else {
                states = saved
                unplaced = savedUnplaced
                failedAttempts += 1
            }
        }
    }

    /// Finally, no unit stays split over hides or placed in part: its placed parts go out.
    mutating func takeOutSplitUnits() {
        for g in groupMembers.keys.sorted() {
            let members = groupMembers[g]!
            let hidesOfMembers = members.map { hideOf($0.id) }
            guard Set(hidesOfMembers).count > 1 else { continue }
            for (p, h) in zip(members, hidesOfMembers) {
                guard let h else { continue }
                takeOut(p.id, from: h)
                unplaced.append(UnplacedPart(part: p, reason: HideImprover.groupReason))
            }
        }
        report()
    }
}
