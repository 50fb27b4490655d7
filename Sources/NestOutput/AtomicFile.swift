import Foundation

/// Writes files so that readers never see a half-written one: the bytes go to a hidden
/// temporary file in the same folder, which is then renamed over the target.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        try Staged(data, for: path).commit()
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// A file written whole under a hidden temporary name beside its target, and put in
    /// place only by `commit()`: a run can write many files first and show them all at
    /// the end, or none (`discard()`) when something fails.
    public struct Staged: Sendable {
        public let temporary: String
        public let target: String

        public init(_ data: Data, for path: String) throws {
            let url = URL(fileURLWithPath: path)
            target = path
            temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
            try data.write(to: URL(fileURLWithPath: temporary))
        }

        public init(_ text: String, for path: String) throws {
            try self.init(Data(text.utf8), for: path)
        }

        /// Renames the file over its target; on failure the temporary file is removed.
        public func commit() throws {
            guard rename(temporary, target) != 0 else { return }
            let code = errno
            discard()
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target,
                                                           NSLocalizedDescriptionKey: String(cString: strerror(code))])
        }

        public func discard() {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }
}
