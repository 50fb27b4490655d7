/// How one grade of a hide's leather was used: its usable area (the hide less its holes
/// and the defects no part may touch), the part of it covered by parts whose minimum grade
/// is this grade, the part covered by parts that could have used worse leather, and the
/// rest. Parts never cover leather worse than they allow, so covered = needed + better.
public struct GradeUse: Sendable, Hashable {
    public var grade: Grade
    public var area: Double
    /// Covered by parts whose minimum grade is `grade`: leather given to the parts it suits.
    public var neededArea: Double
    /// Covered by parts whose minimum grade is worse: leather better than they needed.
    public var betterThanNeededArea: Double

    public init(grade: Grade, area: Double, neededArea: Double, betterThanNeededArea: Double) {
        self.grade = grade
        self.area = area
        self.neededArea = neededArea
        self.betterThanNeededArea = betterThanNeededArea
    }

    /// Left uncovered (gaps, margins, spacing and what no part took).
    public var freeArea: Double { max(0, area - neededArea - betterThanNeededArea) }
}
