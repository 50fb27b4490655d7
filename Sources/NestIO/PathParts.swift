/// A path split at its last slash, without Foundation's `NSString` path methods:
/// `deletingLastPathComponent` traps on a one-character relative path ("o") in the
/// Foundation of Swift 6.3 on Linux, which made `nest JOB -o o` crash.
public enum PathParts {
    /// The folder `path` lies in: empty for a bare name, "/" for a name at the root (as
    /// `NSString.deletingLastPathComponent` answers).
    /// A trailing slash (other than the root's) is ignored.
    public static func folder(of path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        let folder = String(trimmed[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// The last component of `path` (empty for the root). A trailing slash is ignored.
    public static func name(of path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }
}
