import Foundation
import NestModel

/// Whether a pattern's pieces have the size its style says they should, so a drawing in
/// the wrong units (centimetres read as millimetres, inches as millimetres) is caught.
///
/// The expected length of the largest piece comes from the style's own size: a shoe's last
/// length from its sample size (EU, UK, US, Mondopoint), a garment's chest girth from a
/// numeric or letter sample size; without either, from the material (a shoe upper's
/// largest panel, or any soft-goods piece). Guarantees: a finding names the piece, its
/// length, the basis of the expectation, the units the file was read in and, when one
/// fits, the unit that would make it right.
struct UnitsPlausibility {
    /// What the style is, with the length its sample size implies (mm).
    enum Style: Equatable {
        case shoe(lastLength: Double?)
        case garment(girth: Double)
        case softGoods
    }

    let style: Style

    /// The window for the largest piece (mm) and the words that explain it.
    var window: (range: ClosedRange<Double>, basis: String) {
        switch style {
        case .shoe(let last?):
            let l = last.rounded()
            return (0.25 * last...2.5 * last, "at its sample size the last is about \(Int(l)) mm long, and a shoe's largest panel 0.25 to 2.5 times that")
        case .shoe(nil):
            return (60...1200, "a shoe upper's largest panel is about 150–400 mm")
        case .garment(let girth):
            return (0.2 * girth...3.5 * girth, "at its sample size a garment's girth is about \(Int(girth.rounded())) mm, and its largest piece 0.2 to 3.5 times that")
        case .softGoods:
            return (20...20_000, "a cut piece is 20 mm to 20 m long")
        }
    }

    /// The style a pattern file describes: a shoe when its panels are declared leather or
    /// it names a shoe size system; a garment when its sample size is a garment size.
    static func style(sizeSystem: String, baseSize: String, declaredLeather: Bool) -> Style {
        if let system = SizeSystem(name: sizeSystem), let last = system.lengthMillimetres(of: baseSize) {
            return .shoe(lastLength: last)
        }
        if let girth = garmentGirth(baseSize) { return .garment(girth: girth) }
        return declaredLeather ? .shoe(lastLength: nil) : .softGoods
    }

    /// Chest or hip girth (mm) of a garment size: EU numeric sizes 30–70 are half the girth
    /// in cm; letter sizes XXS to 4XL.
    static func garmentGirth(_ size: String) -> Double? {
        let letters = ["XXS": 780.0, "XS": 840, "S": 900, "M": 980, "L": 1060, "XL": 1140, "XXL": 1220, "2XL": 1220,
                       "XXXL": 1300, "3XL": 1300, "4XL": 1380]
        let s = size.trimmingCharacters(in: .whitespaces).uppercased()
        if let g = letters[s] { return g }
        if let v = Double(s), (30...70).contains(v) { return v * 20 }
        return nil
    }

    /// The finding for a largest piece `longest` mm long, read in `units` (words), or nil.
    func finding(longest: Double, units: String, declaredMillimetres: Double) -> String? {
        let (range, basis) = window
        guard !range.contains(longest) else { return nil }
        // The unit that brings the piece nearest the middle of the window, if any does.
        let middle = (range.lowerBound * range.upperBound).squareRoot()
        var hint = ""
        var best = Double.infinity
        for unit in LengthUnit.allCases where abs(unit.millimetres - declaredMillimetres) > 1e-9 {
            let asThat = longest / declaredMillimetres * unit.millimetres
            let distance = abs(log(asThat / middle))
            if range.contains(asThat), distance < best {
                best = distance
                hint = String(format: "; drawn in %@ it would be %.0f mm", unit.rawValue, asThat)
            }
        }
        return String(format: "the largest piece is %.4g mm long, but %@: the units look wrong (%@)%@", longest, basis, units, hint)
    }
}
