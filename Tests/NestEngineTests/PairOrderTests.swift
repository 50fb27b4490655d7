import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

@testable import NestEngine

/// A pair goes onto a hide in either order: placed largest first, the first part takes the
/// best gap it finds, which may be the only one its mirror image fits (found by a random
/// hide job, `Benchmarks/random_jobs.py --jobs 83`, where collar pairs waited beside room).
struct PairOrderTests {
    /// A hide of two pockets joined by a strip too thin for anything once the margin is
    /// taken: a square one, either L of the pair fits it, and an L-shaped one that only the
    /// left L fits as it lies. No rotation: the grain allows none.
    static func twoPocketJob() throws -> Job {
        let pattern = """
            {"format": "nest-pattern/1", "model": "t", "units": "mm", "sizes": ["9"], "base_size": "9",
             "panels": [{"name": "ell", "material": "leather", "quantity": 2, "mirrored_pairs": true,
                         "outline": [[0,0],[100,0],[100,30],[30,30],[30,100],[0,100]],
                         "grain": {"direction_deg": 0, "tolerance_deg": 0, "reversible": false}}]}
            """
        let job = """
            {"format": "nest-job/1", "units": "mm",
             "stock": {"hides": [{"name": "pockets", "material": "leather",
                "outline": [[0,0],[330,0],[330,50],[250,50],[250,130],[200,130],[200,5],[130,5],[130,130],[0,130]]}]},
             "order": [{"pattern": "p.json", "sizes": {"9": 1}}],
             "spacing": 2, "margin": 3, "seed": 1, "samples": 60, "iterations": 0}
            """
        return try TestJobs.read(job, files: ["p.json": pattern])
    }

    @Test func aPairGoesInTheOtherOrderWhenTheFirstFails() throws {
        let job = try Self.twoPocketJob()
        let parts = job.parts()
        try #require(parts.count == 2)
        let session = try TestJobs.emptyHideSession(job)
        let largestFirst = parts.sorted(by: HideSession.largestFirst)

        // The premise: the part placed first takes the square pocket, its partner fits nowhere.
        var oneOrder = session
        #expect(try !oneOrder.put(inOrder: largestFirst, into: 0), "the first part left room for its partner")

        var bothOrders = session
        #expect(try bothOrders.put(parts, into: 0))
        let placed = bothOrders.states[0].parts
        #expect(placed.count == 2)
        let problems = try TestJobs.problems(in: bothOrders, of: job)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }

    /// A bowl of a hide (walls at 45°, a flat 60 mm bottom) and a pair of 200 mm squares that
    /// may not turn: the square placed first slides to the bottom, in the middle, and leaves
    /// no room for its partner; the two fit only side by side, higher up. Neither order finds
    /// that; the final fill's joint search does, pushing the first square against a side
    /// (found by `Benchmarks/random_jobs.py --own-patterns`, job 43: large grade-A panels).
    @Test func aPairOfLargePanelsGoesSideBySideWhenSearchedJointly() throws {
        let job = try TestJobs.read("""
            {"format": "nest-job/1", "units": "mm",
             "stock": {"hides": [{"name": "bowl", "material": "leather",
                "outline": [[0,400],[0,200],[200,0],[260,0],[460,200],[460,400]]}]},
             "order": [{"pattern": {"format": "nest-pattern/1", "model": "t", "units": "mm", "sizes": ["9"], "base_size": "9",
                "panels": [{"name": "square", "material": "leather", "quantity": 2, "mirrored_pairs": true,
                            "outline": [[0,0],[200,0],[200,200],[0,200]],
                            "grain": {"direction_deg": 0, "tolerance_deg": 0, "reversible": false}}]}, "sizes": {"9": 1}}],
             "spacing": 2, "margin": 0, "seed": 1, "samples": 60, "iterations": 0}
            """)
        let parts = job.parts()
        try #require(parts.count == 2)
        let session = try TestJobs.emptyHideSession(job)
        // The premise: each order alone leaves the partner out.
        var greedy = session
        #expect(try !greedy.put(parts, into: 0, sampleFactor: 8), "a greedy order placed the pair")
        var joint = session
        #expect(try joint.put(parts, into: 0, sampleFactor: 8, thoroughly: true))
        #expect(joint.states[0].parts.count == 2)
        let problems = try TestJobs.problems(in: joint, of: job)
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }
}
