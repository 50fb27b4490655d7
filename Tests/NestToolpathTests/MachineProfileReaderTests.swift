import Foundation
import NestModel
import NestIO
import NestToolpath
import Testing

struct MachineProfileReaderTests {
    static let base = #""format": "nest-machine/1", "name": "t", "cut_speed": 200, "travel_speed": 500, "acceleration": 2000"#

    func refused(_ body: String, _ fragments: [String]) {
        do {
            _ = try MachineProfileReader.parse(Data(body.utf8), file: "m.json")
            Issue.record("accepted \(body)")
            return
        } catch let error as InputError {
            for f in fragments { #expect("\(error)".contains(f), "\(error) lacks \(f)") }
        } catch {
            Issue.record("unexpected \(error) for \(body)")
        }
    }

    @Test func shippedProfilesRead() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Patterns/machines")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names == ["knife-gcode.json", "knife-hpgl.json", "laser.json"])
        for n in names {
            let p = try MachineProfileReader.read(path: folder.appendingPathComponent(n).path)
            #expect(p.problems().isEmpty)
        }
    }

    @Test func inchesAreConverted() throws {
        let p = try MachineProfileReader.parse(Data(#"{"format": "nest-machine/1", "name": "i", "units": "in", "cut_speed": 10, "travel_speed": 20, "acceleration": 100, "lead_in": 0.1}"#.utf8), file: "m.json")
        #expect(abs(p.cutSpeed - 254) < 1e-9 && abs(p.leadIn - 2.54) < 1e-9 && p.units == .in)
    }

    @Test func badProfilesNameTheFieldAndProblem() {
        refused(#"{"format": "nest-machine/1", "name": "t", "cut_speed": -1, "travel_speed": 500, "acceleration": 2000}"#,
                ["m.json", "cut_speed", "positive"])
        refused(#"{"format": "nest-machine/1", "name": "t", "cut_speed": 200, "travel_speed": 0, "acceleration": 1}"#, ["travel_speed"])
        refused("{\(Self.base), \"origin\": \"middle\"}", ["origin", "\"middle\"", "bottom-left"])
        refused("{\(Self.base), \"cut_sped\": 3}", ["cut_sped", "unknown key"])
        refused("{\(Self.base), \"gcode\": {\"tool_dwn\": []}}", ["gcode.tool_dwn", "unknown key"])
        refused("{\(Self.base), \"resolution\": 0}", ["resolution"])
        refused("{\(Self.base), \"table_length\": -5}", ["table_length"])
        refused(#"{"format": "nest-machine/1", "name": "t", "travel_speed": 500, "acceleration": 2000}"#, ["missing key \"cut_speed\""])
        refused(#"{"format": "nest-machine/2", "name": "t", "cut_speed": 200, "travel_speed": 500, "acceleration": 2000}"#, ["format", "nest-machine/1"])
        refused("{ \"name\": ", ["m.json", "JSON"])
        refused("{\(Self.base), \"output\": \"pdf\"}", ["output", "hpgl"])
    }
}
