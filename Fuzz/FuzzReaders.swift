// libFuzzer target for the pattern and hide readers (JSON, DXF, SVG). Built by
// Fuzz/run.sh with `-sanitize=fuzzer,address`; the format comes from NEST_FUZZ_FORMAT.
// Every input must end in a result or an InputError: anything else (a crash, a trap, an
// out-of-memory, a hang past -timeout) is a finding.
import Foundation
import NestGeometry
import NestIO

// The harness cannot go on without GEOS; a context that cannot be made ends it at once.
nonisolated(unsafe) let kernel = try! GeometryKernel()
let format: InputFormat = {
    switch ProcessInfo.processInfo.environment["NEST_FUZZ_FORMAT"] ?? "json" {
    case "dxf": .dxf
    case "svg": .svg
    default: .json
    }
}()

/// libFuzzer's own driver (its `main` is not linked: SwiftPM names the executable's entry
/// point `nest_fuzz_main`, so that is where the driver is started).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("nest_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { bytes, size in fuzzOneInput(bytes, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    do {
        _ = try PatternFiles.readPattern(data: data, format: format, displayName: "fuzz", kernel: kernel)
    } catch is InputError {
    } catch {
        fatalError("not an InputError: \(error)")
    }
    if format != .svg {
        do {
            _ = try PatternFiles.readHide(data: data, format: format, displayName: "fuzz", kernel: kernel)
        } catch is InputError {
        } catch {
            fatalError("not an InputError: \(error)")
        }
    }
    return 0
}
