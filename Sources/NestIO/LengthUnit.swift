/// A length unit an input file may declare with `"units"`; everything inside is
/// converted to millimetres when read.
public enum LengthUnit: String, Sendable, CaseIterable {
    case mm, cm, m, `in`

    public var millimetres: Double {
        switch self {
        case .mm: 1
        case .cm: 10
        case .m: 1000
        case .in: 25.4
        }
    }

    /// The unit a text names, whatever its case and blanks, spelled short or long
    /// ("MM", "millimetres", "inch", "inches", "cm"); nil for any other text.
    public init?(named text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let u = LengthUnit(rawValue: t) { self = u; return }
        switch t {
        case "millimeter", "millimeters", "millimetre", "millimetres": self = .mm
        case "centimeter", "centimeters", "centimetre", "centimetres": self = .cm
        case "meter", "meters", "metre", "metres": self = .m
        case "inch", "inches", "\"": self = .in
        default: return nil
        }
    }

    static func parse(_ text: String?, file: String) throws -> LengthUnit {
        guard let text else { return .mm }
        guard let u = LengthUnit(named: text) else {
            throw InputError(file: file, item: "units", problem:
                "unknown unit \"\(text)\"; use one of \(LengthUnit.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return u
    }
}
