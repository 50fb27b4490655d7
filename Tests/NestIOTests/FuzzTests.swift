import Foundation
import NestGeometry
import NestEngine
@testable import NestIO
import Testing

/// The importers never crash or hang on bad bytes: random bytes, every file truncated at
/// many points, and random byte mutations of valid files are read; each case must end in
/// a result or an `InputError`. Seeded, bounded case counts, so CI runs them every time.
struct FuzzTests {
    /// The project's seeded generator, with a bounded draw.
    struct Seeded {
        var generator: SeededGenerator
        init(state: UInt64) { generator = SeededGenerator(seed: state) }
        mutating func next() -> UInt64 { generator.next() }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    }

    static let casesPerKind = 150
    static let truncations = 60

    /// The readers, each with a valid seed; `dxfWindows` is an AAMA style with a BOM, CR LF
    /// line ends, a fold line and a grading loop.
    enum Kind: String, CaseIterable { case dxf, dxfWindows = "dxf-windows", svg, json }

    static func seedFile(_ kind: Kind) throws -> Data {
        switch kind {
        case .dxf: try Data(contentsOf: ImportTests.files.appendingPathComponent("aama-curves.dxf"))
        case .dxfWindows: try Data(contentsOf: ImportTests.files.appendingPathComponent("fold-crlf-bom.dxf"))
        case .svg: try Data(contentsOf: ImportTests.files.appendingPathComponent("pieces.svg"))
        case .json: try Data(contentsOf: RoundTripTests.patterns.appendingPathComponent("runner.json"))
        }
    }

    /// Reads `data` as `kind`; returns "ok" or "refused", never anything else.
    static func read(_ data: Data, _ kind: Kind, kernel: GeometryKernel) -> String {
        do {
            switch kind {
            case .dxf, .dxfWindows:
                let (raw, problems) = try DXFImporter.patternFile(data: data, file: "fuzz.dxf", options: ImportOptions(), kernel: kernel)
                if problems.isEmpty { _ = try PatternReader.convert(raw, file: "fuzz.dxf", kernel: kernel) }
                _ = try? DXFImporter.hideFile(data: data, file: "fuzz.dxf", options: ImportOptions())
            case .svg:
                let (raw, problems) = try SVGImporter.patternFile(data: data, file: "fuzz.svg", options: ImportOptions(), kernel: kernel)
                if problems.isEmpty { _ = try PatternReader.convert(raw, file: "fuzz.svg", kernel: kernel) }
            case .json:
                let raw = try JSONFile.decode(PatternFile.self, from: data, displayName: "fuzz.json")
                _ = try PatternReader.convert(raw, file: "fuzz.json", kernel: kernel)
            }
            return "ok"
        } catch is InputError {
            return "refused"
        } catch {
            return "other error: \(error)"
        }
    }

    @Test(arguments: Kind.allCases)
    func randomTruncatedAndMutatedBytes(kind: Kind) throws {
        let kernel = try GeometryKernel()
        let valid = try Self.seedFile(kind)
        #expect(Self.read(valid, kind, kernel: kernel) == "ok")
        var rng = Seeded(state: 0xC0FFEE &+ UInt64(kind.rawValue.count))
        var cases = 0
        // Random bytes, half of them from the format's own alphabet.
        let alphabet = Array((kind == .dxf || kind == .dxfWindows ? "0123456789-.\n\r ABCDEFGHIJKLMNOPQRSTUVWXYZ$" : kind == .svg
                              ? "<>/=\"' MLHVCSQTAZmlhvcsqtaz0123456789.-,eg svgpathd" : "{}[]\":,0123456789.-e tnulfr").utf8)
        for k in 0..<Self.casesPerKind {
            let n = rng.below(2000)
            let bytes = (0..<n).map { _ in k % 2 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : alphabet[rng.below(alphabet.count)] }
            let r = Self.read(Data(bytes), kind, kernel: kernel)
            #expect(!r.hasPrefix("other"), "random case \(k): \(r)")
            cases += 1
        }
        // Truncated at evenly spaced points.
        for k in 0..<Self.truncations {
            let cut = valid.count * k / Self.truncations
            let r = Self.read(valid.prefix(cut), kind, kernel: kernel)
            #expect(!r.hasPrefix("other"), "truncated at \(cut): \(r)")
            cases += 1
        }
        // Mutations: a few bytes replaced, inserted or deleted.
        let interesting = Array("-0.9e99nan1\n\r<>\"{}[]".utf8)
        for k in 0..<Self.casesPerKind {
            var bytes = Array(valid)
            for _ in 0..<(1 + rng.below(4)) where !bytes.isEmpty {
                let at = rng.below(bytes.count)
                switch rng.below(3) {
                case 0: bytes[at] = rng.below(2) == 0 ? interesting[rng.below(interesting.count)] : UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.insert(interesting[rng.below(interesting.count)], at: at)
                default: bytes.remove(at: at)
                }
            }
            let r = Self.read(Data(bytes), kind, kernel: kernel)
            #expect(!r.hasPrefix("other"), "mutation case \(k): \(r)")
            cases += 1
        }
        #expect(cases == 2 * Self.casesPerKind + Self.truncations)
    }

    /// Inputs made to blow up work: huge radii, tiny tolerances, deep nesting, long paths.
    @Test func pathologicalInputsStayBounded() throws {
        let kernel = try GeometryKernel()
        let bigArc = ImportTests.entities("0\nCIRCLE\n8\n1\n10\n0\n20\n0\n40\n99999999999\n")
        #expect(Self.read(Data(bigArc.utf8), .dxf, kernel: kernel) != "")
        let deep = String(repeating: "<g>", count: 5000) + String(repeating: "</g>", count: 5000)
        #expect(Self.read(Data(("<svg>" + deep + "</svg>").utf8), .svg, kernel: kernel) == "refused")
        let longPath = "<svg><path d=\"M0 0" + String(repeating: " a1e11 1e11 0 1 1 1e-9 0", count: 200) + "z\"/></svg>"
        #expect(!Self.read(Data(longPath.utf8), .svg, kernel: kernel).hasPrefix("other"))
        let spline = ImportTests.entities("0\nSPLINE\n8\n1\n71\n3\n" + (0..<8).map { "40\n\($0 < 4 ? 0 : 1)\n" }.joined()
                                          + (0..<4).map { "10\n\($0 * 1000000)\n20\n\($0 % 2 * 1000000)\n" }.joined())
        #expect(!Self.read(Data(spline.utf8), .dxf, kernel: kernel).hasPrefix("other"))
    }
}
