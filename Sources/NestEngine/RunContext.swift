import Foundation
import NestGeometry
import NestModel

/// What one run of the engine works with, made once by `Nester` and handed to every phase:
/// the configuration (seed, budgets, knobs), the GEOS kernel, the library of the parts'
/// collision shapes, and the side effects passed in — the listener that hears progress and
/// the terminator that may stop the run. No phase makes a kernel or a library of its own.
///
/// Not `Sendable`: the kernel and the library belong to the thread that runs the job; the
/// phases that use other threads hand them only values (layouts, shapes, the configuration).
struct RunContext {
    let config: NestConfiguration
    let kernel: GeometryKernel
    let library: ShapeLibrary
    let listener: any NestListener
    let terminator: any Terminator
    /// When the run started: with `config.timeLimitSeconds`, when it must end.
    var started = Date()
}

extension RunContext {
    /// A context for `job`, with a new kernel and an empty shape library.
    init(job: Job, config: NestConfiguration, listener: any NestListener = SilentListener(),
         terminator: any Terminator = NeverStop()) throws {
        let kernel = try GeometryKernel()
        self.config = config
        self.kernel = kernel
        library = ShapeLibrary(kernel: kernel, spacing: job.spacing, config: config, extent: Self.extent(of: job))
        self.listener = listener
        self.terminator = terminator
    }

    /// The largest extent (mm) a sheet of `job` may have: a hide's larger side; on a roll
    /// its width, or four times the length its parts would fill edge to edge when that is
    /// longer (and the roll is that long): the same however long the roll is beyond the
    /// order, as the first nest is. It sizes `ShapeLibrary.touchingInset`.
    static func extent(of job: Job) -> Double {
        switch job.stock {
        case .hides(let hides):
            return hides.reduce(0.0) { max($0, $1.shape.bounds.width, $1.shape.bounds.height) }
        case .roll(let roll):
            let parts = job.parts().reduce(0.0) { $0 + $1.shape.area }
            return max(roll.width, min(roll.maxLength, 4 * parts / max(roll.width, 1)))
        }
    }
}
