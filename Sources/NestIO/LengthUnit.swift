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

    static func parse(_ text: String?, file: String) throws -> LengthUnit {
        guard let text else { return .mm }
        guard let u = LengthUnit(rawValue: text) else {
            throw InputError(file: file, item: "units", problem:
                "unknown unit \"\(text)\"; use one of \(LengthUnit.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return u
    }
}
