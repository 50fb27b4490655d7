import Foundation
import NestCollision
import NestGeometry

/// The engine's expensive self-checks, all in one place: each incremental structure must
/// equal one built afresh from the same poses. They are bugs if they fail, so a failure
/// stops the program with the difference.
///
/// On in debug builds (`swift test`, optimized or not), and in any build when the
/// environment sets `NEST_CHECK_INVARIANTS=1`. Off otherwise: each check costs a full
/// rebuild. `assert` cannot serve here: the test command builds the debug configuration
/// with `-O`, which drops it.
public enum Invariants {
    /// Whether the checks run in this process.
    public static let enabled: Bool = {
        #if DEBUG
        return true
        #else
        return ProcessInfo.processInfo.environment["NEST_CHECK_INVARIANTS"] == "1"
        #endif
    }()

    /// Stops with `message` when `condition` fails; does nothing when the checks are off.
    @inline(__always)
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                        file: StaticString = #fileID, line: UInt = #line) {
        guard enabled, !condition() else { return }
        fatalError("invariant broken: \(message())", file: file, line: line)
    }
}

extension SearchLayout {
    /// The tracker (colliding pairs, their penalties, the container penalties) and the
    /// broad-phase grid equal those rebuilt from the current poses.
    func checkInvariants(_ context: @autoclosure () -> String) {
        guard Invariants.enabled else { return }
        var fresh = self
        fresh.rebuild()
        Invariants.require(Set(pairLoss.keys) == Set(fresh.pairLoss.keys),
                           "\(context()): colliding pairs \(pairLoss.count) tracked, \(fresh.pairLoss.count) after a rebuild"
                           + " (differing: \(Set(pairLoss.keys).symmetricDifference(Set(fresh.pairLoss.keys)).map { "(\($0.a) at \(items[Int($0.a)].position), \($0.b) at \(items[Int($0.b)].position))" }))")
        for (pair, loss) in fresh.pairLoss {
            let tracked = pairLoss[pair] ?? -1
            Invariants.require(abs(tracked - loss) <= OverlapPenalty.reproducibility * max(1, loss),
                               "\(context()): pair (\(pair.a), \(pair.b)) penalty \(tracked) tracked, \(loss) after a rebuild")
        }
        for i in items.indices {
            Invariants.require(Set(colliders[i]) == Set(fresh.colliders[i]),
                               "\(context()): item \(i) colliders \(colliders[i].sorted()) tracked, \(fresh.colliders[i].sorted()) after a rebuild")
            Invariants.require(containerLoss[i] == fresh.containerLoss[i],
                               "\(context()): item \(i) container penalty \(containerLoss[i]) tracked, \(fresh.containerLoss[i]) after a rebuild")
        }
        Invariants.require(hazardsMatchItems, "\(context()): the collision engine's item hazards differ from the items' poses")
        Invariants.require(gridContents == fresh.gridContents, "\(context()): the broad-phase grid differs from a rebuilt one")
    }
}

extension SheetState {
    /// The layout's tracker and grid equal a rebuild, and the clearance maps, updated
    /// part by part, equal full passes over them.
    func checkInvariants(_ context: @autoclosure () -> String) {
        guard Invariants.enabled else { return }
        layout.checkInvariants(context())
        for (grade, map) in clearance {
            var full = map
            full.recomputeAll()
            Invariants.require(full.clearance == map.clearance,
                               "\(context()): the clearance raster of grade \(grade) differs from a full pass")
        }
    }
}
