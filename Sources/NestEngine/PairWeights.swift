/// The guided local search's weights of item pairs: a map from an unordered pair of item
/// indices to a weight, absent pairs weighing 1.
///
/// Why not a `Dictionary`: the separator looks a pair's weight up for every item a priced
/// pose meets, and `Hasher` (seeding, combining, finalising) took 7 % of a one-thread run
/// (albano, `perf`). Here a pair is one 64-bit word, hashed by one multiplication, in an
/// open-addressed table with linear probing and backward-shift deletion (no tombstones).
///
/// A value type with copy-on-write storage (the separator's workers share one until they
/// write). Nothing the search computes depends on the table's order: `pairs` is for
/// updates that treat each pair on its own.
struct PairWeights: Sendable, Equatable {
    private static let empty = UInt64.max
    private var keys: [UInt64]
    private var values: [Double]
    private(set) var count = 0
    /// `keys.count - 1` (the capacity is a power of two).
    private var mask: Int
    private var shift: UInt64

    init() {
        keys = Array(repeating: Self.empty, count: 16)
        values = Array(repeating: 0, count: 16)
        mask = 15
        shift = 64 - 4
    }

    @inline(__always)
    private static func key(_ pair: SearchLayout.Pair) -> UInt64 {
        UInt64(UInt32(bitPattern: pair.a)) << 32 | UInt64(UInt32(bitPattern: pair.b))
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot holding `key`, or nil.
    @inline(__always)
    private func slot(of key: UInt64) -> Int? {
        var s = home(key)
        while true {
            let k = keys[s]
            if k == key { return s }
            if k == Self.empty { return nil }
            s = (s + 1) & mask
        }
    }

    /// The pair's weight, nil when it has none (weighs 1); setting nil removes it.
    subscript(pair: SearchLayout.Pair) -> Double? {
        @inline(__always) get {
            slot(of: Self.key(pair)).map { values[$0] }
        }
        set {
            let key = Self.key(pair)
            if let value = newValue {
                if let s = slot(of: key) {
                    values[s] = value
                    return
                }
                if 2 * (count + 1) > keys.count { grow() }
                var s = home(key)
                while keys[s] != Self.empty { s = (s + 1) & mask }
                keys[s] = key
                values[s] = value
                count += 1
            } else if let s = slot(of: key) {
                remove(at: s)
            }
        }
    }

    /// The pairs with a weight, in the table's order.
    var pairs: [SearchLayout.Pair] {
        keys.compactMap { k in
            k == Self.empty ? nil : SearchLayout.Pair(Int(k >> 32), Int(k & 0xFFFF_FFFF))
        }
    }

    var isEmpty: Bool { count == 0 }

    /// Backward-shift deletion: the entries after the hole that could live in it move up,
    /// so every lookup still finds its key before the first empty slot.
    private mutating func remove(at start: Int) {
        var hole = start
        var s = (start + 1) & mask
        while keys[s] != Self.empty {
            let h = home(keys[s])
            // Move entry s into the hole when its home is not within (hole, s] cyclically.
            let fromHoleToHome = (h - hole - 1) & mask, fromHoleToS = (s - hole - 1) & mask
            if fromHoleToHome > fromHoleToS {
                keys[hole] = keys[s]
                values[hole] = values[s]
                hole = s
            }
            s = (s + 1) & mask
        }
        keys[hole] = Self.empty
        count -= 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let capacity = keys.count * 2
        keys = Array(repeating: Self.empty, count: capacity)
        values = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        for (k, v) in zip(oldKeys, oldValues) where k != Self.empty {
            var s = home(k)
            while keys[s] != Self.empty { s = (s + 1) & mask }
            keys[s] = k
            values[s] = v
        }
    }

    static func == (a: PairWeights, b: PairWeights) -> Bool {
        a.count == b.count && a.pairs.allSatisfy { b[$0] == a[$0] }
    }
}
