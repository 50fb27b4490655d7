import Foundation
import NestIO

/// Replaces the files of an output folder as one step, so that a reader — or a run killed
/// at any moment, even by SIGKILL — finds either the previous complete set of files or
/// the new complete set, never a mix and never a truncated file.
///
/// The new files are written into a hidden staging folder beside the output folder
/// (`.NAME.nest-PID`), which then takes the output folder's place in one atomic
/// `renameat2(RENAME_EXCHANGE)` (or `rename` when there was no folder); the old folder,
/// now at the staging name, is removed. A failed run removes its staging folder and
/// leaves the output untouched; staging folders of killed runs are removed by the next run.
///
/// This needs the output folder to hold nothing but `nest`'s own files (those its
/// manifest, `.nest-output`, lists, or `report.json`, `cut-sheets.pdf` and `sheet-NN.svg`),
/// since they are swapped as a whole. A folder with other files in it (or `.`) is written
/// file by file instead: each file atomically, the report last.
public enum OutputFolder {
    /// The manifest of the files of the last complete set.
    public static let manifest = ".nest-output"

    /// Writes a new set of files through `body` (given the folder to write into; it
    /// returns the paths it wrote there) and puts it in place of `folder`'s files.
    /// Returns the paths as they are in `folder`.
    public static func replace(_ folder: String, with body: (String) throws -> [String]) throws -> [String] {
        let fm = FileManager.default
        let target = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let name = PathParts.name(of: target)
        let parent = PathParts.folder(of: target).isEmpty ? "." : PathParts.folder(of: target)
        guard !["", ".", "..", "/"].contains(name), isSwappable(target) else {
            return try inPlace(target, with: body)
        }
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(creatingFolder: target, error)
        }
        removeStaleStaging(in: parent, name: name)
        let staging = (parent as NSString).appendingPathComponent(".\(name).nest-\(getpid())")
        try? fm.removeItem(atPath: staging)
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw OutputError(file: target, problem: "cannot write beside the output folder: \(OutputError.describe(error))")
        }
        do {
            let written = try body(staging)
            try writeManifest(written, in: staging)
            if fm.fileExists(atPath: target) {
                guard exchange(staging, target) else {
                    throw OutputError(file: target, problem: "cannot replace the output folder: \(OutputError.problem(errno: errno))")
                }
            } else if rename(staging, target) != 0 {
                throw OutputError(file: target, problem: "cannot move the output into place: \(OutputError.problem(errno: errno))")
            }
            try? fm.removeItem(atPath: staging)  // the previous set, after an exchange
            return written.map { (target as NSString).appendingPathComponent(($0 as NSString).lastPathComponent) }
        } catch {
            try? fm.removeItem(atPath: staging)
            // A full disk or a refused permission, named by the folder and in words.
            throw OutputError(writingInto: target, error) ?? error
        }
    }

    /// True when `folder` does not exist, or is a folder holding only `nest`'s output.
    static func isSwappable(_ folder: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else { return true }
        guard isDirectory.boolValue, let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return false }
        let listed = Set(readManifest(in: folder))
        return entries.allSatisfy { $0 == manifest || listed.contains($0) || isOwnOutput($0) }
    }

    /// The names `nest` writes by default.
    static func isOwnOutput(_ name: String) -> Bool {
        if name == "report.json" || name == "cut-sheets.pdf" { return true }
        if name.hasPrefix(".") && name.contains(".tmp-") { return true }  // a temporary of AtomicFile
        return name.hasPrefix("sheet-") && name.hasSuffix(".svg") && Int(name.dropFirst(6).dropLast(4)) != nil
    }

    static func readManifest(in folder: String) -> [String] {
        let path = (folder as NSString).appendingPathComponent(manifest)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init).filter { !$0.contains("/") && $0 != "." && $0 != ".." }
    }

    static func writeManifest(_ written: [String], in folder: String) throws {
        let names = written.map { ($0 as NSString).lastPathComponent }
        try AtomicFile.write(names.joined(separator: "\n") + "\n", to: (folder as NSString).appendingPathComponent(manifest))
    }

    /// Staging folders of runs that were killed (their process is gone).
    static func removeStaleStaging(in parent: String, name: String) {
        let prefix = ".\(name).nest-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: (parent as NSString).appendingPathComponent(entry))
            }
        }
    }

    /// Swaps two paths atomically (Linux `renameat2` with `RENAME_EXCHANGE`, looked up at
    /// run time since the C library's header hides it from Swift).
    static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else {
            errno = ENOSYS
            return false
        }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    }

    /// A folder shared with other files: write into a hidden staging folder inside it, then
    /// move each file into place (atomically, the report last) and drop stale sheets.
    static func inPlace(_ folder: String, with body: (String) throws -> [String]) throws -> [String] {
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(creatingFolder: folder, error)
        }
        let staging = (folder as NSString).appendingPathComponent(".nest-staging-\(getpid())")
        try? fm.removeItem(atPath: staging)
        defer { try? fm.removeItem(atPath: staging) }
        let written: [String]
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
            written = try body(staging)
        } catch {
            throw OutputError(writingInto: folder, error) ?? error
        }
        let names = written.map { ($0 as NSString).lastPathComponent }
        let previous = Set(readManifest(in: folder)).union(
            ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("sheet-") && isOwnOutput($0) })
        for stale in previous.subtracting(names) {
            try? fm.removeItem(atPath: (folder as NSString).appendingPathComponent(stale))
        }
        let ordered = names.filter { $0 != "report.json" } + names.filter { $0 == "report.json" }
        for n in ordered {
            let from = (staging as NSString).appendingPathComponent(n), to = (folder as NSString).appendingPathComponent(n)
            if rename(from, to) != 0 {
                throw OutputError(file: to, problem: "cannot move the file into place: \(OutputError.problem(errno: errno))")
            }
        }
        do {
            try writeManifest(written, in: folder)
        } catch {
            throw OutputError(writingInto: folder, error) ?? error
        }
        return names.map { (folder as NSString).appendingPathComponent($0) }
    }
}
