import Foundation
import Testing

/// The independent report checker (`Tests/ReportChecker/check_report.py`) that every
/// end-to-end test trusts must itself be able to fail: its mutation test breaks copies of a
/// real report one way at a time (a part onto another, outside the hide, into a defect or a
/// worse zone, a yield changed, a placement lost, truncated JSON, NaN, ...) and expects each
/// to be caught.
struct ReportCheckerTests {
    @Test func theCheckerCatchesEveryBrokenCopyOfARealReport() throws {
        let folder = try Harness.temporaryFolder()
        let out = folder.appendingPathComponent("open")
        // An open order: unplaced parts, zones, defects and a toolpath give every mutation
        // something to break.
        let run = try Harness.nest(["Patterns/hide-open-order.json", "--output", out.path, "--toolpath", "plt",
                                    "--tickets", "none", "--iterations", "20", "--samples", "60", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let python = try #require(Harness.which("python3"))
        let test = Harness.packageRoot.appendingPathComponent("Tests/ReportChecker/test_check_report.py")
        let result = try Harness.run(python, [test.path, out.appendingPathComponent("report.json").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains(" 0 failed"), "\(last)")
        // Most mutations apply to this report; a checker that skips everything proves nothing.
        let passed = last.split(separator: " ").firstIndex(of: "passed,").flatMap { i in
            Int(last.split(separator: " ")[i - 1]) } ?? 0
        #expect(passed >= 25, "\(last)")
    }
}
