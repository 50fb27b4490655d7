import Foundation
import Hummingbird
import NestGeometry
import NestIO

/// `POST /api/bundle`: a job sent as its files (the web page's folder upload) made into one
/// bundled document (`UploadBundle`, the code of `nest bundle`), answered as
/// `{"bundle": {…}, "notes": [...]}`; the page then sends the bundle to `POST /api/jobs` or
/// opens an order with it. Nothing is queued or kept: the scratch folder is removed.
/// A body over `--max-file-mb` is refused with 413, a bad upload with 400 naming the file
/// and the item.
struct UploadRoutes: Sendable {
    let limits: InputLimits
    let maxBodyBytes: Int
    /// `DATA/uploads`.
    let scratch: String

    func add(to router: Router<BasicRequestContext>) {
        router.post("/api/bundle") { request, _ in try await self.bundle(request) }
    }

    func bundle(_ request: Request) async throws -> Response {
        let tooLarge = ServerRoutes.refusal(.contentTooLarge,
                                            "upload: the body is larger than the limit of \(maxBodyBytes / 1_048_576) MiB (--max-file-mb)")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes { return tooLarge }
        let data: Data
        do {
            data = Data(buffer: try await request.body.collect(upTo: maxBodyBytes))
        } catch let e as HTTPError where e.status == .contentTooLarge {
            return tooLarge
        }
        let made: (document: JSONValue, notes: [String])
        do {
            let upload = UploadBundle(scratch: scratch)
            made = try InputLimits.$current.withValue(limits) { try upload.bundle(data, kernel: try GeometryKernel()) }
        } catch let e as InputError {
            return ServerRoutes.refusal(.badRequest, e.description)
        }
        return ServerRoutes.json(.object([("bundle", made.document), ("notes", .array(made.notes.map(JSONValue.string)))]))
    }
}
