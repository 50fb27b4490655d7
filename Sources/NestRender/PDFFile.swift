import CCairo
import Foundation

/// Errors while rendering, with Cairo's status text.
public struct RenderError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// A PDF being written by Cairo, one page after the other; every page may have its own
/// size. Fonts are embedded (Cairo subsets the TrueType fonts it draws with).
///
/// The file is complete only when `finish()` returns without throwing. Not thread-safe:
/// one file per thread.
final class PDFFile {
    let path: String
    let surface: OpaquePointer
    let cr: OpaquePointer
    private(set) var pageCount = 0
    private var pageOpen = false

    /// `created` is the file's creation date (Cairo would take the clock's).
    init(path: String, title: String, created: Date) throws {
        self.path = path
        // Cairo always returns a surface, in an error state when it failed; the object is not
        // fully initialised yet, so `deinit` would not run: destroy it here before throwing.
        let made = cairo_pdf_surface_create(path, Paper.a4.portrait.width, Paper.a4.portrait.height)!
        do {
            try PDFFile.check(cairo_surface_status(made), "creating \(path)")
        } catch {
            cairo_surface_destroy(made)
            throw error
        }
        surface = made
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "nest")
        let stamp = ISO8601DateFormatter()
        stamp.timeZone = TimeZone(identifier: "UTC")
        stamp.formatOptions = [.withInternetDateTime]
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp.string(from: created))
        cr = cairo_create(surface)!
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// Starts a page of this size (ending the open one); drawing goes to it until the next.
    func beginPage(_ size: PageSize) {
        if pageOpen { cairo_show_page(cr) }
        cairo_pdf_surface_set_size(surface, size.width, size.height)
        cairo_identity_matrix(cr)
        cairo_reset_clip(cr)
        pageOpen = true
        pageCount += 1
    }

    func finish() throws {
        if pageOpen { cairo_show_page(cr) }
        pageOpen = false
        try PDFFile.check(cairo_status(cr), "drawing \(path)")
        cairo_surface_finish(surface)
        try PDFFile.check(cairo_surface_status(surface), "writing \(path)")
    }

    static func check(_ status: cairo_status_t, _ what: String) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError(message: "Cairo failed \(what): \(String(cString: cairo_status_to_string(status)))")
        }
    }
}
