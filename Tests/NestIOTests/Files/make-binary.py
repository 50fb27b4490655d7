"""Writes binary-r2010.dxf and binary-r12.dxf, binary DXF as ezdxf 1.4.5 saves it
(`saveas(fmt="bin")`), and binary-ascii.dxf, the R2010 drawing saved as ASCII: two pieces,
one a polyline with an arc (a bulge) and a round hole, one a chain of lines and an arc, each
named by its "Piece Name:" text. ImportTests reads all three and expects the same pieces."""
import ezdxf

for version, name in (("R2010", "binary-r2010.dxf"), ("R12", "binary-r12.dxf")):
    doc = ezdxf.new(version)
    doc.units = 4  # mm
    msp = doc.modelspace()
    points = [(0, 0, 0, 0, 0), (180, 0, 0, 0, 0.35), (180, 90, 0, 0, 0), (20, 110, 0, 0, 0)]
    if version == "R12":
        msp.add_polyline2d([(x, y) for x, y, *_ in points], close=True, dxfattribs={"layer": "1"})
        poly = msp.query("POLYLINE")[0]
        for vertex, (*_, bulge) in zip(poly.vertices, points):
            vertex.dxf.bulge = bulge
    else:
        msp.add_lwpolyline(points, format="xyseb", close=True, dxfattribs={"layer": "1"})
    msp.add_circle((60, 50), 6, dxfattribs={"layer": "1"})
    msp.add_text("Piece Name: Vamp", dxfattribs={"insert": (40, 20), "height": 4, "layer": "1"})
    msp.add_line((300, 0), (400, 0), dxfattribs={"layer": "1"})
    msp.add_line((400, 0), (400, 60), dxfattribs={"layer": "1"})
    msp.add_arc((350, 60), 50, 0, 180, dxfattribs={"layer": "1"})
    msp.add_line((300, 60), (300, 0), dxfattribs={"layer": "1"})
    msp.add_text("Piece Name: Toe cap", dxfattribs={"insert": (320, 20), "height": 4, "layer": "1"})
    doc.saveas(name, fmt="bin")
    if version == "R2010":
        doc.saveas("binary-ascii.dxf")
