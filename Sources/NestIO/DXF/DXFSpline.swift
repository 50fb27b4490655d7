import NestGeometry

/// A NURBS curve from a DXF SPLINE: degree, knots, control points and weights,
/// evaluated by de Boor's algorithm in homogeneous coordinates.
///
/// Guarantees: `init` refuses (returns a reason) any knot vector that does not match
/// the control points and degree, is not non-decreasing, or spans nothing, so
/// evaluation never indexes out of range.
struct NURBSCurve {
    let degree: Int
    let knots: [Double]
    let control: [Point]
    let weights: [Double]

    struct Problem: Error { let reason: String }

    static func make(degree: Int, knots: [Double], control: [Point], weights: [Double]) -> Result<NURBSCurve, Problem> {
        guard degree >= 1, degree <= 11 else { return .failure(Problem(reason: "spline degree must be 1 to 11, got \(degree)")) }
        guard control.count > degree else { return .failure(Problem(reason: "a degree-\(degree) spline needs at least \(degree + 1) control points")) }
        guard knots.count == control.count + degree + 1 else {
            return .failure(Problem(reason: "spline has \(knots.count) knots; \(control.count) control points of degree \(degree) need \(control.count + degree + 1)"))
        }
        for k in 1..<knots.count where !(knots[k] >= knots[k - 1]) {
            return .failure(Problem(reason: "spline knots must not decrease (knot \(k))"))
        }
        guard knots[control.count] > knots[degree] else { return .failure(Problem(reason: "spline knots span nothing")) }
        let w = weights.count == control.count ? weights : [Double](repeating: 1, count: control.count)
        guard w.allSatisfy({ $0 > 0 && $0.isFinite }) else { return .failure(Problem(reason: "spline weights must be positive")) }
        return .success(NURBSCurve(degree: degree, knots: knots, control: control, weights: w))
    }

    var domain: (Double, Double) { (knots[degree], knots[control.count]) }

    /// The distinct knot values inside the domain, domain ends included: the curve is
    /// smooth between them, so each span is flattened on its own.
    var spans: [Double] {
        let (a, b) = domain
        var out: [Double] = []
        for k in knots where k >= a && k <= b && out.last != k { out.append(k) }
        return out
    }

    func point(at t: Double) -> Point {
        let (a, b) = domain
        let u = min(b, max(a, t))
        // The span s with knots[s] <= u < knots[s+1], clamped into [degree, n-1].
        var s = degree
        while s < control.count - 1, knots[s + 1] <= u { s += 1 }
        var px = [Double](), py = [Double](), pw = [Double]()
        for j in 0...degree {
            let i = s - degree + j
            px.append(control[i].x * weights[i])
            py.append(control[i].y * weights[i])
            pw.append(weights[i])
        }
        if degree >= 1 {
            for r in 1...degree {
                for j in stride(from: degree, through: r, by: -1) {
                    let i = s - degree + j
                    let denom = knots[i + degree - r + 1] - knots[i]
                    let alpha = denom > 0 ? (u - knots[i]) / denom : 0
                    px[j] = (1 - alpha) * px[j - 1] + alpha * px[j]
                    py[j] = (1 - alpha) * py[j - 1] + alpha * py[j]
                    pw[j] = (1 - alpha) * pw[j - 1] + alpha * pw[j]
                }
            }
        }
        let w = pw[degree]
        return w != 0 ? Point(px[degree] / w, py[degree] / w) : control[s]
    }
}
