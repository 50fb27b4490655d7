import Foundation
import NestGeometry

/// The sections of a long marker: its items cut, in the order the nest lays them along the
/// roll, into runs of about `parts` items, each made a strip of its own that can be shortened
/// alone (on its own thread), then the strips laid end to end again, each slid left against
/// the one before until they would touch.
///
/// A strip of a hundred-odd parts gains most in its first seconds (sparrow's compression
/// makes big, cheap steps there), where a 2 000-part marker worked on window by window
/// gains a few millimetres a minute; cutting it into sections lets every stretch of the
/// roll take those first gains at once. Each section keeps exactly its own parts, so the
/// joined marker holds every part once.
///
/// Guarantees: `join` returns a feasible layout when the sections are feasible (it checks
/// the joined marker with the exact engine and, if a slide went too far, falls back to
/// sections set apart by their boxes plus the spacing, which cannot collide).
struct MarkerSections {
    /// The items of each section, as indices into the marker's items, in x order.
    let members: [[Int]]

    /// Sections of about `parts` items for `layout`, or nil when the marker holds fewer
    /// than `minimumParts` items (or fewer than two sections' worth).
    init?(_ layout: SearchLayout, parts: Int, minimumParts: Int) {
        let n = layout.items.count
        guard parts > 0, n >= max(minimumParts, 2 * parts) else { return nil }
        let order = layout.items.indices.sorted {
            let a = Self.box(of: layout.items[$0]).center.x, b = Self.box(of: layout.items[$1]).center.x
            return a != b ? a < b : $0 < $1
        }
        let count = n / parts
        members = (0..<count).map { k in Array(order[(k * n / count)..<((k + 1) * n / count)]) }
    }

    /// Section `k` of `layout` as a strip of its own: its items shifted so the leftmost body
    /// lies at the margin (a nanometre past it), the strip as long as they reach plus the
    /// margin.
    func section(_ k: Int, of layout: SearchLayout, margin: Double) -> SearchLayout {
        let items = members[k].map { layout.items[$0] }
        let left = items.reduce(Double.infinity) { min($0, Self.box(of: $1).minX) }
        // The shift is exact, so it is rounded to the last place of the marker's largest
        // coordinate (up to 2·10⁻¹⁰ mm on a kilometre): shifted by `margin - left` alone,
        // the leftmost body could start that much before the margin — outside the strip,
        // a section that no search makes feasible.
        let shifted = Self.shifted(items, by: margin - left + Self.startSlack)
        let length = shifted.reduce(0.0) { max($0, Self.box(of: $1).maxX) } + margin
        return SearchLayout(items: shifted, width: layout.width, margin: margin, length: length, maxLength: length)
    }

    /// `sections` (feasible strips, in order) laid end to end onto `base`, the marker they
    /// were cut from: section 0 where its strip puts it, every later one slid left against
    /// the sections before it as far as the exact engine lets it, from where the boxes of
    /// their spacing shapes keep clear. The result's length is what its items use.
    func join(_ sections: [SearchLayout], onto base: SearchLayout, margin: Double) -> SearchLayout {
        precondition(sections.count == members.count)
        var offsets = [Double](repeating: 0, count: sections.count)
        var reach = Self.reach(of: sections[0], offset: 0)
        for k in sections.indices.dropFirst() {
            let apart = reach + 0.01 - Self.start(of: sections[k])
            offsets[k] = slid(sections[k], from: apart, against: sections[k - 1], at: offsets[k - 1], width: base.width,
                              margin: margin)
            reach = max(reach, Self.reach(of: sections[k], offset: offsets[k]))
        }
        var joined = placed(sections, offsets: offsets, on: base, margin: margin)
        if !joined.isFeasible {
            // A slide met a section further back: set every section apart by its box.
            for k in sections.indices.dropFirst() {
                offsets[k] = Self.reach(of: sections[k - 1], offset: offsets[k - 1]) + 0.01 - Self.start(of: sections[k])
            }
            joined = placed(sections, offsets: offsets, on: base, margin: margin)
        }
        return joined
    }

    /// Where the spacing shapes of `section`'s items end along x, the section set at `offset`.
    private static func reach(of section: SearchLayout, offset: Double) -> Double {
        section.items.reduce(-Double.infinity) { max($0, $1.shape.spaced.bounds.offsetBy($1.position).maxX) } + offset
    }

    /// Where the spacing shapes of `section`'s items begin along x.
    private static func start(of section: SearchLayout) -> Double {
        section.items.reduce(Double.infinity) { min($0, $1.shape.spaced.bounds.offsetBy($1.position).minX) }
    }

    /// `base` with every section's items moved to their pose in its strip plus its offset,
    /// the length set to what they use.
    private func placed(_ sections: [SearchLayout], offsets: [Double], on base: SearchLayout, margin: Double) -> SearchLayout {
        var layout = base
        layout.setLength(max(base.length, sections.indices.reduce(0.0) { max($0, offsets[$1] + sections[$1].length) } + margin),
                         split: .infinity)
        for (k, section) in sections.enumerated() {
            for (item, i) in zip(Self.shifted(section.items, by: offsets[k]), members[k]) {
                layout.move(i, orientation: item.orientation, to: item.position)
            }
        }
        layout.setLength(layout.usedLength, split: .infinity)
        return layout
    }

    /// The smallest offset, down from `apart` (where the boxes keep clear), at which
    /// `section` does not touch `previous` set at `previousOffset`: bisection over the
    /// slide, each probe checked by the exact engine on the two sections alone.
    private func slid(_ section: SearchLayout, from apart: Double, against previous: SearchLayout, at previousOffset: Double,
                      width: Double, margin: Double) -> Double {
        let longest = section.items.reduce(0.0) { max($0, Self.box(of: $1).width) }
        let before = Self.shifted(previous.items, by: previousOffset)
        func clear(_ offset: Double) -> Bool {
            let items = before + Self.shifted(section.items, by: offset)
            let length = items.reduce(0.0) { max($0, Self.box(of: $1).maxX) } + margin
            let pair = SearchLayout(items: items, width: width, margin: margin, length: length, maxLength: length)
            return pair.isFeasible
        }
        var low = apart - longest, high = apart
        if clear(low) { return low }
        for _ in 0..<16 {
            let mid = 0.5 * (low + high)
            if clear(mid) { high = mid } else { low = mid }
        }
        return high
    }

    /// `items` moved `dx` along x, exactly (`SearchLayout.exactShift`): parts in contact
    /// stay the distance apart they were.
    private static func shifted(_ items: [SearchLayout.Item], by dx: Double) -> [SearchLayout.Item] {
        let step = SearchLayout.exactShift(dx, of: items)
        return items.map { item in
            var moved = item
            moved.position.x += step
            return moved
        }
    }

    /// How far past the margin a section's leftmost body is set: more than an exact
    /// shift's rounding on any roll (`Roll.longestLength`).
    static let startSlack = 1e-9

    private static func box(of item: SearchLayout.Item) -> Rect {
        item.shape.body.bounds.offsetBy(item.position)
    }
}

/// The progress of a long marker's sections, shortened side by side, told to the run's
/// listener as one: the iterations of all sections and the marker's length as the sum of
/// theirs (what the join starts from), or the whole marker's length before it was cut while
/// that is shorter (the nest the run would keep if stopped then).
final class SectionProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let markerLength: Double
    private var lengths: [Double]
    private var iterations: [Int]
    private let width: Double
    private let placedArea: Double
    private let partsTotal: Int
    private let budget: Int
    private let listener: any NestListener

    init(markerLength: Double, lengths: [Double], width: Double, placedArea: Double, partsTotal: Int, budget: Int,
         listener: any NestListener) {
        self.markerLength = markerLength
        self.lengths = lengths
        iterations = Array(repeating: 0, count: lengths.count)
        self.width = width
        self.placedArea = placedArea
        self.partsTotal = partsTotal
        self.budget = budget
        self.listener = listener
    }

    /// The listener section `k`'s optimizer reports to.
    func listener(for k: Int) -> some NestListener { Section(progress: self, index: k) }

    private func update(_ k: Int, _ p: NestProgress) {
        lock.lock()
        defer { lock.unlock() }
        if let l = p.lengthMM { lengths[k] = l }
        if let i = p.optimizerIteration { iterations[k] = i }
        let length = min(markerLength, lengths.reduce(0, +))
        listener.progress(NestProgress(partsTried: partsTotal, partsTotal: partsTotal, partsPlaced: partsTotal, sheetsUsed: 1,
                                       yieldPercent: 100 * placedArea / (length * width),
                                       optimizerIteration: iterations.reduce(0, +), optimizerBudget: budget,
                                       lengthMM: length))
    }

    private struct Section: NestListener {
        let progress: SectionProgress
        let index: Int
        func progress(_ update: NestProgress) { progress.update(index, update) }
    }
}

/// Stops one section's search: when the run is stopped, or at the section's own end when
/// it has one (the time share of a run that only a time limit ends).
struct SectionStop: Terminator {
    let outer: any Terminator
    let end: Date?

    var shouldStop: Bool {
        if let end, Date() >= end { return true }
        return outer.shouldStop
    }
    var wasInterrupted: Bool { outer.wasInterrupted }
}
