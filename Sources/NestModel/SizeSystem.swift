import Foundation

/// A shoe size system: how a size label ("9.5", "42 2/3", "265") maps to a number and to
/// a nominal last length, so grade rules can be stated per size.
///
/// Guarantees: `value(of:)` accepts only labels of this system (nil otherwise) and never
/// traps on any string; lengths are in millimetres.
///
/// | system | one size is | nominal last length |
/// | --- | --- | --- |
/// | US (men's) | 1/3 in (a barleycorn) | (size + 24) / 3 in |
/// | UK | 1/3 in | (size + 25) / 3 in |
/// | EU (Paris point) | 2/3 cm | size × 2/3 cm |
/// | Mondopoint | 1 mm (sizes are foot lengths, usually in steps of 5) | size mm |
public enum SizeSystem: String, Sendable, CaseIterable {
    case us = "US"
    case uk = "UK"
    case eu = "EU"
    case mondopoint = "Mondopoint"

    /// The system a pattern names, case-insensitively; "Paris" and "MP" are accepted too.
    public init?(name: String) {
        switch name.trimmingCharacters(in: .whitespaces).lowercased() {
        case "us", "usa": self = .us
        case "uk", "gb": self = .uk
        case "eu", "eur", "paris", "paris point", "french": self = .eu
        case "mondopoint", "mp", "mondo": self = .mondopoint
        default: return nil
        }
    }

    /// Last length added by one unit of the size number, in millimetres.
    public var millimetresPerSize: Double {
        switch self {
        case .us, .uk: 25.4 / 3
        case .eu: 20.0 / 3
        case .mondopoint: 1
        }
    }

    /// The number a label stands for: "9", "9.5", "9½", "9 1/2" (US, UK: whole and half
    /// sizes); "42", "42.5", "42 1/3", "42⅔" (EU); "265" or "265/95" (Mondopoint: foot
    /// length / width in mm). Nil for anything else or a value outside the system's range.
    public func value(of label: String) -> Double? {
        var text = label.trimmingCharacters(in: .whitespaces)
        if self == .mondopoint, let slash = text.firstIndex(of: "/") { text = String(text[..<slash]) }
        var fraction = 0.0
        for (suffix, f) in [("½", 0.5), ("⅓", 1.0 / 3), ("⅔", 2.0 / 3), (" 1/2", 0.5), (" 1/3", 1.0 / 3), (" 2/3", 2.0 / 3)]
        where text.hasSuffix(suffix) {
            fraction = f
            text = String(text.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let v = Double(text) else {
            return nil
        }
        let n = v + fraction
        switch self {
        case .us, .uk:
            guard n >= 0, n <= 20, (n * 2).rounded() == n * 2 else { return nil }
        case .eu:
            guard n >= 15, n <= 55 else { return nil }
        case .mondopoint:
            guard n >= 80, n <= 400 else { return nil }
        }
        return n
    }

    /// Nominal last length of a size in millimetres (foot length for Mondopoint).
    public func lengthMillimetres(of label: String) -> Double? {
        guard let v = value(of: label) else { return nil }
        switch self {
        case .us: return (v + 24) / 3 * 25.4
        case .uk: return (v + 25) / 3 * 25.4
        case .eu: return v * 20 / 3
        case .mondopoint: return v
        }
    }

    /// How many sizes (units of the size number) `size` lies above `base`.
    public func sizes(from base: String, to size: String) -> Double? {
        guard let a = value(of: base), let b = value(of: size) else { return nil }
        return b - a
    }
}
