import Foundation
import NestOutput
import Testing

/// Foundation's file-writing errors in words, naming the output folder
/// (`nest: error: FOLDER: PROBLEM`) instead of `Error Domain=NSCocoaErrorDomain Code=640 …`.
struct OutputErrorTests {
    /// As `Data.write` throws it on a full disk: Cocoa code 640, the staging file's path.
    static func cocoa(_ code: Int, underlying errno: Int32? = nil) -> NSError {
        var info: [String: Any] = [NSFilePathErrorKey: "/work/out/.c2A.nest-4242/sheet-01.svg"]
        if let errno { info[NSUnderlyingErrorKey] = NSError(domain: NSPOSIXErrorDomain, code: Int(errno)) }
        return NSError(domain: NSCocoaErrorDomain, code: code, userInfo: info)
    }

    @Test func cocoaFileErrorsAreNamedInWords() {
        #expect(OutputError.fileProblem(Self.cocoa(640)) == "no space left on the device")
        #expect(OutputError.fileProblem(Self.cocoa(513)) == "permission denied")
        #expect(OutputError.fileProblem(Self.cocoa(642)) == "the device is read-only")
        #expect(OutputError.fileProblem(Self.cocoa(4)) == "no such file or folder")
        // The POSIX error under a Cocoa one is the more precise.
        #expect(OutputError.fileProblem(Self.cocoa(512, underlying: EDQUOT)) == "the disk quota is used up")
        #expect(OutputError.fileProblem(Self.cocoa(640, underlying: ENOSPC)) == "no space left on the device")
        // 512 with only a description (as `AtomicFile` throws a failed rename).
        let rename = NSError(domain: NSCocoaErrorDomain, code: 512, userInfo: [NSLocalizedDescriptionKey: "Cross-device link"])
        #expect(OutputError.fileProblem(rename) == "cross-device link")
    }

    @Test func posixErrorsAreNamedInWords() {
        #expect(OutputError.fileProblem(NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))) == "no space left on the device")
        #expect(OutputError.fileProblem(POSIXError(.EACCES)) == "permission denied")
        #expect(OutputError.problem(errno: EROFS) == "the device is read-only")
        // Any other errno as the C library says it, in lower case.
        #expect(OutputError.problem(errno: EXDEV) == String(cString: strerror(EXDEV)).lowercased())
    }

    @Test func anErrorWritingIntoTheFolderNamesTheFolder() {
        let e = OutputError(writingInto: "out/c2A", Self.cocoa(640))
        #expect(e?.description == "out/c2A: cannot write the output: no space left on the device")
        #expect(e.map { !$0.description.contains("NSCocoaErrorDomain") && !$0.description.contains(".nest-") } == true)
        // An OutputError already made is kept; an error that is not a file error is not taken.
        let made = OutputError(file: "out/c2A/report.json", problem: "cannot move the file into place: permission denied")
        #expect(OutputError(writingInto: "out/c2A", made) == made)
        struct NotAFileError: Error {}
        #expect(OutputError(writingInto: "out/c2A", NotAFileError()) == nil)
    }

    /// The output folder turns a writer's Foundation error into the one-line message, both
    /// when it swaps the folder whole and when it writes file by file into a shared folder.
    @Test func theOutputFolderReportsAFullDiskByTheFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("nest-output-error-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let swapped = root.appendingPathComponent("out").path
        let shared = root.appendingPathComponent("shared").path
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: URL(fileURLWithPath: (shared as NSString).appendingPathComponent("notes.txt")))
        for folder in [swapped, shared] {
            #expect {
                _ = try OutputFolder.replace(folder) { _ in throw Self.cocoa(640) }
            } throws: { error in
                (error as? OutputError)?.description == "\(folder): cannot write the output: no space left on the device"
            }
        }
        #expect(!FileManager.default.fileExists(atPath: swapped), "nothing is left behind")
    }
}
