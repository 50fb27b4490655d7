import Foundation
import Testing

/// Runs the real `nest` executable and the project's independent report checker.
enum Harness {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The benchmark instances shipped in the repository (`Benchmarks/datasets/README.md`).
    static let datasets = packageRoot.appendingPathComponent("Benchmarks/datasets")

    /// The `nest` binary built beside the test bundle.
    static var executable: URL {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for dir in candidates {
            var d = dir
            for _ in 0..<3 {
                let c = d.appendingPathComponent("nest")
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: c.path, isDirectory: &isDir), !isDir.boolValue { return c }
                d = d.deletingLastPathComponent()
            }
        }
        return packageRoot.appendingPathComponent(".build/debug/nest")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `tool`; `environment` adds to (or overrides) the test's own environment.
    static func run(_ tool: URL, _ arguments: [String], in directory: URL = packageRoot,
                    environment: [String: String] = [:]) throws -> Output {
        let p = Process()
        p.executableURL = tool
        p.arguments = arguments
        p.currentDirectoryURL = directory
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes at once: a child that fills one while we wait on the other
        // (e.g. a sanitizer report of more than 64 KiB on stderr) would block forever.
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let e = errors.data
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self))
    }

    static func nest(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        try run(executable, arguments, environment: environment)
    }

    struct NotStarted: Error, CustomStringConvertible { var description: String }

    /// Starts `nest ARGUMENTS` in the background and waits (up to a minute) for its first line
    /// on stdout holding `marker`; returns the process and what follows the marker. Its stderr
    /// goes to `log` (or nowhere).
    static func start(_ arguments: [String], readyWith marker: String, log: URL? = nil) throws -> (Process, String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        let out = Pipe()
        process.standardOutput = out
        if let log {
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: log)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        var line = Data()
        let handle = out.fileHandleForReading
        let deadline = Date().addingTimeInterval(60)
        while !line.contains(0x0A), Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: marker) else {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            throw NotStarted(description: "nest \(arguments.first ?? "") did not start (status \(process.terminationStatus)): \(text)")
        }
        return (process, text[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines))
    }

    static func which(_ name: String) -> URL? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let u = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: u.path) { return u }
        }
        return nil
    }

    /// `python3 Tests/ReportChecker/check_report.py REPORT` (Python and shapely, no code shared
    /// with the Swift verifier); returns its output and status.
    static func verify(_ report: URL) throws -> Output {
        let python = try #require(which("python3"), "python3 is needed to run check_report.py")
        let checker = packageRoot.appendingPathComponent("Tests/ReportChecker/check_report.py")
        return try run(python, [checker.path, report.path])
    }

    static func temporaryFolder() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("nest-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }
}
