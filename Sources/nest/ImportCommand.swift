import ArgumentParser
import Foundation
import NestGeometry
import NestIO
import NestOutput

/// `nest import FILE --to json`: read a pattern or hide in any format and write what was
/// understood, normalized (JSON), or the pattern as DXF or SVG.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nest import",
        abstract: "Read a pattern or hide (JSON, DXF, SVG) and write it as normalized JSON, DXF or SVG.",
        discussion: "Exit status: 0 on success, 1 on bad input (one line naming file, item and problem).")

    enum Kind: String, ExpressibleByArgument { case pattern, hide, auto }
    enum Target: String, ExpressibleByArgument { case json, dxf, svg }

    @Argument(help: "The file to read (.dxf, .svg or .json).")
    var file: String

    @Option(help: "What to write: json (normalized), dxf (AAMA-style blocks) or svg.")
    var to: Target = .json

    @Option(name: .shortAndLong, help: "Write here instead of to standard output.")
    var output: String?

    @Option(name: .customLong("as"), help: "pattern, hide, or auto (DXF with hide layers or a nest-hide JSON is a hide).")
    var kind: Kind = .auto

    @OptionGroup var reading: ImportOptionGroup

    func run() throws {
        let kernel = try GeometryKernel()
        let text: String
        do {
            let isHide = kind == .hide || (kind == .auto && FileKind.looksLikeHide(path: file, options: reading.options))
            if isHide {
                guard to == .json else { throw ValidationError("hides are written as JSON only (--to json)") }
                let hide = try PatternFiles.readHide(path: file, displayName: file, options: reading.options, kernel: kernel)
                for note in hide.notes { FileHandle.standardError.write(Data("nest: note: \(note)\n".utf8)) }
                text = NormalizedJSON.hide(hide).serialized()
            } else {
                let pattern = try PatternFiles.readPattern(path: file, displayName: file, options: reading.options, kernel: kernel)
                for note in pattern.notes { FileHandle.standardError.write(Data("nest: note: \(note)\n".utf8)) }
                switch to {
                case .json: text = NormalizedJSON.pattern(pattern).serialized()
                case .dxf: text = PatternDXFWriter.document(pattern)
                case .svg: text = PatternSVGWriter.document(pattern)
                }
            }
        } catch let error as InputError {
            FileHandle.standardError.write(Data("nest: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        try TextOutput.write(text, to: output)
    }
}
