import NestModel

/// Booking a nest that was made earlier against a state of the order (a cutting session over
/// the server: a hide is nested first, its parts are booked only when the operator confirms
/// the cut, and other hides may have been booked in between).
extension OrderRemainder {
    /// The parts taken off between `before` and `after`, per kind: what a run that started
    /// from `before` and wrote `after` placed. Kinds that did not go down are absent.
    static func booked(from before: OrderRemainder, to after: OrderRemainder) -> [Kind: Int] {
        var out: [Kind: Int] = [:]
        for (kind, count) in before.counts {
            let taken = count - (after.counts[kind] ?? 0)
            if taken > 0 { out[kind] = taken }
        }
        return out
    }

    /// The kinds of `parts` this remainder holds fewer of than `parts` asks, with how many
    /// are missing; empty when every part can be booked.
    func shortage(of parts: [Kind: Int]) -> [Kind: Int] {
        parts.reduce(into: [:]) { out, entry in
            let missing = entry.value - (counts[entry.key] ?? 0)
            if missing > 0 { out[entry.key] = missing }
        }
    }

    /// Takes `parts` off and records one cut of `stock`. Precondition: `shortage(of: parts)`
    /// is empty (a kind never goes below zero either way).
    mutating func book(_ parts: [Kind: Int], stock: String) {
        var total = 0
        for (kind, n) in parts where n > 0 {
            let left = (counts[kind] ?? 0) - n
            counts[kind] = left > 0 ? left : nil
            total += n
        }
        cuts.append(Cut(stock: stock, parts: total))
    }
}
