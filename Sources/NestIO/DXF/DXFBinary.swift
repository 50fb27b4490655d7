import Foundation

/// Binary DXF ("AutoCAD Binary DXF", as AutoCAD, BricsCAD and ezdxf save it on request): the
/// same groups as an ASCII DXF, each a group code (two bytes, little-endian; one byte in R12,
/// 255 escaping a two-byte code) and a value whose type the code fixes — text ending in a
/// zero byte, a double, a 16-, 32- or 64-bit integer, a boolean byte, or a chunk of bytes.
///
/// Guarantees: never reads past the data, never loops; a value cut short or a code no
/// DXF defines is an `InputError` naming the byte where it starts. Values become the text
/// an ASCII DXF would hold (numbers printed so that they read back exactly), and each
/// group's `line` is the line it would be on in that ASCII file.
enum DXFBinary {
    static let sentinel = Array("AutoCAD Binary DXF\r\n\u{1A}\u{0}".utf8)

    /// True when `data` is a binary DXF.
    static func isBinary(_ data: Data) -> Bool { data.starts(with: sentinel) }

    private enum ValueType { case text, double, int16, int32, int64, bool, bytes }

    /// The type of a group code's value (DXF reference, "Group code value types").
    private static func type(of code: Int) -> ValueType? {
        switch code {
        case 0...9, 100...109, 300...309, 320...369, 390...399, 410...419, 430...439, 470...481, 999, 1000...1003, 1005...1009:
            return .text
        case 10...59, 110...149, 210...239, 460...469, 1010...1059: return .double
        case 60...79, 170...179, 270...289, 370...389, 400...409, 1060...1070: return .int16
        case 90...99, 420...429, 440...459, 1071: return .int32
        case 160...169: return .int64
        case 290...299: return .bool
        case 310...319, 1004: return .bytes
        default: return nil
        }
    }

    static func groups(_ data: Data, file: String) throws -> [DXFGroup] {
        let bytes = [UInt8](data)
        var at = sentinel.count
        // R12 writes one-byte codes: the first group, 0 SECTION, is then 00 'S'; later
        // versions write 00 00 'S'.
        let wideCodes = at + 1 < bytes.count && bytes[at + 1] == 0
        var out: [DXFGroup] = []
        func fail(_ problem: String, _ start: Int) -> InputError {
            InputError(file: file, item: "byte \(start)", problem: "binary DXF: \(problem)")
        }
        func take(_ n: Int, _ start: Int) throws -> ArraySlice<UInt8> {
            guard n >= 0, at + n <= bytes.count else { throw fail("the file ends in the middle of a group (truncated?)", start) }
            defer { at += n }
            return bytes[at..<(at + n)]
        }
        func integer(_ slice: ArraySlice<UInt8>) -> UInt64 {
            slice.reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }
        while at < bytes.count {
            let start = at
            var code: Int
            if wideCodes {
                code = Int(Int16(truncatingIfNeeded: integer(try take(2, start))))
            } else {
                code = Int(try take(1, start).first!)
                if code == 255 { code = Int(Int16(truncatingIfNeeded: integer(try take(2, start)))) }
            }
            guard let kind = type(of: code) else { throw fail("group code \(code) is not a DXF group code", start) }
            let value: String
            switch kind {
            case .text:
                guard let end = bytes[at...].firstIndex(of: 0) else {
                    throw fail("the text of group \(code) has no end (truncated?)", start)
                }
                value = String(decoding: bytes[at..<end], as: UTF8.self)
                at = end + 1
            case .double:
                let v = Double(bitPattern: integer(try take(8, start)))
                value = v.isFinite ? "\(v)" : "nan"
            case .int16: value = String(Int16(truncatingIfNeeded: integer(try take(2, start))))
            case .int32: value = String(Int32(truncatingIfNeeded: integer(try take(4, start))))
            case .int64: value = String(Int64(bitPattern: integer(try take(8, start))))
            case .bool: value = String(try take(1, start).first!)
            case .bytes:
                let count = Int(try take(1, start).first!)
                value = try take(count, start).map { String(format: "%02X", $0) }.joined()
            }
            if code != 999 { out.append(DXFGroup(code: code, value: value, line: 2 * out.count + 1)) }
            guard out.count < DXFDocument.maxGroups else { throw InputError(file: file, item: "", problem: "the drawing is too large") }
        }
        return out
    }
}
