import Foundation
/// xoshiro256** (Blackman & Vigna): a fast, seedable generator, so that a seed and an
/// iteration budget reproduce a run exactly on every machine.
///
/// Seeded through SplitMix64, which turns any 64-bit seed (0 included) into a good state.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        s0 = sm.next()
        s1 = sm.next()
        s2 = sm.next()
        s3 = sm.next()
    }

    /// A generator for one independent stream of a run: same `seed` and `stream`
    /// give the same numbers, different streams are uncorrelated.
    public init(seed: UInt64, stream: [UInt64]) {
        var h = SplitMix64(state: seed)
        var mixed = h.next()
        for s in stream {
            var m = SplitMix64(state: mixed ^ (s &* 0x9E37_79B9_7F4A_7C15))
            mixed = m.next()
        }
        self.init(seed: mixed)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform Double in [0, 1) from the top 53 bits.
    @inline(__always)
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal Double (Box–Muller; one draw used, deterministic).
    public mutating func nextGaussian() -> Double {
        let u = max(nextUnit(), 0x1.0p-53), v = nextUnit()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64, used only to seed xoshiro256**.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
