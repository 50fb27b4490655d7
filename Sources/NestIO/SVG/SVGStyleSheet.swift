import Foundation

/// The CSS an SVG drawing carries in its `<style>` elements, as far as it decides what is
/// drawn: the declarations of class (`.st1`) and id (`#scan`) rules, which Illustrator and
/// CorelDRAW write for every element's style (`.st1{display:none;}` is how Illustrator
/// hides a layer). Other selectors (element names, combinators, pseudo-classes) are not
/// read. Never throws: text it cannot read as a rule is passed over.
struct SVGStyleSheet: Sendable {
    private var classRules: [String: [String: String]] = [:]
    private var idRules: [String: [String: String]] = [:]

    /// The rules of every `<style>` under `root`, in document order (a later rule for the
    /// same selector and property wins, as in CSS).
    init(root: XMLNode) {
        var stack = [root]
        var texts: [String] = []
        while let node = stack.popLast() {
            if node.name == "style" {
                texts.append(([node.text] + node.children.map(\.text)).joined())
            }
            stack += node.children.reversed()
        }
        for text in texts { read(text) }
    }

    private mutating func read(_ css: String) {
        var text = css
        // Comments out, the CDATA markers exporters wrap the sheet in.
        while let open = text.range(of: "/*") {
            let close = text.range(of: "*/", range: open.upperBound..<text.endIndex)
            text.removeSubrange(open.lowerBound..<(close?.upperBound ?? text.endIndex))
        }
        text = text.replacingOccurrences(of: "<![CDATA[", with: "").replacingOccurrences(of: "]]>", with: "")
        for rule in text.split(separator: "}") {
            let parts = rule.split(separator: "{", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let declarations = Self.declarations(String(parts[1]))
            guard !declarations.isEmpty else { continue }
            for selector in parts[0].split(separator: ",") {
                let s = selector.trimmingCharacters(in: .whitespacesAndNewlines)
                guard s.count > 1, let first = s.first, !s.dropFirst().contains(where: { " >+~:[.#*".contains($0) }) else { continue }
                let name = String(s.dropFirst())
                if first == "." { classRules[name, default: [:]].merge(declarations) { $1 } }
                if first == "#" { idRules[name, default: [:]].merge(declarations) { $1 } }
            }
        }
    }

    /// `display: none; stroke:#000` → ["display": "none", "stroke": "#000"] (names and
    /// values trimmed, names lowercased, `!important` dropped).
    static func declarations(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for d in text.split(separator: ";") {
            let kv = d.split(separator: ":", maxSplits: 1)
            guard kv.count == 2 else { continue }
            let key = kv[0].trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            let value = kv[1].replacingOccurrences(of: "!important", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
            if !key.isEmpty { out[key] = value }
        }
        return out
    }

    /// The value of CSS property `name` set on the element itself (not inherited): its
    /// `style` attribute first, then an id rule, then its class rules (the last class
    /// listed that sets it), then the presentation attribute — CSS's order of precedence.
    func property(_ name: String, of node: XMLNode) -> String? {
        if let style = node.attribute("style"), let v = Self.declarations(style)[name] { return v }
        if let id = node.attribute("id"), let v = idRules[id]?[name] { return v }
        if let classes = node.attribute("class") {
            for c in classes.split(separator: " ").reversed() {
                if let v = classRules[String(c)]?[name] { return v }
            }
        }
        return node.attribute(name)?.trimmingCharacters(in: .whitespaces)
    }
}
