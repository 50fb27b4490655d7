import NestGeometry
import NestModel

/// How scarce each grade of leather is for a job. For every grade g, the *demand ratio*
/// is the area of the parts that need leather of grade g or better (minimum grade g or
/// better) over the area of that leather the hides offer (free regions after margins and
/// defects) at the density a nest reaches. The *pressure* measures that ratio against the
/// leather that will be cut anyway — over the order's overall ratio when the order needs
/// more leather than the hides offer (an open order: every hide is filled, and what
/// matters is which leather runs out first): 0 up to half of it, rising to 1 where the
/// demand meets the supply. Leather that is not short is free to give away.
///
/// Three uses, one model:
/// - **Waste cost.** A part lying on leather better than it needs takes it from the parts
///   that need it: per unit of area it costs the sum of the pressures of the grade sets it
///   dips into (a C part on A leather: the pressure on A plus that on A–B).
/// - **Placement priority.** Parts competing for leather scarcer than leather is overall go
///   first.
/// - **The value of placed area.** A part whose leather is scarcer than leather is overall
///   (its grade set's ratio above the whole order's) is worth up to twice its area, so
///   that a repair may give up lesser parts for it, but never more than twice their area.
///
/// Only grades up to the order's worst minimum grade are measured; worse ones stay 0.
struct LeatherEconomy: Sendable, Hashable {
    /// Demand ratio per grade rank (A…D), uncapped; 0 where nothing is demanded.
    let ratio: [Double]
    /// Pressure per grade rank (A…D), in [0, 1].
    var pressure: [Double] {
        ratio.map { r in min(1, max(0, 2 * r / max(1, overallRatio) - 1)) }
    }
    /// The ratio of the whole order (its worst grade's), against which scarcity is judged.
    let overallRatio: Double

    /// The density a first nest reaches in leather that parts of one grade share.
    static let expectedDensity = 0.7

    /// `demand[g]`: area of the parts whose minimum grade is g; `supply[g]`: area of the
    /// leather of grade g or better (cumulative, as the free regions measure it).
    init(demand: [Grade: Double], supply: [Grade: Double]) {
        var cumulative = 0.0
        let worst = demand.filter { $0.value > 0 }.keys.max()
        var ratio = [Double](repeating: 0, count: Grade.allCases.count)
        for g in Grade.allCases {
            cumulative += demand[g] ?? 0
            guard let worst, g <= worst, cumulative > 0 else { continue }
            let offered = (supply[g] ?? 0) * Self.expectedDensity
            ratio[g.rank] = offered > 0 ? cumulative / offered : Self.noSupplyRatio
        }
        self.ratio = ratio
        overallRatio = worst.map { ratio[$0.rank] } ?? 0
    }

    /// The density above which no nest of irregular panels on a hide is to be expected.
    static let fullDensity = 0.85

    /// True when the hides can hold the order by area (at a density a nest can reach):
    /// not an open order, whose parts fill every hide and wait for the next.
    var orderFitsStock: Bool { overallRatio * Self.expectedDensity <= Self.fullDensity }

    /// The ratio of a grade whose leather no hide offers.
    static let noSupplyRatio = 1e6

    /// No pressure anywhere: every position priced by place alone, every area worth itself.
    static let none = LeatherEconomy(demand: [:], supply: [:])

    /// Waste cost per unit area of a part of minimum grade `part` on leather of rank
    /// `leather`, indexed by the leather's rank (0 on its own grade and worse).
    func wasteCosts(for part: Grade) -> [Double] {
        let p = pressure
        return (0..<Grade.allCases.count).map { leather in
            leather >= part.rank ? 0 : p[leather..<part.rank].reduce(0, +)
        }
    }

    /// True when no grade is under any pressure (nothing to price).
    var isFree: Bool { ratio.allSatisfy { $0 == 0 } }

    /// How early a part goes into the first nest: its area, times one plus twice the
    /// excess of its area weight — parts whose leather is scarcer than leather overall
    /// go up to three times earlier than their size alone says.
    func placementPriority(of part: Part) -> Double {
        part.shape.area * (1 + 2 * (areaWeight(for: part.minGrade) - 1))
    }

    /// What a unit of a part's area placed is worth: 1, plus how much scarcer its leather
    /// is than the order's leather overall (relative excess of its ratio), at most 1 more.
    func areaWeight(for grade: Grade) -> Double {
        let r = ratio[grade.rank]
        guard overallRatio > 0, r > overallRatio else { return 1 }
        return 1 + min(1, (r - overallRatio) / overallRatio)
    }
}

extension LeatherEconomy {
    /// The economy of `parts` over the hides `sheets`: demand per minimum grade, supply
    /// the free region of each grade summed over the hides (built here when not yet).
    init(parts: [Part], sheets: inout [SheetState], kernel: GeometryKernel, quadrantSegments: Int) throws {
        var demand: [Grade: Double] = [:]
        for p in parts { demand[p.minGrade, default: 0] += p.shape.area }
        var supply: [Grade: Double] = [:]
        let worst = demand.keys.max() ?? .A
        for g in Grade.allCases where g <= worst {
            for s in sheets.indices {
                supply[g, default: 0] += try sheets[s].region(for: g, kernel: kernel, quadrantSegments: quadrantSegments).area
            }
        }
        self.init(demand: demand, supply: supply)
    }
}
