import Foundation
import NestCollision
import NestGeometry
import NestModel

/// Repair by ruin and recreate: a waiting unit that needs scarce leather takes a spot by
/// force. On a hide where its grade's leather is, the spot its largest part overlaps least
/// is found (the separator's entry search, overlapping parts that need leather as good
/// costing more); the units in the way are taken out, and each other part of the waiting
/// unit takes a free spot or forces its way in the same way. Then the units taken out are
/// put back where the first nest's search finds room — on this hide, else another (the
/// separator may push others aside) — or wait in their turn. The result is kept only when
/// `objective` is better; otherwise everything is rolled back.
extension HideSession {
    /// What a repair must improve, compared term by term: the placed part area, each part's
    /// area weighted by the scarcity of its leather (`LeatherEconomy.areaWeight`); then
    /// the placed area of A parts, of B parts, and so on.
    var objective: [Double] {
        var areas = [Double](repeating: 0, count: Grade.allCases.count)
        for st in states { for item in st.layout.items { areas[item.part.minGrade.rank] += item.part.shape.area } }
        let weighted = Grade.allCases.reduce(0.0) { $0 + areas[$1.rank] * economy.areaWeight(for: $1) }
        return [weighted] + areas
    }

    /// What a ruin and recreate must improve: `objective`, or while a hide is re-nested
    /// grade by grade (`gradesFirst`) the placed area of each grade, the best first, so
    /// that a lesser grade's repairs never take leather from a better grade's parts.
    var repairObjective: [Double] { gradesFirst ? Array(objective.dropFirst()) : objective }

    /// True when `a` is better than `b`: larger in the first term where they differ by more
    /// than a square millimetre.
    static func lexicographicallyBetter(_ a: [Double], than b: [Double]) -> Bool {
        for (x, y) in zip(a, b) where abs(x - y) > 1 { return x > y }
        return false
    }

    /// Tries a ruin and recreate for each waiting unit, the most demanding grade first,
    /// then the largest, while fewer than `limit` iterations are used; each attempt costs
    /// `config.hides.repairAttemptCost` iterations, and the separator's work in it counts too.
    mutating func repairWaitingUnits(until limit: Int) throws {
        var failed = Set<String>()
        var progress = true
        var canGoOn: Bool { self.canGoOn && used < limit }
        while progress, canGoOn {
            progress = false
            let units = waitingUnits().sorted(by: Self.mostDemandingFirst)
            for unit in units where canGoOn && !failed.contains(shapeKey(unit)) {
                var done = false
                for h in states.indices where canGoOn && !done && !closed.contains(h) {
                    for attempt in 0..<config.hides.repairAttempts where canGoOn && !done {
                        done = try ruinAndRecreate(for: unit, on: h, attempt: attempt)
                    }
                }
                if done {
                    improvements += 1
                    progress = true
                    report()
                    break  // the waiting list changed: sort it again
                } else {
                    failed.insert(shapeKey(unit))
                }
            }
        }
    }

    /// One ruin-and-recreate attempt for `unit` on hide `h`; true when it was kept.
    ///
    /// Each part of the unit, largest first, takes a free spot where there is one, else
    /// forces its way in (`forcedPose`): the units in its way there are taken out. A pair
    /// of large panels on a full hide needs both: the room one ruin makes rarely holds the
    /// partner too.
    private mutating func ruinAndRecreate(for unit: [Part], on h: Int, attempt: Int) throws -> Bool {
        let lead = unit.sorted(by: Self.largestFirst)[0]
        guard let field = states[h].layout.regionRasters[lead.minGrade], field.region.area >= lead.shape.area else { return false }
        used = min(budget, used + config.hides.repairAttemptCost)
        let before = repairObjective
        let savedStates = states, savedUnplaced = unplaced
        var taken: [[Part]] = []
        var ok = true
        // The lead part always forces its way in: where it overlaps least is the ruin.
        for (k, part) in unit.sorted(by: Self.largestFirst).enumerated() where ok {
            let shapes = try library.orientations(of: part, stockGrainDegrees: states[h].grainDegrees)
            if k > 0, let (o, t) = freeSpot(for: part, shapes: shapes, on: h, stream: UInt64(used)) {
                states[h].place(part, shapes, orientation: o, at: t)
                continue
            }
            guard let (pose, inTheWay) = forcedPose(for: part, shapes: shapes, on: h, attempt: attempt),
                  inTheWay.allSatisfy({ !unit.contains($0) }) else {
                ok = false
                break
            }
            // The units in the way go out whole (a pair's partner elsewhere on the hide too).
            var ruined = Set<Int>()
            for other in inTheWay { for p in self.unit(of: other) { ruined.insert(p.id) } }
            var seen = Set<Int>()
            for p in states[h].parts.filter({ ruined.contains($0.id) }).sorted(by: Self.largestFirst) where !seen.contains(p.id) {
                let u = self.unit(of: p)
                for q in u { seen.insert(q.id) }
                taken.append(u)
            }
            for id in ruined { takeOut(id, from: h) }
            // Room made, the first nest's search may find a better spot than the forced one.
            if let (o, t) = freeSpot(for: part, shapes: shapes, on: h, stream: UInt64(used)) {
                states[h].place(part, shapes, orientation: o, at: t)
            } else {
                states[h].layout.append(SearchLayout.Item(part: part, shapes: shapes, orientation: pose.orientation,
                                                          position: pose.position))
                ok = states[h].layout.isFeasible
            }
        }
        if ok {
            let ids = Set(unit.map(\.id))
            unplaced.removeAll { ids.contains($0.part.id) }
            // Then the units taken out, on this hide or another, where there is room.
            for u in taken {
                var placedOn: Int?
                let targets = [h] + states.indices.filter { $0 != h && !closed.contains($0) }
                for target in targets where placedOn == nil {
                    if try put(u, into: target) { placedOn = target }
                }
                if placedOn == nil {
                    placedOn = try insertUnit(u, candidates: targets, perPart: config.hides.quickInsertionBudget)
                }
                if placedOn == nil {
                    for p in u { unplaced.append(UnplacedPart(part: p, reason: waitingReason)) }
                }
            }
        }
        if ok, Self.lexicographicallyBetter(repairObjective, than: before) {
            for st in states.indices { states[st].layout.checkInvariants("ruin and recreate, hide \(st + 1)") }
            return true
        }
        states = savedStates
        unplaced = savedUnplaced
        return false
    }

    /// Where `part` overlaps least on hide `h`, inside the leather of its grade (the
    /// separator's entry search), and the parts it overlaps there; nil when no such pose
    /// keeps inside its leather.
    private func forcedPose(for part: Part, shapes: [OrientedShape], on h: Int,
                            attempt: Int) -> (pose: PoseSearch.Pose, inTheWay: [Part])? {
        guard let field = states[h].layout.regionRasters[part.minGrade], field.region.area >= part.shape.area else { return nil }
        var probe = states[h].layout
        probe.resetWeights()
        probe.append(SearchLayout.Item(part: part, shapes: shapes, orientation: 0, position: field.region.bounds.center))
        let last = probe.items.count - 1
        // Parts that need leather as good as this one's have nowhere else to go: pushing
        // one out only swaps which of them waits. The pose prefers to overlap the others.
        for k in 0..<last where probe.items[k].part.minGrade <= part.minGrade {
            probe.pairWeight[SearchLayout.Pair(k, last)] = config.hides.repairPeerWeight
        }
        var rng = SeededGenerator(seed: config.seed, stream: [0x2E9A, UInt64(used), UInt64(part.id), UInt64(h), UInt64(attempt)])
        var search = PoseSearch(layout: probe, config: config)
        let pose = search.best(for: last, entrySamples: config.hides.entrySamples, rng: &rng)
        probe.move(last, orientation: pose.orientation, to: pose.position)
        guard probe.containerLoss[last] == 0 else { return nil }
        return (pose, probe.colliders[last].map { probe.items[$0].part })
    }

    /// Puts `unit` on hide `h` where the first nest's search (with `sampleFactor` times its
    /// samples) finds room for every part, largest first — and, when that fails for a unit
    /// of several parts, smallest first: the part placed first takes the best gap it finds,
    /// which may be the only one its partner fits. `thoroughly` (the final fill) goes on
    /// where those fail: a pair is tried with its first part pushed against each side of
    /// the free leather (left, right, bottom, top), its partner searched after each; last,
    /// the raster-fine sweep (`putSwept`). All or nothing. True when it went in.
    mutating func put(_ unit: [Part], into h: Int, sampleFactor: Int = 1, thoroughly: Bool = false) throws -> Bool {
        let largestFirst = unit.sorted(by: Self.largestFirst)
        if try put(inOrder: largestFirst, into: h, sampleFactor: sampleFactor) { return true }
        if largestFirst.count > 1, try put(inOrder: largestFirst.reversed(), into: h, sampleFactor: sampleFactor) { return true }
        guard thoroughly else { return false }
        if largestFirst.count > 1 {
            // Its first part pushed against each side of the free leather in turn, its partner
            // searched after each: side by side is how a pair of large panels fits.
            let first = largestFirst[0]
            let shapes = try library.orientations(of: first, stockGrainDegrees: states[h].grainDegrees)
            for (x, y) in Self.pushDirections {
                guard let spot = freeSpot(for: first, shapes: shapes, on: states[h], stream: UInt64(used), sampleFactor: sampleFactor,
                                          toward: .toward(x, y)) else { continue }
                if try put(inOrder: largestFirst, into: h, sampleFactor: sampleFactor, firstAt: spot) { return true }
            }
        }
        return try putSwept(largestFirst, into: h)
    }

    /// The directions a unit's first part is pushed in, in turn, when its partners find no
    /// room after it: against the left, right, bottom and top of the free leather.
    static let pushDirections: [(Double, Double)] = [(-1, 0), (1, 0), (0, -1), (0, 1)]

    /// Puts the parts of `order` on hide `h` where the raster-fine sweep finds them room
    /// (`sweptSpots`): a gap barely larger than a part escapes every sample. The first part
    /// goes to its best-scored free pose, or — for a unit of several parts, when the rest
    /// find no room after it — to its free pose furthest toward each side in turn; each
    /// other part where the first nest's search, else the sweep, finds room. All or nothing.
    mutating func putSwept(_ order: [Part], into h: Int) throws -> Bool {
        states[h].syncClearance()
        let lead = order[0]
        let shapes = try library.orientations(of: lead, stockGrainDegrees: states[h].grainDegrees)
        let spots = sweptSpots(for: lead, shapes: shapes, on: states[h])
        guard let best = spots.min(by: { $0.1.score < $1.1.score }) else { return false }
        var starts = [(best.0, best.1.offset)]
        if order.count > 1 {
            for (x, y) in Self.pushDirections {
                let toward = PlacementScore.toward(x, y)
                let s = spots.min { toward(shapes[$0.0], at: $0.1.offset) < toward(shapes[$1.0], at: $1.1.offset) }!
                if !starts.contains(where: { $0.0 == s.0 && $0.1 == s.1.offset }) { starts.append((s.0, s.1.offset)) }
            }
        }
        for start in starts {
            if try put(inOrder: order, into: h, firstAt: start, sweeping: true) { return true }
        }
        return false
    }

    /// Puts the parts of `order` on hide `h` one after the other, each where the first
    /// nest's search finds room (the first at `firstAt` when given), else, when
    /// `sweeping`, at the best pose of the raster-fine sweep; all or nothing. True when
    /// every part went in.
    mutating func put(inOrder order: [Part], into h: Int, sampleFactor: Int = 1, firstAt: (Int, Point)? = nil,
                      sweeping: Bool = false) throws -> Bool {
        states[h].syncClearance()  // kept current even when the unit does not go in
        var trial = states[h]
        for (i, part) in order.enumerated() {
            let shapes = try library.orientations(of: part, stockGrainDegrees: trial.grainDegrees)
            guard let (o, t) = (i == 0 ? firstAt : nil)
                    ?? freeSpot(for: part, shapes: shapes, on: trial, stream: UInt64(used), sampleFactor: sampleFactor)
                    ?? (sweeping ? sweptSpots(for: part, shapes: shapes, on: trial).min(by: { $0.1.score < $1.1.score })
                                    .map { ($0.0, $0.1.offset) } : nil)
            else { return false }
            trial.place(part, shapes, orientation: o, at: t)
        }
        states[h] = trial
        return true
    }
}

extension HideSession {
    /// Re-packs the last k hides used (k = 2, then 3, 4) into the first k − 1 of them, from
    /// empty, as the first nest would (largest unit first, on the first of them where its
    /// search finds room, else through the separator): the later hides of a first fit hold
    /// the leftovers of every earlier one, scattered, and together they often fit one hide
    /// fewer. All or nothing; repeated while it empties a hide.
    mutating func mergeLastHides() throws {
        var merged = true
        while merged, canGoOn {
            merged = false
            let usedHides = states.indices.filter { !states[$0].layout.items.isEmpty }
            for k in 2...max(2, min(config.hides.mergedHides, usedHides.count)) where usedHides.count >= k && canGoOn && !merged {
                let group = Array(usedHides.suffix(k))
                let targets = Array(group.dropLast())
                var units: [[Part]] = []
                var seen = Set<Int>()
                for part in group.flatMap({ states[$0].parts }).sorted(by: Self.largestFirst) where !seen.contains(part.id) {
                    let u = unit(of: part)
                    for p in u { seen.insert(p.id) }
                    units.append(u)
                }
                let area = units.joined().reduce(0) { $0 + $1.shape.area }
                let room = targets.reduce(0) { $0 + states[$1].wholeArea } * LeatherEconomy.fullDensity
                guard area <= room else { continue }
                let saved = states
                for h in group { for p in states[h].parts { takeOut(p.id, from: h) } }
                var ok = true
                for u in units where ok {
                    var placedOn: Int?
                    for h in targets where placedOn == nil { if try put(u, into: h) { placedOn = h } }
                    if placedOn == nil { placedOn = try insertUnit(u, candidates: targets, perPart: config.hides.insertionBudget) }
                    ok = placedOn != nil
                }
                used = min(budget, used + config.hides.repairAttemptCost)
                if ok {
                    merged = true
                    improvements += 1
                    for h in targets { states[h].layout.checkInvariants("merging hides into hide \(h + 1)") }
                    report()
                } else {
                    states = saved
                }
            }
        }
    }
}
