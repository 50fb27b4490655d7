import Hummingbird

/// A queue that cannot answer (PostgreSQL down, a deadline passed) gives `503` with
/// `{"error": "DATABASE: REASON"}`, the line the command would print, instead of a bare 500.
struct DatabaseErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as DatabaseUnavailable {
            return ServerRoutes.refusal(.serviceUnavailable, error.description)
        }
    }
}
