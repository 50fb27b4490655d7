import Foundation
import NestToolpath

/// A toolpath file format `nest` writes per sheet, by its file extension.
public enum ToolpathFormat: String, Sendable, Hashable, CaseIterable {
    case plt, nc, dxf

    /// Parses `--toolpath` text: a comma-separated list of formats, or `none`. Throws a
    /// message naming the bad entry.
    public static func parseList(_ text: String) throws(ToolpathOptionError) -> [ToolpathFormat] {
        let entries = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if entries == ["none"] { return [] }
        var out: [ToolpathFormat] = []
        for e in entries {
            guard let f = ToolpathFormat(rawValue: e) else {
                throw ToolpathOptionError(message: "--toolpath: unknown format \"\(e)\"; use a comma-separated list of plt, nc, dxf, or none")
            }
            if !out.contains(f) { out.append(f) }
        }
        return out
    }
}

/// A bad `--toolpath` value.
public struct ToolpathOptionError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
