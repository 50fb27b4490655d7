import Foundation
import NestGeometry
@testable import NestIO
import NestModel
import Testing

struct JobReaderTests {
    let kernel: GeometryKernel

    init() throws { kernel = try GeometryKernel() }

    @Test func readsAJobWithItsPatternAndGrading() throws {
        let f = try Fixture()
        _ = try f.write("pattern.json", Fixture.pattern())
        let job = try JobReader.read(path: try f.write("job.json", Fixture.job()), kernel: kernel)
        #expect(job.name == "job")
        #expect(job.spacing == 2 && job.margin == 3 && job.search.seed == 7 && job.search.iterations == .iterations(50))
        let parts = job.parts()
        #expect(parts.count == 6)  // 3 pairs × (left + right)
        #expect(parts.filter { $0.side == .right }.count == 3)
        let size10 = try #require(parts.first { $0.size == "10" })
        #expect(abs(size10.shape.bounds.width - 102) < 1e-9)  // +2 % per step in length
        #expect(abs(size10.shape.bounds.height - 50.5) < 1e-9)  // +1 % in width
        guard case .hides(let hides) = job.stock else { Issue.record("expected hides"); return }
        #expect(hides[0].zones.first?.grade == .C)
        #expect(hides[0].defects.first?.kind == "scar")
    }

    /// A roll without `max_length` is open (as long as the longest roll taken, 1 km), and
    /// written back without a length.
    @Test func aRollWithoutALengthIsOpen() throws {
        let f = try Fixture()
        _ = try f.write("pattern.json", Fixture.pattern())
        let text = """
            {"format": "nest-job/1", "units": "mm", "stock": {"roll": {"name": "r", "material": "leather", "units": "cm", "width": 50}},
             "order": [{"pattern": "pattern.json", "sizes": {"9": 20, "10": 10}}], "spacing": 2, "margin": 3}
            """
        let job = try JobReader.read(path: try f.write("job.json", text), kernel: kernel)
        guard case .roll(let roll) = job.stock else { Issue.record("expected a roll"); return }
        #expect(roll.lengthIsOpen && roll.width == 500 && roll.maxLength == Roll.longestLength)
        #expect(NormalizedJSON.roll(roll).serialized().contains("max_length") == false)
    }

    /// A roll whose width or length is out of reach is refused by the dimension at fault: a
    /// width in the wrong units says so, and a plausible width on a roll longer than a
    /// marker may take (1 km) names that length and how to leave it open.
    @Test func anImplausibleRollNamesTheDimensionAtFault() throws {
        let f = try Fixture()
        _ = try f.write("pattern.json", Fixture.pattern())
        func refusal(_ roll: String) throws -> InputError? {
            let text = """
                {"format": "nest-job/1", "units": "mm", "stock": {"roll": \(roll)},
                 "order": [{"pattern": "pattern.json", "sizes": {"9": 1}}]}
                """
            do {
                _ = try JobReader.read(path: try f.write("job.json", text), kernel: kernel)
                return nil
            } catch let e as InputError { return e }
        }
        let wide = try #require(try refusal(#"{"name": "r", "units": "in", "width": 1500, "max_length": 40}"#))
        #expect(wide.item.hasSuffix("width") && wide.problem.contains("38100 mm wide") && wide.problem.contains("says \"in\""), "\(wide)")
        let long = try #require(try refusal(#"{"name": "r", "units": "in", "width": 75.88, "max_length": 41307.09}"#))
        #expect(long.item.hasSuffix("max_length") && long.problem.contains("1049 m long") && long.problem.contains("1000 m")
                && long.problem.contains("open length takes no max_length"), "\(long)")
        let taken = try refusal(#"{"name": "r", "material": "leather", "units": "in", "width": 75.88, "max_length": 39000}"#)
        #expect(taken == nil, "a 990 m roll is taken: \(String(describing: taken))")
    }

    /// Grades are read as people write them: either case, blanks around ignored; anything
    /// else is refused with its place.
    @Test func gradesReadInEitherCase() throws {
        let f = try Fixture()
        _ = try f.write("pattern.json", Fixture.pattern().replacingOccurrences(of: #""min_grade": "B""#, with: #""min_grade": " b""#))
        let job = try JobReader.read(path: try f.write("job.json", Fixture.job().replacingOccurrences(
            of: #"{"grade": "C","#, with: #"{"grade": "c","#)), kernel: kernel)
        #expect(job.parts().allSatisfy { $0.minGrade == .B })
        guard case .hides(let hides) = job.stock else { Issue.record("expected hides"); return }
        #expect(hides[0].zones.first?.grade == .C)
        _ = try f.write("pattern.json", Fixture.pattern().replacingOccurrences(of: #""min_grade": "B""#, with: #""min_grade": "AB""#))
        let refusal = Fixture.refusal { _ = try JobReader.read(path: try f.write("job2.json", Fixture.job()), kernel: kernel) }
        #expect(refusal?.item.contains("min_grade") == true && refusal?.problem.contains("\"AB\"") == true, "\(String(describing: refusal))")
    }

    /// A defect or zone that lies wholly outside its hide changes nothing, so it is read as
    /// written, with a note naming it (the sign of a scan registered against another outline);
    /// one that crosses the edge, as scanners mark them, is read without a word. The note
    /// reaches the job's notes and `nest check`.
    @Test func markingsOutsideTheHideAreNoted() throws {
        let f = try Fixture()
        _ = try f.write("pattern.json", Fixture.pattern())
        let hide = """
            {"format": "nest-hide/1", "name": "side-9", "outline": [[0,0],[1000,0],[1000,800],[0,800]],
             "defects": [{"kind": "scar", "outline": [[950,380],[1050,380],[1050,420],[950,420]]},
                         {"kind": "brand", "outline": [[1200,100],[1300,100],[1300,200]]}],
             "zones": [{"grade": "C", "outline": [[-50,-50],[1050,-50],[1050,100],[-50,100]]},
                       {"grade": "B", "outline": [[0,900],[500,900],[500,1000],[0,1000]]}]}
            """
        let hidePath = try f.write("side-9.json", hide)
        let read = try StockReader.readHide(path: hidePath, displayName: "side-9.json", kernel: kernel)
        #expect(read.defects.count == 2 && read.zones.count == 2, "read as written")
        #expect(read.notes.count == 1)
        let note = try #require(read.notes.first)
        #expect(note.contains("side-9.json") && note.contains("defects[1] \"brand\"") && note.contains("zones[1] (grade B)"), "\(note)")
        #expect(!note.contains("defects[0]") && !note.contains("zones[0]"), "\(note)")

        let job = Fixture.job().replacingOccurrences(
            of: #"[{"name": "h1", "material": "leather", "outline": [[0,0],[1000,0],[1000,800],[0,800]],"#,
            with: #"["side-9.json", {"name": "h1", "material": "leather", "outline": [[0,0],[1000,0],[1000,800],[0,800]],"#)
        let parsed = try JobReader.read(path: try f.write("job.json", job), kernel: kernel)
        #expect(parsed.notes.contains { $0.contains("brand") }, "\(parsed.notes)")
        var checker = Checker(kernel: kernel)
        #expect(checker.problems(path: hidePath).isEmpty)
        #expect(checker.notes.contains { $0.contains("brand") }, "\(checker.notes)")

        // An inside hide has no note.
        let clean = try JobReader.read(path: try f.write("clean.json", Fixture.job()), kernel: kernel)
        #expect(clean.notes.isEmpty, "\(clean.notes)")
    }

    /// A spike — the outline going out to a point and straight back, a digitizer's stray
    /// point or a scanner's torn fibre — is left out of a hide's or a panel's outline with a
    /// note naming the point, in the run and in `nest check` (which passes the file); a
    /// needle that encloses more than half a percent of the area is kept, and the check
    /// calls it a problem.
    @Test func spikesAreLeftOutWithANote() throws {
        let f = try Fixture()
        // Out to (1040, 400) and back between (1000, 399.9) and (1000, 400.1).
        let spiked = "[[0,0],[1000,0],[1000,399.9],[1040,400],[1000,400.1],[1000,800],[0,800]]"
        _ = try f.write("pattern.json", Fixture.pattern(outline: "[[0,0],[100,0],[100,30],[100,30],[130,30.2],[100,30.4],[100,60],[0,60]]"))
        let job = try JobReader.read(path: try f.write("job.json", Fixture.job(hideOutline: spiked)), kernel: kernel)
        guard case .hides(let hides) = job.stock else { Issue.record("expected hides"); return }
        #expect(hides[0].shape.exterior.points.count == 6 && hides[0].shape.exterior.bounds.maxX == 1000, "\(hides[0].shape.exterior.points)")
        #expect(job.parts().allSatisfy { $0.shape.bounds.width < 104 }, "the panel's spike left out too (100 mm, graded 2 % a size)")
        #expect(job.notes.contains { $0.contains("hide") && $0.contains("doubles back (a spike) at (1040, 400)") && $0.contains("left out") },
                "\(job.notes)")
        #expect(job.notes.contains { $0.contains("pattern.json") && $0.contains("vamp") && $0.contains("(130, 30.2)") }, "\(job.notes)")
        var checker = Checker(kernel: kernel)
        #expect(checker.problems(path: try f.write("spiked.json", #"{"format": "nest-hide/1", "name": "s", "outline": \#(spiked)}"#)).isEmpty)
        #expect(checker.notes.filter { $0.contains("(1040, 400)") }.count == 1, "one note, not two: \(checker.notes)")

        // A needle of 1 % of the hide's area (9 m long, 2 mm wide at its base) turns back by more than 179° too, but is kept.
        let needle = "[[0,0],[1000,0],[1000,399],[10000,400],[1000,401],[1000,800],[0,800]]"
        let kept = try StockReader.readHide(path: try f.write("needle.json", #"{"format": "nest-hide/1", "name": "n", "outline": \#(needle)}"#),
                                            displayName: "needle.json", kernel: kernel)
        #expect(kept.shape.exterior.points.count == 7 && kept.notes.isEmpty, "\(kept.notes)")
        var strict = Checker(kernel: kernel)
        #expect(strict.problems(path: try f.write("needle2.json", #"{"format": "nest-hide/1", "name": "n", "outline": \#(needle)}"#))
            .contains { $0.problem.contains("doubles back") })
    }

    /// Materials are matched as a cutting room reads them (case and surrounding blanks do
    /// not matter), and panels the stock does not cut are named in a note, never dropped
    /// silently.
    @Test func materialsMatchWithoutCaseAndOtherMaterialsAreNoted() throws {
        let f = try Fixture()
        let panels = """
            {"format": "nest-pattern/1", "model": "m", "units": "mm", "sizes": ["9"], "base_size": "9",
             "panels": [{"name": "vamp", "material": " Leather", "outline": \(Fixture.square), "quantity": 2, "mirrored_pairs": true},
                        {"name": "lining", "material": "mesh", "outline": \(Fixture.square), "quantity": 2, "mirrored_pairs": true},
                        {"name": "foam", "material": "foam", "outline": \(Fixture.square), "quantity": 1}]}
            """
        _ = try f.write("pattern.json", panels)
        let job = try JobReader.read(path: try f.write("job.json", Fixture.job(order: #"{"9": 3}"#)), kernel: kernel)
        #expect(job.parts().count == 6)
        #expect(job.parts().allSatisfy { $0.panel == "vamp" })
        #expect(job.notes.count == 2)
        #expect(job.notes.contains { $0.contains(#"material "mesh""#) && $0.contains(#""lining" of "#) && $0.contains("pattern.json") && $0.contains(#""leather""#) })
        #expect(job.notes.contains { $0.contains(#"material "foam""#) && $0.contains(#""foam" of "#) })
    }

    /// A DXF pattern that names no material (a CLO export) gets the order line's, and its
    /// units may be set there too.
    @Test func anOrderLineGivesADrawingItsMaterialAndUnits() throws {
        let f = try Fixture()
        let dxf = ImportTests.files.appendingPathComponent("cad-real/accumark-clo/clo-pattern.dxf").path
        let roll = #"{"roll": {"name": "denim", "material": "denim", "units": "mm", "width": 1500, "max_length": 10000}}"#
        let job = try JobReader.read(path: try f.write("job.json", """
            {"format": "nest-job/1", "stock": \(roll), "order": [{"pattern": "\(dxf)", "material": "denim", "sizes": {"M": 1}}]}
            """), kernel: kernel)
        #expect(job.order[0].pattern.panels.allSatisfy { $0.material == "denim" })
        #expect(!job.parts().isEmpty)
        #expect(throws: InputError.self) {
            try JobReader.read(path: try f.write("bad.json", """
                {"format": "nest-job/1", "stock": \(roll), "order": [{"pattern": "\(dxf)", "units": "furlong", "sizes": {"M": 1}}]}
                """), kernel: kernel)
        }
    }

    @Test func unitsAreConvertedToMillimetres() throws {
        let f = try Fixture()
        _ = try f.write("pattern.json", Fixture.pattern().replacingOccurrences(of: "\"units\": \"mm\"", with: "\"units\": \"cm\""))
        let job = try JobReader.read(path: try f.write("job.json", Fixture.job()), kernel: kernel)
        #expect(job.order[0].pattern.panels[0].shape.bounds.width == 1000)
    }

    /// Lengths in other units come in as the millimetres a person would write, to 10⁻⁶ mm:
    /// 1.2347 m is 1234.7 mm, not 1234.6999999999998, so a job in metres and the same job in
    /// millimetres are one input and give one nest.
    @Test func lengthsInMetresReadAsTheirMillimetres() throws {
        let f = try Fixture()
        _ = try f.write("pattern.json", Fixture.pattern())
        let text = """
            {"format": "nest-job/1", "units": "m", "stock": {"roll": {"name": "r", "material": "leather", "units": "m",
             "width": 1.2347, "max_length": 57.1633}},
             "order": [{"pattern": "pattern.json", "sizes": {"9": 2}}], "spacing": 0.0023, "margin": 0.0071}
            """
        let job = try JobReader.read(path: try f.write("job.json", text), kernel: kernel)
        guard case .roll(let roll) = job.stock else { Issue.record("expected a roll"); return }
        #expect(roll.width == 1234.7 && roll.maxLength == 57163.3)
        #expect(job.spacing == 2.3 && job.margin == 7.1)
    }

    /// A time limit without an iteration budget means "optimize until the limit"; a budget
    /// given beside it is kept, and one out of range is refused by name.
    @Test func aTimeLimitWithoutIterationsRunsUntilTheLimit() throws {
        let f = try Fixture()
        _ = try f.write("pattern.json", Fixture.pattern())
        let untilLimit = Fixture.job().replacingOccurrences(of: #""iterations": 50"#, with: #""time_limit": 30"#)
        let job = try JobReader.read(path: try f.write("job.json", untilLimit), kernel: kernel)
        #expect(job.search.iterations == .untilStopped && job.search.timeLimitSeconds == 30)
        let both = Fixture.job().replacingOccurrences(of: #""iterations": 50"#, with: #""iterations": 50, "time_limit": 30"#)
        #expect(try JobReader.read(path: try f.write("job.json", both), kernel: kernel).search.iterations == .iterations(50))
        let tooMany = Fixture.job().replacingOccurrences(of: #""iterations": 50"#, with: #""iterations": 1000000000"#)
        let e = try error(job: tooMany)
        #expect(e.item == "iterations" && e.problem.contains("0 to 100000000"))
    }

    /// Reads a job whose files are broken in one way and returns the error.
    func error(pattern: String = Fixture.pattern(), job: String = Fixture.job()) throws -> InputError {
        let f = try Fixture()
        _ = try f.write("pattern.json", pattern)
        let path = try f.write("job.json", job)
        do {
            _ = try JobReader.read(path: path, kernel: kernel)
        } catch let e as InputError {
            return e
        }
        Issue.record("expected an InputError")
        return InputError(file: "", item: "", problem: "")
    }

    @Test func sameHideAndHideOrderAreReadAndChecked() throws {
        let f = try Fixture()
        _ = try f.write("pattern.json", Fixture.pattern())
        let plain = try JobReader.read(path: try f.write("job.json", Fixture.job()), kernel: kernel)
        #expect(plain.sameHide == .pair && plain.hideOrder == .largestFirst)
        let text = Fixture.job().replacingOccurrences(of: #""seed": 7"#, with: #""seed": 7, "same_hide": "shoe", "hide_order": "as_listed""#)
        let job = try JobReader.read(path: try f.write("job2.json", text), kernel: kernel)
        #expect(job.sameHide == .shoe && job.hideOrder == .asListed)

        let badRule = try error(job: Fixture.job().replacingOccurrences(of: #""seed": 7"#, with: #""seed": 7, "same_hide": "foot""#))
        #expect(badRule.item == "same_hide" && badRule.problem.contains("\"foot\""))
        let badOrder = try error(job: Fixture.job().replacingOccurrences(of: #""seed": 7"#, with: #""seed": 7, "hide_order": "random""#))
        #expect(badOrder.item == "hide_order" && badOrder.problem.contains("largest_first"))
    }

    @Test func defectSeverityAndClearanceAreRead() throws {
        let f = try Fixture()
        _ = try f.write("pattern.json", Fixture.pattern())
        let defect = #"{"kind": "scar", "outline": [[400,400],[420,400],[420,420]]}"#
        let minor = #"{"kind": "scar", "outline": [[400,400],[420,400],[420,420]], "severity": "minor", "clearance": 5}"#
        let job = try JobReader.read(path: try f.write("job.json", Fixture.job().replacingOccurrences(of: defect, with: minor)), kernel: kernel)
        guard case .hides(let hides) = job.stock, let d = hides[0].defects.first else { Issue.record("expected a defect"); return }
        #expect(d.severity == .minor && d.severity.grade == .C && d.clearance == 5)
        #expect(abs(d.outline.area - 200) < 1e-9)
        // Grown by 5 mm all round: at least the triangle plus a 5 mm band along its perimeter.
        let perimeter = 20 + 20 + 800.0.squareRoot()
        #expect(d.shape.area >= 200 + 5 * perimeter + .pi * 25 - 1)
        #expect(d.blocks(minimum: .B) && !d.blocks(minimum: .C) && !d.blocks(minimum: .D))

        // Read whatever the case, as grades are.
        let capital = minor.replacingOccurrences(of: #""minor""#, with: #"" Minor""#)
        let capitalJob = try JobReader.read(path: try f.write("job2.json", Fixture.job().replacingOccurrences(of: defect, with: capital)), kernel: kernel)
        guard case .hides(let capitalHides) = capitalJob.stock else { Issue.record("expected hides"); return }
        #expect(capitalHides[0].defects.first?.severity == .minor)

        let bad = try error(job: Fixture.job().replacingOccurrences(of: defect, with: #"{"outline": [[400,400],[420,400],[420,420]], "severity": "bad"}"#))
        #expect(bad.item.contains("defects[0] severity") && bad.problem.contains("minor"))
        let far = try error(job: Fixture.job().replacingOccurrences(of: defect, with: #"{"outline": [[400,400],[420,400],[420,420]], "clearance": -1}"#))
        #expect(far.item.contains("clearance"))
    }

    @Test func selfIntersectingOutlineNamesPanelAndPoint() throws {
        let e = try error(pattern: Fixture.pattern(outline: "[[0,0],[100,100],[100,0],[0,100]]"))
        #expect(e.file.hasSuffix("pattern.json"))
        #expect(e.item.contains("\"vamp\""))
        #expect(e.problem.contains("self-intersection"))
        #expect(e.problem.contains("(50, 50)"))
    }

    @Test func unclosedRingIsRefused() throws {
        let e = try error(pattern: Fixture.pattern(outline: "[[0,0],[100,0],[100,50],[0,50],[0.01,0]]"))
        #expect(e.item.contains("outline"))
        #expect(e.problem.contains("not closed"))
    }

    @Test func tooFewPointsIsRefused() throws {
        let e = try error(pattern: Fixture.pattern(outline: "[[0,0],[100,0]]"))
        #expect(e.problem.contains("at least 3"))
    }

    @Test func nonNumbersAreRefused() throws {
        let nan = try error(pattern: Fixture.pattern(outline: "[[0,0],[NaN,0],[100,50]]"))
        #expect(nan.problem.contains("malformed JSON") || nan.problem.contains("not valid JSON"))
        // Where: the line and column of the bad value, and the text there.
        #expect(nan.problem.contains("line ") && nan.problem.contains(", column ") && nan.problem.contains("at \"NaN,0]"), "\(nan)")
        let place = JSONFile.syntaxProblem(in: Data("{\n  \"a\": [1,\n   NaN]\n}".utf8))
        #expect(place == "line 3, column 4: invalid value at \"NaN]\"", "\(place ?? "nil")")
        #expect(JSONFile.syntaxProblem(in: Data("{\"a\": [1, 2]}".utf8)) == nil)
        let huge = try error(pattern: Fixture.pattern(outline: "[[0,0],[1e999,0],[100,50]]"))
        #expect(huge.problem.contains("1e999") && huge.problem.contains("line ") && huge.problem.contains("too large"), "\(huge)")
        let text = try error(pattern: Fixture.pattern(outline: #"[[0,0],["a",0],[100,50]]"#))
        #expect(text.item.contains("panels[0].outline[1][0]"))
        #expect(text.problem.contains("number"))
    }

    /// A number that does not fit a whole-number field is refused with its place and value,
    /// not as a broken file (Foundation's decoder gives neither).
    @Test func numbersThatDoNotFitAWholeNumberFieldAreNamed() throws {
        let quantity = try error(pattern: Fixture.pattern().replacingOccurrences(of: #""quantity": 2"#, with: #""quantity": 2.5"#))
        #expect(quantity.item == "panels[0].quantity" && quantity.problem.contains("whole number") && quantity.problem.contains("2.5"))
        let pairs = try error(job: Fixture.job(order: #"{"9": 1.5}"#))
        #expect(pairs.item == "order[0].sizes.9" && pairs.problem.contains("1.5"))
        let seed = try error(job: Fixture.job().replacingOccurrences(of: #""seed": 7"#, with: #""seed": -1"#))
        #expect(seed.item == "seed" && seed.problem.contains("0 or more") && seed.problem.contains("-1"))
        let iterations = try error(job: Fixture.job().replacingOccurrences(of: #""iterations": 50"#, with: #""iterations": 1e30"#))
        #expect(iterations.item == "iterations" && iterations.problem.contains("whole number"))
        let text = try error(job: Fixture.job().replacingOccurrences(of: #""seed": 7"#, with: #""seed": "7""#))
        #expect(text.item == "seed" && text.problem.contains("number"))
        // The largest seed still reads.
        let f = try Fixture()
        _ = try f.write("pattern.json", Fixture.pattern())
        let job = try JobReader.read(path: try f.write("job.json", Fixture.job().replacingOccurrences(
            of: #""seed": 7"#, with: #""seed": 18446744073709551615"#)), kernel: kernel)
        #expect(job.search.seed == .max)
    }

    /// Coordinates more than 10 km out are refused (wrong units or origin; areas that far
    /// out lose their precision); a hide a few kilometres out still reads.
    @Test func coordinatesFarFromTheOriginAreRefused() throws {
        let far = try error(job: Fixture.job(hideOutline: "[[2e7,0],[20001000,0],[20001000,800],[2e7,800]]"))
        #expect(far.item.contains("outline point 0") && far.problem.contains("10 km"))
        let f = try Fixture()
        _ = try f.write("pattern.json", Fixture.pattern())
        let job = try JobReader.read(path: try f.write("job.json", Fixture.job(
            hideOutline: "[[5e6,0],[5001000,0],[5001000,800],[5e6,800]]").replacingOccurrences(of: "[[0,0],[1000,0],[1000,100],[0,100]]", with: "[[5e6,0],[5001000,0],[5001000,100],[5e6,100]]")
            .replacingOccurrences(of: "[[400,400],[420,400],[420,420]]", with: "[[5000400,400],[5000420,400],[5000420,420]]")), kernel: kernel)
        guard case .hides(let hides) = job.stock else { Issue.record("expected hides"); return }
        #expect(abs(hides[0].shape.area - 800_000) < 1e-3)
    }

    @Test func malformedJSONNamesTheFile() throws {
        let e = try error(job: "{\"format\": \"nest-job/1\", ")
        #expect(e.file.hasSuffix("job.json"))
        #expect(e.problem.contains("JSON"))
    }

    @Test func emptyOrderIsRefused() throws {
        let e = try error(job: Fixture.job(order: #"{"9": 0}"#))
        #expect(e.item == "order")
        #expect(e.problem.contains("no parts"))
        let none = try error(job: Fixture.job().replacingOccurrences(of: #""sizes": {"9": 2, "10": 1}"#, with: #""sizes": {}"#))
        #expect(none.item == "order")
    }

    @Test func missingPatternFileIsNamed() throws {
        let e = try error(job: Fixture.job(pattern: "nowhere.json"))
        #expect(e.file.hasSuffix("nowhere.json"))
        #expect(e.problem.contains("cannot read"))
    }

    @Test func unknownSizeAndUnitAndGrade() throws {
        let size = try error(job: Fixture.job(order: #"{"13": 1}"#))
        #expect(size.item.contains("\"13\""))
        let unit = try error(pattern: Fixture.pattern().replacingOccurrences(of: "\"units\": \"mm\"", with: "\"units\": \"furlong\""))
        #expect(unit.item == "units")
        let grade = try error(pattern: Fixture.pattern().replacingOccurrences(of: "\"min_grade\": \"B\"", with: "\"min_grade\": \"Z\""))
        #expect(grade.item.contains("min_grade"))
    }

    /// Units as people write them: any case, long or short ("MM", "Millimetres", "inches").
    @Test func unitsAreReadSpelledOut() {
        let spellings: [(String, LengthUnit)] = [("MM", .mm), (" Millimetres ", .mm), ("millimeter", .mm), ("CM", .cm), ("centimetres", .cm),
                                                 ("Meters", .m), ("inch", .in), ("INCHES", .in), ("In", .in)]
        for (text, unit) in spellings { #expect(LengthUnit(named: text) == unit, "\(text)") }
        #expect(LengthUnit(named: "furlong") == nil && LengthUnit(named: "") == nil && LengthUnit(named: "mmm") == nil)
    }

    @Test func missingKeyIsNamed() throws {
        let e = try error(pattern: Fixture.pattern().replacingOccurrences(of: "\"base_size\": \"9\",", with: ""))
        #expect(e.problem.contains("base_size"))
    }

    @Test func messageIsOneLine() throws {
        let e = try error(pattern: Fixture.pattern(outline: "[[0,0],[100,100],[100,0],[0,100]]"))
        #expect(!e.description.contains("\n"))
        #expect(e.description.hasPrefix(e.file + ": "))
    }
}
