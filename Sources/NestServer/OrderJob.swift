import Foundation
import NestGeometry
import NestIO
import NestModel

/// The jobs of a cutting-session order, built from the order's bundle with the readers the
/// command uses: the order opened into its whole state (`OrderRemainder(opening:)`, as
/// `nest JOB --remaining` opens a state file), and for each hide put on the table the bundle
/// of the job that nests that one hide.
///
/// An order is a bundled job (`nest bundle`) whose stock is set aside (kept as one stand-in
/// hide per material, which a hide's job replaces by the hide): its patterns, order lines,
/// rules and budgets. Its stock, when it has one, says which material the session cuts (as `--remaining` opens a state from the job's own stock: the shipped hide order
/// counts its leather panels, not the lining cut from a roll); without stock it is read,
/// for the reading only, with one stand-in hide per material its patterns use, so that
/// every part of the order counts.
enum OrderJob {
    /// The order read from a request's body `data`: its job (with the stand-in stock), the
    /// bundle to keep (the body with the stand-in stock, re-serialized) and its whole state.
    /// Errors are the reader's, naming `file`.
    static func open(_ data: Data, file: String, kernel: GeometryKernel) throws -> (job: Job, bundle: Data, state: OrderRemainder) {
        var object = try jsonObject(data, file: file)
        let job: Job
        if object["stock"] != nil {
            // Its stock says what the session cuts: the parts of that material (as the command).
            job = try JobReader.read(bundle: data, file: file, kernel: kernel)
        } else {
            let all = try read(object, stock: ["leather"], file: file, kernel: kernel)
            let materials = Set(all.order.flatMap { $0.pattern.panels.map(\.material) })
            job = materials == ["leather"] || materials.isEmpty ? all : try read(object, stock: materials.sorted(), file: file, kernel: kernel)
        }
        // The stock is set aside; one stand-in hide per material it had keeps what the session
        // cuts, so pairs added later (`OrderLines`) count the same panels.
        if object["stock"] != nil { object["stock"] = standIn(job.stock.materials.sorted()) } else { object.removeValue(forKey: "stock") }
        let bundle = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let state = OrderRemainder(opening: job)
        guard state.total > 0 else { throw InputError(file: file, item: "order", problem: "the order asks for no parts") }
        return (job, bundle, state)
    }

    /// The bundle of the job that nests `hide` (a hide file's JSON object) for the order
    /// kept as `bundle`, with the order's budgets unless `samples` or `iterations` are given,
    /// and that job as the worker will read it.
    static func hideJob(order bundle: Data, hide: [String: Any], samples: Int?, iterations: Int?, file: String,
                        kernel: GeometryKernel) throws -> (job: Job, bundle: Data) {
        var object = try jsonObject(bundle, file: file)
        object["stock"] = ["hides": [hide]]
        if let samples { object["samples"] = samples }
        if let iterations { object["iterations"] = iterations }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return (try JobReader.read(bundle: data, file: file, kernel: kernel), data)
    }

    /// A hide sent as it was digitized (`nest-hide/1`), checked as the command checks a hide
    /// file; the hide and its JSON object, to put in a job's stock.
    static func hide(_ data: Data, file: String, kernel: GeometryKernel) throws -> (hide: Hide, object: [String: Any]) {
        let hide = try StockReader.readHide(data: data, displayName: file, kernel: kernel)
        return (hide, try jsonObject(data, file: file))
    }

    static func jsonObject(_ data: Data, file: String) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw InputError(file: file, item: "", problem: "not a JSON object")
        }
        return object
    }

    /// Stock of one stand-in hide (a square metre) of each of `materials`: read with it, a job
    /// asks for the parts of those materials.
    static func standIn(_ materials: [String]) -> [String: Any] {
        ["hides": materials.enumerated().map { k, material in
            ["name": "order-\(k)", "material": material, "units": "mm",
             "outline": [[0, 0], [1000, 0], [1000, 1000], [0, 1000]]] as [String: Any]
        }]
    }

    /// Reads `object` as a job whose stock is one stand-in hide of each of `materials`.
    static func read(_ object: [String: Any], stock materials: [String], file: String, kernel: GeometryKernel) throws -> Job {
        var withStock = object
        withStock["stock"] = standIn(materials)
        return try JobReader.read(bundle: try JSONSerialization.data(withJSONObject: withStock), file: file, kernel: kernel)
    }
}
