import Foundation
import NestGeometry

/// A JSON document with objects in a fixed key order, written byte-for-byte the same for
/// the same value: the basis of reproducible `report.json` files.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double, decimals: Int)
    case integer(Int)
    /// A whole number of 64 bits without sign (a seed may use them all).
    case unsigned(UInt64)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// Pretty-printed with two-space indents; short arrays of numbers (points) stay on one line.
    public func serialized() -> String {
        var out = ""
        write(into: &out, indent: 0)
        out += "\n"
        return out
    }

    /// The `decimals` that ask for the shortest text reading back as the very same number
    /// (normalized files: a bundle must nest exactly as the files it inlines).
    public static let exact = -1

    static func format(_ v: Double, decimals: Int) -> String {
        guard v.isFinite else { return "null" }
        guard decimals >= 0 else { return shortest(v) }
        return DecimalText.trimmed(v, decimals: decimals)
    }

    /// The shortest decimal text that reads back as `v` ("0.1", "250", "1e-07").
    static func shortest(_ v: Double) -> String {
        if v == 0 { return "0" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    static func escape(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent)
        let inner = String(repeating: "  ", count: indent + 1)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let v, let d): out += JSONValue.format(v, decimals: d)
        case .integer(let i): out += String(i)
        case .unsigned(let u): out += String(u)
        case .string(let s): out += JSONValue.escape(s)
        case .array(let items):
            if items.isEmpty {
                out += "[]"
            } else if items.count <= 4, items.allSatisfy(\.isScalar) {
                out += "["
                for (i, v) in items.enumerated() {
                    if i > 0 { out += ", " }
                    v.write(into: &out, indent: indent)
                }
                out += "]"
            } else if items.allSatisfy({ if case .array(let a) = $0 { a.count <= 4 && a.allSatisfy(\.isScalar) } else { false } }) {
                // A ring: points on one line, wrapped every few points.
                out += "[\n" + inner
                for (i, v) in items.enumerated() {
                    if i > 0 { out += i % 6 == 0 ? ",\n" + inner : ", " }
                    v.write(into: &out, indent: indent + 1)
                }
                out += "\n" + pad + "]"
            } else {
                out += "[\n"
                for (i, v) in items.enumerated() {
                    out += inner
                    v.write(into: &out, indent: indent + 1)
                    out += i + 1 < items.count ? ",\n" : "\n"
                }
                out += pad + "]"
            }
        case .object(let fields):
            if fields.isEmpty {
                out += "{}"
                return
            }
            out += "{\n"
            for (i, (k, v)) in fields.enumerated() {
                out += inner + JSONValue.escape(k) + ": "
                v.write(into: &out, indent: indent + 1)
                out += i + 1 < fields.count ? ",\n" : "\n"
            }
            out += pad + "}"
        }
    }
}
