import ArgumentParser
import Foundation
import NestGeometry
import NestIO
import NestOutput

/// `nest bundle JOB.json`: the job with every file it names inlined, as one JSON document.
struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nest bundle",
        abstract: "Write a job with every pattern, hide and roll it names inlined (normalized JSON), as one document.",
        discussion: """
            The bundle nests exactly as the job does, and needs nothing beside it: send it to \
            a nesting server or keep it with the cut. Notes of the readers go to standard error. \
            Exit status: 0 on success, 1 on bad input (one line naming file, item and problem).
            """)

    @Argument(help: "The job file.")
    var job: String

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    func run() throws {
        let text: String
        do {
            let (document, notes) = try JobBundle.bundle(path: job, kernel: try GeometryKernel())
            for note in notes { FileHandle.standardError.write(Data("nest: note: \(note)\n".utf8)) }
            text = document.serialized()
        } catch let error as InputError {
            FileHandle.standardError.write(Data("nest: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        try TextOutput.write(text, to: output)
    }
}
