/// A textile or mesh roll: fixed `width` across (the sheet's y axis), open length along
/// the sheet's x axis up to `maxLength`, all in millimetres. The grain runs along the length.
public struct Roll: Sendable, Hashable {
    public var name: String
    public var material: String
    public var width: Double
    public var maxLength: Double

    public init(name: String, material: String, width: Double, maxLength: Double) {
        self.name = name
        self.material = material
        self.width = width
        self.maxLength = maxLength
    }
}
