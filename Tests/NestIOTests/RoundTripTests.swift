import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

/// Shipped files read, written back normalized, and read again give the same values.
struct RoundTripTests {
    static let patterns = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Patterns")
    let kernel: GeometryKernel

    init() throws { kernel = try GeometryKernel() }

    @Test func patternRoundTrip() throws {
        let path = Self.patterns.appendingPathComponent("runner.json").path
        let pattern = try PatternReader.read(path: path, displayName: path, kernel: kernel)
        #expect(pattern.panels.count >= 8)
        let f = try Fixture()
        let written = try f.write("runner.json", NormalizedJSON.pattern(pattern).serialized())
        let again = try PatternReader.read(path: written, displayName: written, kernel: kernel)
        #expect(again == pattern)
        // And the normalized form is a fixed point.
        #expect(NormalizedJSON.pattern(again).serialized() == NormalizedJSON.pattern(pattern).serialized())
    }

    @Test(arguments: ["hides/cow-side-01.json", "hides/calf-01.json"])
    func hideRoundTrip(file: String) throws {
        let path = Self.patterns.appendingPathComponent(file).path
        let hide = try StockReader.readHide(path: path, displayName: path, kernel: kernel)
        let f = try Fixture()
        let written = try f.write("hide.json", NormalizedJSON.hide(hide).serialized())
        #expect(try StockReader.readHide(path: written, displayName: written, kernel: kernel) == hide)
    }

    @Test func rollRoundTrip() throws {
        let path = Self.patterns.appendingPathComponent("rolls/mesh-1400.json").path
        let roll = try StockReader.readRoll(path: path, displayName: path)
        #expect(roll.width == 1400)
        let f = try Fixture()
        let written = try f.write("roll.json", NormalizedJSON.roll(roll).serialized())
        #expect(try StockReader.readRoll(path: written, displayName: written) == roll)
    }

    @Test func wrongUnitsAreCaught() throws {
        let f = try Fixture()
        let tiny = Fixture.pattern(outline: "[[0,0],[1,0],[1,0.5],[0,0.5]]")
        let path = try f.write("p.json", tiny)
        #expect {
            _ = try PatternReader.read(path: path, displayName: "p.json", kernel: kernel)
        } throws: { error in
            (error as? InputError)?.problem.contains("units look wrong") == true
        }
    }
}
