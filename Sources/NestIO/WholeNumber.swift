import Foundation
import NestGeometry

/// A whole number read from JSON, refused with its place in the file when the file gives a
/// fraction, a negative number where none fits, or one too large.
///
/// Why: Foundation's decoder on Linux reports a number that does not fit an integer field
/// (a quantity of 2.5, a seed of -1) as "The given data was not valid JSON." with no place,
/// which reads as a broken file. Decoding goes through this type so the message says what
/// and where: `order[0].sizes.9: expected a whole number, found 1.5`.
struct WholeNumber<Value: FixedWidthInteger & Decodable>: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let whole = try? container.decode(Value.self) {
            value = whole
            return
        }
        guard let number = try? container.decode(Double.self) else {
            throw DecodingError.typeMismatch(Value.self, .init(codingPath: container.codingPath,
                                                               debugDescription: "expected a whole number"))
        }
        let range = Value.isSigned ? "" : " of 0 or more"
        throw DecodingError.dataCorruptedError(in: container, debugDescription:
            "expected a whole number\(range) up to \(Value.max), found \(DecimalText.trimmed(number, decimals: 6))")
    }
}

/// Every `Int` and `UInt64` field of the files this module reads decodes through
/// `WholeNumber` (these declarations, in this module, take the place of Foundation's in the
/// decoding code the compiler writes for the file types), so a number that does not fit is
/// refused with its place (see `WholeNumber`).
extension KeyedDecodingContainer {
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try decode(WholeNumber<Int>.self, forKey: key).value
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try decodeIfPresent(WholeNumber<Int>.self, forKey: key)?.value
    }

    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try decode(WholeNumber<UInt64>.self, forKey: key).value
    }

    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
        try decodeIfPresent(WholeNumber<UInt64>.self, forKey: key)?.value
    }
}
