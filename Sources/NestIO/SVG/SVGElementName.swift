import Foundation

/// The name a drawing program gave an SVG element, as a pattern maker would read it in its
/// layers panel: Inkscape's `inkscape:label`, Illustrator's `data-name` (written when the
/// name has a space or other characters an id cannot hold), or an id a person chose
/// (`Vamp`, `Toe_cap`). Ids a program makes up by itself (`path1234`, `g400`, `XMLID_12_`,
/// `SVGID_1_`, `Layer_1`, `_x3C_Group_x3E_` for "<Group>", CorelDRAW's `_123456`) name
/// nothing, nor do the default names of layers ("Layer 1").
enum SVGElementName {
    static func of(_ node: XMLNode) -> String? {
        let given = [node.attribute("inkscape:label"), node.attribute("data-name"), node.attribute("serif:id"),
                     node.attribute("id").map(decoded)]
        return given.lazy.compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !isGenerated($0) }
    }

    /// Illustrator's escapes in ids (`_x3C_` → "<", `_x0020_` → " ").
    static func decoded(_ id: String) -> String {
        var out = ""
        var rest = Substring(id)
        while let r = rest.range(of: "_x") {
            out += rest[..<r.lowerBound]
            let after = rest[r.upperBound...]
            let hex = after.prefix { $0.isHexDigit }
            if (2...4).contains(hex.count), after.dropFirst(hex.count).first == "_",
               let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
                rest = after.dropFirst(hex.count + 1)
            } else {
                out += "_x"
                rest = after
            }
        }
        return out + rest
    }

    /// Prefixes of the ids drawing programs number by themselves.
    static let generatedPrefixes = ["g", "path", "rect", "circle", "ellipse", "polygon", "polyline", "line", "layer",
                                    "svg", "use", "text", "tspan", "image", "group", "shape", "object", "symbol", "clippath",
                                    "xmlid", "svgid", "calque", "ebene", "capa", "livello", "id", "defs", "mask", "a"]

    static func isGenerated(_ name: String) -> Bool {
        let n = name.trimmingCharacters(in: .whitespaces)
        if n.isEmpty || n.hasPrefix("<") { return true }
        // The word, then digits (with the separators and trailing underscore programs use).
        let word = n.prefix { $0.isLetter }.lowercased()
        let tail = n.dropFirst(word.count)
        let numbered = !tail.isEmpty && tail.contains(where: \.isNumber) && tail.allSatisfy { $0.isNumber || "_- ".contains($0) }
        return numbered && (word.isEmpty || generatedPrefixes.contains(word))
    }
}
