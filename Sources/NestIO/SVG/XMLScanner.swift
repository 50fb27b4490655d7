import Foundation

/// A small, strict XML reader for SVG: elements, attributes and text, with the line each
/// element starts on. Skips the prolog, comments, processing instructions and DOCTYPE;
/// decodes the predefined and numeric character references.
///
/// Guarantees: never traps or loops on any bytes; nesting deeper than `maxDepth` or more
/// than `maxElements` elements is refused; every refusal is an `InputError` with the line.
struct XMLNode: Sendable {
    var name: String
    var attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""
    var line: Int

    func attribute(_ key: String) -> String? { attributes[key] }
}

struct XMLScanner {
    static let maxDepth = 256
    static let maxElements = 1_000_000

    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var count = 0
    let file: String

    init(data: Data, file: String) {
        bytes = Array(data)
        self.file = file
    }

    static func parse(_ data: Data, file: String) throws -> XMLNode {
        var s = XMLScanner(data: data, file: file)
        return try s.document()
    }

    private func fail(_ problem: String) -> InputError { InputError(file: file, item: "line \(line)", problem: problem) }

    private var atEnd: Bool { i >= bytes.count }

    private mutating func advance() {
        if bytes[i] == UInt8(ascii: "\n") { line += 1 }
        i += 1
    }

    private func starts(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return i + u.count <= bytes.count && Array(bytes[i..<i + u.count]) == u
    }

    private mutating func skip(past s: String) throws {
        while !atEnd, !starts(s) { advance() }
        guard !atEnd else { throw fail("unterminated \(s == "-->" ? "comment" : "markup"), expected \"\(s)\"") }
        for _ in 0..<s.utf8.count { advance() }
    }

    private mutating func skipSpace() {
        while !atEnd, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { advance() }
    }

    private mutating func skipMisc() throws {
        while true {
            skipSpace()
            if starts("<?") { try skip(past: "?>") }
            else if starts("<!--") { try skip(past: "-->") }
            else if starts("<!DOCTYPE") || starts("<!doctype") {
                var depth = 0
                while !atEnd {
                    let c = bytes[i]
                    advance()
                    if c == UInt8(ascii: "[") { depth += 1 }
                    if c == UInt8(ascii: "]") { depth -= 1 }
                    if c == UInt8(ascii: ">"), depth <= 0 { break }
                }
            } else { return }
        }
    }

    mutating func document() throws -> XMLNode {
        if starts("\u{FEFF}") { i += 3 }
        try skipMisc()
        guard !atEnd, bytes[i] == UInt8(ascii: "<") else { throw fail("not an XML document: expected \"<\"") }
        let root = try element(depth: 0)
        try skipMisc()
        guard atEnd else { throw fail("content after the root element") }
        return root
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        c >= 0x80 || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") || c == UInt8(ascii: "-") || c == UInt8(ascii: ".")
    }

    private mutating func name() throws -> String {
        let start = i
        while !atEnd, Self.isNameByte(bytes[i]) { advance() }
        guard i > start else { throw fail("expected a name") }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func element(depth: Int) throws -> XMLNode {
        guard depth < Self.maxDepth else { throw fail("elements nested deeper than \(Self.maxDepth)") }
        count += 1
        guard count <= Self.maxElements else { throw fail("more than \(Self.maxElements) elements") }
        let startLine = line
        advance()  // "<"
        var node = XMLNode(name: try name(), attributes: [:], line: startLine)
        while true {
            skipSpace()
            guard !atEnd else { throw fail("unterminated tag <\(node.name)>") }
            if starts("/>") {
                i += 2
                return node
            }
            if bytes[i] == UInt8(ascii: ">") {
                advance()
                break
            }
            let key = try name()
            skipSpace()
            guard !atEnd, bytes[i] == UInt8(ascii: "=") else { throw fail("attribute \(key) has no value") }
            advance()
            skipSpace()
            guard !atEnd, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
                throw fail("attribute \(key) value must be quoted")
            }
            let quote = bytes[i]
            advance()
            let start = i
            while !atEnd, bytes[i] != quote { advance() }
            guard !atEnd else { throw fail("unterminated value of attribute \(key)") }
            node.attributes[key] = Self.decode(String(decoding: bytes[start..<i], as: UTF8.self))
            advance()
        }
        // Content.
        while true {
            guard !atEnd else { throw fail("element <\(node.name)> opened on line \(startLine) is never closed") }
            if starts("</") {
                i += 2
                let end = try name()
                guard end == node.name else { throw fail("</\(end)> closes <\(node.name)> opened on line \(startLine)") }
                skipSpace()
                guard !atEnd, bytes[i] == UInt8(ascii: ">") else { throw fail("unterminated end tag </\(end)>") }
                advance()
                return node
            } else if starts("<!--") {
                try skip(past: "-->")
            } else if starts("<![CDATA[") {
                i += 9
                let start = i
                while !atEnd, !starts("]]>") { advance() }
                guard !atEnd else { throw fail("unterminated CDATA section") }
                node.text += String(decoding: bytes[start..<i], as: UTF8.self)
                i += 3
            } else if starts("<?") {
                try skip(past: "?>")
            } else if bytes[i] == UInt8(ascii: "<") {
                node.children.append(try element(depth: depth + 1))
            } else {
                let start = i
                while !atEnd, bytes[i] != UInt8(ascii: "<") { advance() }
                if node.text.utf8.count < 100_000 { node.text += Self.decode(String(decoding: bytes[start..<i], as: UTF8.self)) }
            }
        }
    }

    /// Replaces character references; an unknown one is kept as written.
    static func decode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = s[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semi = rest.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = rest.dropFirst()
                continue
            }
            let ref = rest[rest.index(after: rest.startIndex)..<semi]
            var replacement: String?
            switch ref {
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "amp": replacement = "&"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if ref.hasPrefix("#x") || ref.hasPrefix("#X"), let v = UInt32(ref.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                    replacement = String(Character(u))
                } else if ref.hasPrefix("#"), let v = UInt32(ref.dropFirst()), let u = Unicode.Scalar(v) {
                    replacement = String(Character(u))
                }
            }
            if let replacement {
                out += replacement
                rest = rest[rest.index(after: semi)...]
            } else {
                out += "&"
                rest = rest.dropFirst()
            }
        }
        return out + rest
    }
}
