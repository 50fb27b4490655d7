import Foundation
import NestGeometry
import NestIO
import NestModel
import Testing

/// Size systems and grade rules.
struct GradingTests {
    let kernel: GeometryKernel

    init() throws { kernel = try GeometryKernel() }

    @Test func sizeLabelsOfEachSystem() {
        #expect(SizeSystem.us.value(of: "9.5") == 9.5 && SizeSystem.us.value(of: "9½") == 9.5 && SizeSystem.us.value(of: "9 1/2") == 9.5)
        #expect(SizeSystem.us.value(of: "9.3") == nil && SizeSystem.us.value(of: "nine") == nil && SizeSystem.us.value(of: "") == nil)
        #expect(SizeSystem.eu.value(of: "42 2/3") == 42 + 2.0 / 3 && SizeSystem.eu.value(of: "42⅓") == 42 + 1.0 / 3)
        #expect(SizeSystem.mondopoint.value(of: "265/95") == 265 && SizeSystem.mondopoint.value(of: "26") == nil)
        #expect(SizeSystem(name: "paris point") == .eu && SizeSystem(name: "MP") == .mondopoint && SizeSystem(name: "xx") == nil)
        // Nominal last lengths: US 9 = 11 in, UK 8 = 11 in, EU 42 = 280 mm, Mondopoint 265 = 265 mm.
        #expect(abs(SizeSystem.us.lengthMillimetres(of: "9")! - 279.4) < 1e-9)
        #expect(abs(SizeSystem.uk.lengthMillimetres(of: "8")! - 279.4) < 1e-9)
        #expect(abs(SizeSystem.eu.lengthMillimetres(of: "42")! - 280) < 1e-9)
        #expect(SizeSystem.mondopoint.lengthMillimetres(of: "265") == 265)
    }

    func pattern(system: String, sizes list: [String], base: String, grading: String) throws -> Pattern {
        let sizes = "[" + list.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        let f = try Fixture()
        let path = try f.write("p.json", """
            {"format": "nest-pattern/1", "model": "t", "size_system": "\(system)", "sizes": \(sizes), "base_size": "\(base)",
             "grading": \(grading),
             "panels": [{"name": "vamp", "material": "leather", "outline": [[0,0],[250,0],[250,100],[0,100]], "quantity": 2}]}
            """)
        return try PatternReader.read(path: path, displayName: path, kernel: kernel)
    }

    @Test func gradeRuleInMillimetresPerSize() throws {
        for (system, sizes, base, up, steps) in [("US", ["8", "8.5", "9", "9.5"], "9", "9.5", 0.5), ("UK", ["7", "8", "9"], "8", "9", 1.0),
                                                  ("EU", ["41", "42", "43"], "42", "43", 1.0), ("Mondopoint", ["260", "265", "270"], "265", "270", 5.0)] {
            let p = try pattern(system: system, sizes: sizes, base: base, grading: #"{"length_mm_per_size": 4, "width_mm_per_size": 1.5}"#)
            let s = try #require(p.shape(of: p.panels[0], size: up)).bounds
            #expect(abs(s.width - (250 + 4 * steps)) < 1e-9, "\(system)")
            #expect(abs(s.height - (100 + 1.5 * steps)) < 1e-9, "\(system)")
        }
    }

    @Test func proportionalLengthFollowsTheLast() throws {
        let p = try pattern(system: "EU", sizes: ["41", "42", "43"], base: "42", grading: #"{"proportional_length": true, "width_percent_per_step": 1}"#)
        let s = try #require(p.shape(of: p.panels[0], size: "43")).bounds
        #expect(abs(s.width - 250 * (43.0 / 42)) < 1e-9)
        #expect(abs(s.height - 101) < 1e-9)
    }

    @Test func gradeRuleNeedsAKnownSystem() throws {
        #expect(throws: InputError.self) {
            _ = try pattern(system: "XX", sizes: ["8", "9"], base: "9", grading: #"{"length_mm_per_size": 4}"#)
        }
        do {
            _ = try pattern(system: "US", sizes: ["8", "9", "9.25"], base: "9", grading: #"{"length_mm_per_size": 4}"#)
            Issue.record("expected a refusal")
        } catch let e as InputError {
            #expect(e.item.contains("9.25") && e.problem.contains("not a US size"))
        }
    }

    @Test func percentGradingStillWorks() throws {
        let p = try pattern(system: "US", sizes: ["8", "9"], base: "9", grading: #"{"length_percent_per_step": 2, "width_percent_per_step": 1}"#)
        #expect(abs(try #require(p.shape(of: p.panels[0], size: "8")).bounds.width - 245) < 1e-9)
    }
}
