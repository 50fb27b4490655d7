import Testing

@testable import NestEngine

/// The pair-weight table agrees with a dictionary under any mix of writes and removals
/// (growth and backward-shift deletion included).
struct PairWeightsTests {
    @Test(arguments: [1, 2, 3])
    func agreesWithADictionary(seed: UInt64) {
        var table = PairWeights()
        var reference: [SearchLayout.Pair: Double] = [:]
        var rng = SeededGenerator(seed: seed)
        // Few items, so that pairs collide in the table and removals shift entries back.
        for step in 0..<20_000 {
            let items = step < 10_000 ? 40 : 400
            let pair = SearchLayout.Pair(Int(rng.next() % UInt64(items)), Int(rng.next() % UInt64(items)))
            if rng.next() % 3 == 0 {
                table[pair] = nil
                reference[pair] = nil
            } else {
                let w = 1 + rng.nextUnit()
                table[pair] = w
                reference[pair] = w
            }
            if step % 997 == 0 {
                #expect(table.count == reference.count)
                #expect(Set(table.pairs) == Set(reference.keys))
                for (k, v) in reference where table[k] != v { Issue.record("step \(step): \(k) holds \(String(describing: table[k])), not \(v)") }
            }
        }
        for a in 0..<60 { for b in a..<60 {
            let p = SearchLayout.Pair(a, b)
            #expect(table[p] == reference[p])
        } }
        var emptied = table
        for p in table.pairs { emptied[p] = nil }
        #expect(emptied.isEmpty && emptied.pairs.isEmpty)
        #expect(table.count == reference.count)  // the copy's writes left the original alone
    }
}
