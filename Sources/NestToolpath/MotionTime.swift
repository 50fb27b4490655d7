import Foundation
import NestGeometry
import NestModel

/// The time model of a cutting table: straight runs at the profile's speed with a
/// trapezoidal velocity profile (accelerate at `acceleration`, cruise, brake to a stop),
/// a stop at every corner sharper than `cornerStopDegrees` (gentler corners are taken at
/// speed), and `toolDownSeconds` + `toolUpSeconds` per pass. A model for comparing plans
/// and planning the cutting room, not a replacement for the controller's own figures.
public struct MotionTime: Sendable {
    public let profile: MachineProfile

    public init(profile: MachineProfile) { self.profile = profile }

    /// Seconds for one run of length `length` from stop to stop at top speed `speed`.
    public func run(_ length: Double, speed: Double) -> Double {
        guard length > 0 else { return 0 }
        let a = profile.acceleration
        let rampLength = speed * speed / a  // accelerating and braking together
        return length >= rampLength ? length / speed + speed / a : 2 * (length / a).squareRoot()
    }

    /// Seconds to follow a polyline with the tool down.
    public func cut(_ path: [Point]) -> Double {
        var total = 0.0, runLength = 0.0
        var lastDirection: Point? = nil
        let limit = cos(profile.cornerStopDegrees * .pi / 180)
        for (a, b) in zip(path, path.dropFirst()) {
            let d = b - a
            let l = d.length
            guard l > 0 else { continue }
            let u = d * (1 / l)
            if let v = lastDirection, Point.dot(u, v) < limit {
                total += run(runLength, speed: profile.cutSpeed)
                runLength = 0
            }
            runLength += l
            lastDirection = u
        }
        return total + run(runLength, speed: profile.cutSpeed)
    }

    /// Seconds for a straight move with the tool up.
    public func travel(_ length: Double) -> Double { run(length, speed: profile.travelSpeed) }

    /// Seconds to lower and raise the tool once.
    public var toolCycle: Double { profile.toolDownSeconds + profile.toolUpSeconds }
}
