import ArgumentParser
import Foundation
import NestGeometry
import NestIO

/// `nest check FILE…`: validate patterns, hides, rolls and jobs without nesting.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nest check",
        abstract: "Validate patterns, hides, rolls and jobs (JSON, DXF, SVG) without nesting; list every problem.",
        discussion: """
            Prints one line per problem, "FILE: ITEM: PROBLEM", then a summary. A job's pattern \
            and stock files are checked too. What the readers repair on their own (repeated points, \
            pieces unfolded about a fold line, a grading loop) is listed as "note: …", not counted \
            as a problem. Exit status: 0 when all is well, 1 when any problem was found.
            """)

    @Argument(help: "The files to check.")
    var files: [String]

    @Flag(name: .shortAndLong, help: "Print only the problems.")
    var quiet = false

    @OptionGroup var reading: ImportOptionGroup

    func run() throws {
        var checker = Checker(options: reading.options, kernel: try GeometryKernel())
        var total = 0
        for file in files {
            let notesBefore = checker.notes.count
            let problems = checker.problems(path: file)
            total += problems.count
            if !quiet { for n in checker.notes[notesBefore...] { print("note: \(n)") } }
            for p in problems { print(p.description) }
            if !quiet, problems.isEmpty { print("\(file): OK") }
        }
        if !quiet { print(total == 0 ? "nest check: all \(files.count) file(s) OK" : "nest check: \(total) problem(s)") }
        if total > 0 { throw ExitCode(1) }
    }
}
