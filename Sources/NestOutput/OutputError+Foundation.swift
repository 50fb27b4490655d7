import Foundation

/// Foundation's file-writing errors in words: `Data.write` on a full disk throws
/// `NSCocoaErrorDomain` 640 with its `UserInfo` (staging paths and all), which is no message
/// for a cutting room; these name the problem the way the README promises
/// (`nest: error: FOLDER: PROBLEM`).
extension OutputError {
    /// An error thrown while writing into the output folder `folder`, as an `OutputError`
    /// naming the folder; an `OutputError` already made is kept, and an error that is not
    /// a file-system failure (a Cocoa file error or a POSIX error) gives nil.
    public init?(writingInto folder: String, _ error: any Error) {
        if let e = error as? OutputError {
            self = e
            return
        }
        guard let words = Self.fileProblem(error) else { return nil }
        self.init(file: folder, problem: "cannot write the output: \(words)")
    }

    /// The output folder `folder` could not be made: `error` in words, the folder named.
    public init(creatingFolder folder: String, _ error: any Error) {
        self.init(file: folder, problem: "cannot create the output folder: \(Self.describe(error))")
    }

    /// `error` in words: a file-system failure as `fileProblem` words it, anything else as
    /// Foundation describes it.
    public static func describe(_ error: any Error) -> String {
        if let e = error as? OutputError { return e.description }
        return fileProblem(error) ?? error.localizedDescription
    }

    /// What went wrong in a file-system error, in words ("no space left on the device");
    /// nil when `error` is not a Cocoa file error (`NSCocoaErrorDomain`) or a POSIX error.
    public static func fileProblem(_ error: any Error) -> String? {
        let e = error as NSError
        switch e.domain {
        case NSPOSIXErrorDomain:
            return problem(errno: Int32(truncatingIfNeeded: e.code))
        case NSCocoaErrorDomain:
            // The POSIX error under it is the most precise, when Foundation kept one.
            if let under = e.userInfo[NSUnderlyingErrorKey] as? NSError, under.domain == NSPOSIXErrorDomain {
                return problem(errno: Int32(truncatingIfNeeded: under.code))
            }
            switch CocoaError.Code(rawValue: e.code) {
            case .fileWriteOutOfSpace: return problem(errno: ENOSPC)
            case .fileWriteNoPermission, .fileReadNoPermission: return problem(errno: EACCES)
            case .fileWriteVolumeReadOnly: return problem(errno: EROFS)
            case .fileNoSuchFile, .fileReadNoSuchFile: return problem(errno: ENOENT)
            case .fileWriteFileExists: return problem(errno: EEXIST)
            case .fileWriteInvalidFileName, .fileReadInvalidFileName: return "the file name is not valid here"
            case .fileLocking: return "a file is locked"
            default:
                // 512 (`fileWriteUnknown`) and the like: the description they were given, if any.
                if let text = e.userInfo[NSLocalizedDescriptionKey] as? String, !text.isEmpty {
                    return text.prefix(1).lowercased() + text.dropFirst()
                }
                return "a file could not be written (Cocoa error \(e.code))"
            }
        default:
            return nil
        }
    }

    /// A POSIX `errno` in words, the common ones worded for the user, the rest as the C
    /// library says them.
    public static func problem(errno code: Int32) -> String {
        switch code {
        case ENOSPC: return "no space left on the device"
        case EDQUOT: return "the disk quota is used up"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "the device is read-only"
        case ENOENT: return "no such file or folder"
        case ENOTDIR: return "a part of the path is not a folder"
        case EISDIR: return "a folder is in the way of a file"
        case EEXIST: return "a file of that name is in the way"
        case ENAMETOOLONG: return "the file name is too long"
        case EIO: return "an input/output error on the device"
        case EMFILE, ENFILE: return "too many files are open"
        case EFBIG: return "a file is too large for the device"
        default:
            let text = String(cString: strerror(code))
            return text.prefix(1).lowercased() + text.dropFirst()
        }
    }
}
