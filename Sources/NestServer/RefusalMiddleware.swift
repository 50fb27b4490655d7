import Hummingbird

/// Refusals raised as `HTTPError` (a malformed id in a path, a body cut off at the size limit)
/// get the API's one shape, `{"error": "request: PROBLEM"}`, like every other refusal, instead
/// of Hummingbird's own `{"error": {"message": …}}`.
struct RefusalMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where (400..<500).contains(error.status.code) {
            let problem = error.body ?? error.status.reasonPhrase.lowercased()
            var response = ServerRoutes.refusal(error.status, "request: \(problem)")
            for field in error.headers where field.name != .contentType && field.name != .contentLength {
                response.headers.append(field)
            }
            return response
        }
    }
}
