import Foundation

/// What a job cuts from: a set of hides (filled in the job's `hideOrder`), or one roll.
public enum Stock: Sendable, Hashable {
    case hides([Hide])
    case roll(Roll)

    /// The material every part of the job must be made of.
    public var materials: Set<String> {
        switch self {
        case .hides(let hides): Set(hides.map(\.material))
        case .roll(let roll): [roll.material]
        }
    }

    /// True when panels of `material` are cut from this stock: the names compared without
    /// regard to case or surrounding blanks ("Leather " is the stock's "leather"), as a
    /// cutting room reads them.
    public func cuts(_ material: String) -> Bool {
        let wanted = Self.normalized(material)
        return materials.contains { Self.normalized($0) == wanted }
    }

    private static func normalized(_ material: String) -> String {
        material.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
