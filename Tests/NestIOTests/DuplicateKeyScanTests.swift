import Foundation
import Testing

@testable import NestIO

/// A key written twice in one object is found, with its place and line; equal keys in
/// different objects, and values that read like keys, are not.
struct DuplicateKeyScanTests {
    func scan(_ text: String) -> DuplicateKeyScan.Duplicate? { DuplicateKeyScan.first(in: Array(text.utf8)) }

    @Test func findsTheKeyItsObjectAndLine() {
        #expect(scan(#"{"a": 1, "a": 2}"#) == .init(path: "", key: "a", line: 1))
        let job = """
            {"order": [{"pattern": "p.json", "sizes": {"8": 1}},
                       {"pattern": "q.json", "sizes": {"9": 1,
                                                       "9": 2}}]}
            """
        #expect(scan(job) == .init(path: "order[1].sizes", key: "9", line: 3))
    }

    @Test func equalKeysInOtherObjectsAndKeyLikeValuesAreFine() {
        #expect(scan(#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}], "c": "a", "d": ["a", "a"]}"#) == nil)
        // Quotes and braces inside strings are text, not structure.
        #expect(scan(#"{"a": "x\"}, \"a\": {", "b": 1}"#) == nil)
        #expect(scan(#"{"k\"": 1, "k\"": 2}"#)?.key == #"k\""#)
    }

    @Test func malformedInputIsLeftToTheDecoder() {
        for text in ["}", "]]]", #"{"a": "#, #""unterminated"#, "", "{{{{"] { #expect(scan(text) == nil) }
    }

    @Test func aJobWithAKeyTwiceIsRefusedWithItsPlace() throws {
        let f = try Fixture()
        _ = try f.write("pattern.json", Fixture.pattern())
        let path = try f.write("job.json", Fixture.job().replacingOccurrences(of: #""spacing": 2,"#, with: #""spacing": 2, "spacing": 20,"#))
        #expect {
            _ = try JobReader.read(path: path, kernel: try .init())
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.item == "top level" && e.problem.contains(#"key "spacing" appears twice"#)
        }
    }
}
