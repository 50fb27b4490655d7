import CZlib
import Foundation

/// gzip-compressed input (Inkscape saves "compressed SVG" as `.svgz`; any input may come
/// gzipped): decompressed with zlib, never to more than a limit, so a small file that
/// inflates to gigabytes is refused instead of read.
enum Gzip {
    /// True when `data` begins with the gzip signature.
    static func isCompressed(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// The decompressed bytes of every gzip member of `data`, at most `limit` of them.
    /// Throws an `InputError` naming `file` for a damaged or truncated stream or one that
    /// inflates beyond `limit`.
    static func decompressed(_ data: Data, limit: Int, file: String) throws -> Data {
        var stream = z_stream()
        // 15 + 32: the largest window, and a gzip or zlib header detected by itself.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InputError(file: file, item: "", problem: "cannot decompress the file: zlib failed to start")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        var input = [UInt8](data)
        let total = input.count
        return try input.withUnsafeMutableBufferPointer { source -> Data in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(total)
            while true {
                let status = buffer.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(chunk)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk - Int(stream.avail_out)
                output.append(contentsOf: buffer[0..<produced])
                guard output.count <= limit else {
                    throw InputError(file: file, item: "", problem:
                        "the compressed file holds more than the limit of \(limit) bytes (raise it with --max-file-mb)")
                }
                switch status {
                case Z_STREAM_END:
                    // Several gzip members follow one another (`cat a.gz b.gz`): read them all.
                    // Anything else after the end (padding) is ignored, as gunzip does.
                    let rest = total - Int(stream.avail_in)
                    guard stream.avail_in >= 2, source[rest] == 0x1F, source[rest + 1] == 0x8B,
                          inflateReset(&stream) == Z_OK else { return output }
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    // No progress with a fresh output buffer: the input ran out before the stream's end.
                    throw InputError(file: file, item: "", problem: "the compressed file ends early (truncated?)")
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw InputError(file: file, item: "", problem: "the compressed file is damaged (\(reason))")
                }
            }
        }
    }
}
