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
}
