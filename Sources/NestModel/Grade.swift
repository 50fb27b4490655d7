import Foundation

/// A leather quality grade, `A` best to `D` worst.
///
/// A panel's `minGrade` is the *worst* grade it may be cut from: a panel with minimum
/// grade `B` may lie in A and B leather, never in C or D.
public enum Grade: String, Sendable, CaseIterable, Comparable, Codable {
    case A, B, C, D

    /// A grade as people write it: the letter in either case, blanks around it ignored
    /// (`"b"`, `" B "` are B); nil for anything else.
    public init?(text: String) {
        self.init(rawValue: text.trimmingCharacters(in: .whitespaces).uppercased())
    }

    /// Position from best (0) to worst.
    public var rank: Int { Grade.allCases.firstIndex(of: self)! }

    /// `a < b` when `a` is the better grade.
    public static func < (a: Grade, b: Grade) -> Bool { a.rank < b.rank }

    /// True when a panel whose worst allowed grade is `minimum` may lie in leather of this grade.
    public func isAcceptable(forMinimum minimum: Grade) -> Bool { self <= minimum }
}
