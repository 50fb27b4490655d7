import NestGeometry

/// The windows of a long marker for the strip optimizer: the strip cut into stretches of
/// about `parts` parts each (at least three times the longest part), each with its own
/// shrink step — a share of its own length, halved after each failure there — and the
/// choice, per attempt, of the windows worked on side by side: spread evenly along the
/// marker from a random start, never two neighbours, so that the lanes cannot meet.
///
/// Deterministic: its choices come from the seed and the number of attempts.
struct MarkerWindows {
    /// One window of one attempt: where it lies along x and how much it is to gain.
    struct Window {
        let index: Int
        let range: ClosedRange<Double>
        let shrink: Double
    }

    /// Attempts made so far.
    private(set) var attempts = 0
    /// The length a window aims at.
    let windowLength: Double
    private var ratios: [Double] = []
    private let initialShrink: Double
    private let finestShrink: Double
    private var rng: SeededGenerator

    /// Windows for `layout`, or nil when the marker holds fewer than two windows' worth of
    /// parts (then the whole strip is one window, as sparrow works).
    init?(_ layout: SearchLayout, parts: Int, initialShrink: Double, finestShrink: Double, seed: UInt64) {
        let n = layout.items.count
        guard parts > 0, n >= 2 * parts, layout.length > 0 else { return nil }
        let longest = layout.items.reduce(0.0) { max($0, $1.shape.body.bounds.width, $1.shape.body.bounds.height) }
        windowLength = max(layout.length * Double(parts) / Double(n), 3 * longest)
        guard layout.length >= 2 * windowLength else { return nil }
        self.initialShrink = initialShrink
        self.finestShrink = finestShrink
        rng = SeededGenerator(seed: seed, stream: [0x3A_2C3E])
    }

    /// The windows of the next attempt on a marker `length` long: up to `lanes` of them,
    /// no two adjacent.
    mutating func pick(lanes: Int, length: Double) -> [Window] {
        attempts += 1
        let count = max(2, Int(length / windowLength))
        if ratios.count != count {
            ratios = ratios.count > count ? Array(ratios.prefix(count))
                : ratios + Array(repeating: initialShrink, count: count - ratios.count)
        }
        let width = length / Double(count)
        let lanes = max(1, min(lanes, count / 2))
        let first = Int(rng.next() % UInt64(count))
        let spacing = count / lanes
        return (0..<lanes).map { j in
            let k = (first + j * spacing) % count
            // Whole in the last place of four times the length: `SearchLayout.setLength`
            // shifts the parts by it unrounded and exactly, as the lanes' join does.
            return Window(index: k, range: Double(k) * width...Double(k + 1) * width,
                          shrink: SearchLayout.shift(ratios[k] * width, inLastPlaceOf: 4 * length))
        }
    }

    /// Records how an attempt on `window` went: a failure halves its shrink step.
    mutating func record(_ window: Window, success: Bool) {
        guard ratios.indices.contains(window.index), !success else { return }
        ratios[window.index] = max(0.5 * ratios[window.index], finestShrink)
    }
}
