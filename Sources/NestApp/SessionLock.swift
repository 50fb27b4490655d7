import Foundation
import NestIO
import NestOutput

/// The exclusive hold a cutting session keeps on its state file from reading it to booking
/// the nest's parts off: two sessions on one state would each nest the same parts left and
/// one booking would overwrite the other, so the parts would be cut twice.
///
/// The lock is `flock(LOCK_EX | LOCK_NB)` on a lock file beside the state, `STATE.json.lock`.
/// The file is made when missing and never removed (removing a lock file races with a
/// session that has just opened it); what holds the session is the lock on it, which the
/// kernel drops when the descriptor is closed — on `release()`, `deinit`, or when the
/// process ends, even by SIGKILL. `flock` locks belong to the open file, so a second
/// session is refused in the same process (a server's workers) as in another.
///
/// Not `Sendable`: one run owns it.
public final class SessionLock {
    /// The lock file's path: the state's path with `.lock` added.
    public let path: String
    private var descriptor: Int32

    /// Takes the lock of the state at `statePath`, or refuses at once (never waits).
    /// - Throws: `InputError` naming the state file when another session holds it (exit 1);
    ///   `OutputError` naming the lock file when it cannot be made or locked (exit 2).
    public init(statePath: String) throws {
        path = statePath + ".lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            throw OutputError(file: path, problem: "cannot make the cutting session's lock file: "
                + OutputError.problem(errno: code))
        }
        // 0 locked; -1 with EWOULDBLOCK when another open file holds it (LOCK_NB: no wait).
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            descriptor = -1
            if code == EWOULDBLOCK || code == EAGAIN {
                throw InputError(file: statePath, item: "", problem: "another cutting session is running on this state "
                    + "(its lock \(PathParts.name(of: path)) is held); wait for it to finish, nothing was written")
            }
            throw OutputError(file: path, problem: "cannot lock the cutting session's state: " + OutputError.problem(errno: code))
        }
    }

    /// Drops the lock (the lock file stays).
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
