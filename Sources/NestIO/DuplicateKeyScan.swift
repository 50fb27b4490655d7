/// Finds a key written twice in one JSON object, which JSON readers settle differently (the
/// first wins in one, the last in another), so a file holding one is refused rather than
/// read one way without a word.
///
/// A single pass over the bytes, keeping the keys of the objects open at the point reached;
/// keys compare as written (an escaped and an unescaped spelling of one key count as two).
/// It never fails on malformed JSON: what it cannot follow, the decoder reports.
public enum DuplicateKeyScan {
    /// A key written twice in one object: where the object lies, the key, and the line of
    /// its second occurrence.
    public struct Duplicate: Equatable, Sendable {
        /// Where the object lies (`order[0].sizes`; empty for the top level).
        public let path: String
        public let key: String
        /// 1-based line of the second occurrence.
        public let line: Int
    }

    private struct Frame {
        let isObject: Bool
        var keys = Set<[UInt8]>()
        var expectingKey = true
        var name = ""
        var index = 0
    }

    public static func first(in bytes: some Collection<UInt8>) -> Duplicate? {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), newline = UInt8(ascii: "\n")
        var stack: [Frame] = []
        var line = 1
        var iterator = bytes.makeIterator()
        while let b = iterator.next() {
            switch b {
            case newline: line += 1
            case UInt8(ascii: "{"): stack.append(Frame(isObject: true))
            case UInt8(ascii: "["): stack.append(Frame(isObject: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): if !stack.isEmpty { stack.removeLast() }
            case UInt8(ascii: ","):
                guard !stack.isEmpty else { break }
                if stack[stack.count - 1].isObject { stack[stack.count - 1].expectingKey = true } else { stack[stack.count - 1].index += 1 }
            case quote:
                var text: [UInt8] = []
                var escaped = false
                while let c = iterator.next() {
                    if c == newline { line += 1 }
                    if escaped { escaped = false } else if c == backslash { escaped = true } else if c == quote { break }
                    text.append(c)
                }
                guard let top = stack.last, top.isObject, top.expectingKey else { break }
                if !stack[stack.count - 1].keys.insert(text).inserted {
                    return Duplicate(path: path(stack.dropLast()), key: String(decoding: text, as: UTF8.self), line: line)
                }
                stack[stack.count - 1].expectingKey = false
                stack[stack.count - 1].name = String(decoding: text, as: UTF8.self)
            default: break
            }
        }
        return nil
    }

    /// The place of the innermost open object, from the frames around it.
    private static func path(_ frames: ArraySlice<Frame>) -> String {
        var out = ""
        for f in frames {
            if f.isObject {
                out += out.isEmpty ? f.name : ".\(f.name)"
            } else {
                out += "[\(f.index)]"
            }
        }
        return out
    }
}
