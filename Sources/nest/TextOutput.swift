import ArgumentParser
import Foundation
import NestOutput

/// Where a command that writes one text document puts it: a file (written atomically) or
/// standard output. A file that cannot be written is reported and exits 1.
enum TextOutput {
    static func write(_ text: String, to output: String?) throws {
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try AtomicFile.write(text, to: output)
        } catch {
            FileHandle.standardError.write(Data("nest: error: \(output): cannot write (\(error.localizedDescription))\n".utf8))
            throw ExitCode(1)
        }
    }
}
