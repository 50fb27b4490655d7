import Foundation
import NestModel
import NestToolpath

/// The run's report page, `index.html`: self-contained (styles, script and every sheet
/// inline; no network, no other file), for any browser. It shows the yields, then per
/// sheet the drawing as inline SVG (wheel or buttons to zoom, drag to pan; hovering a
/// part shows its number, panel, size, side, grade and order line and marks its row in
/// the parts list), the toolpath's figures when planned, and the parts list.
///
/// Every id in a sheet's SVG is prefixed `sN-`. When its script has run, the element
/// `#rendered` says how many parts and sheets the page drew (`data-parts`, `data-sheets`).
public enum HTMLReport {
    public static func document(_ docs: CutRoomDocuments) -> String {
        let e = SVGCanvas.escape
        let result = docs.result, job = docs.job
        var h = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>nest — job \(e(docs.info.jobName))</title>
        <style>\(style)</style>
        </head>
        <body>
        <header>
        <h1>Job \(e(docs.info.jobName))</h1>
        <p>\(e(docs.dateText)) — seed \(job.search.seed), \(job.search.samples) samples, \(job.search.budgetText); \
        spacing \(fmt("%g", job.spacing)) mm, margin \(fmt("%g", job.margin)) mm.</p>
        </header>
        <section id="summary">
        <h2>Yield</h2>
        <p class="big">\(fmt("%.2f", result.yieldPercent)) % — \(result.placedCount) of \(docs.info.partsOrdered) parts placed on \
        \(result.sheets.count) sheet\(result.sheets.count == 1 ? "" : "s"), \(result.unplaced.count) unplaced.</p>
        <table>
        <thead><tr><th>sheet</th><th>stock</th><th>kind</th><th class="n">parts</th><th class="n">stock m²</th>\
        <th class="n">parts m²</th><th class="n">yield</th></tr></thead>
        <tbody>

        """
        for (i, s) in result.sheets.enumerated() {
            h += "<tr><td><a href=\"#sheet-\(i + 1)\">\(i + 1)</a></td><td class=\"name\">\(e(s.stockName))</td><td>\(s.kind.rawValue)</td>"
                + "<td class=\"n\">\(s.placements.count)</td><td class=\"n\">\(fmt("%.3f", s.area / 1e6))</td>"
                + "<td class=\"n\">\(fmt("%.3f", s.placedArea / 1e6))</td><td class=\"n\">\(fmt("%.2f", s.yieldPercent)) %</td></tr>\n"
        }
        h += "<tr class=\"total\"><td></td><td>all stock used</td><td></td><td class=\"n\">\(result.placedCount)</td>"
            + "<td class=\"n\">\(fmt("%.3f", result.stockArea / 1e6))</td><td class=\"n\">\(fmt("%.3f", result.placedArea / 1e6))</td>"
            + "<td class=\"n\">\(fmt("%.2f", result.yieldPercent)) %</td></tr>\n</tbody>\n</table>\n"
        if !result.unplaced.isEmpty {
            h += "<h3>Unplaced parts</h3>\n<table class=\"unplaced\"><thead><tr><th>part</th><th>order line</th><th>why</th></tr></thead><tbody>\n"
            for u in result.unplaced {
                h += "<tr><td class=\"name\">\(e(u.part.label))</td><td class=\"name\">\(e(docs.orderLineName(u.part.orderLine)))</td>"
                    + "<td>\(e(u.reason))</td></tr>\n"
            }
            h += "</tbody></table>\n"
        }
        h += "</section>\n"
        for (i, sheet) in result.sheets.enumerated() {
            h += sheetSection(docs, index: i, sheet: sheet)
        }
        h += """
        <footer><p id="rendered">The sheets need JavaScript for zoom and hover details.</p></footer>
        <div id="tip" role="tooltip"></div>
        <script>\(script)</script>
        </body>
        </html>

        """
        return h
    }

    static func fmt(_ f: String, _ v: Double) -> String { String(format: f, v) }

    static func sheetSection(_ docs: CutRoomDocuments, index i: Int, sheet: Sheet) -> String {
        let e = SVGCanvas.escape
        let prefix = "s\(i + 1)-"
        var svg = SVGCutSheet.document(scene: docs.scenes[i], index: i, count: docs.sheets.count, info: docs.info,
                                       toolpath: docs.toolpaths?[i], idPrefix: prefix)
        if let end = svg.range(of: "?>\n") { svg.removeSubrange(svg.startIndex..<end.upperBound) }
        var h = """
        <section class="sheet" id="sheet-\(i + 1)" data-parts="\(sheet.placements.count)">
        <h2>Sheet \(i + 1) of \(docs.sheets.count): \(e(sheet.stockName)) (\(sheet.kind.rawValue))</h2>
        <p>Yield \(fmt("%.2f", sheet.yieldPercent)) % — \(sheet.placements.count) parts, \(fmt("%.3f", sheet.placedArea / 1e6)) m² \
        of \(fmt("%.3f", sheet.area / 1e6)) m²\(sheet.kind == .roll ? fmt(", %.0f mm of roll used", sheet.length) : "").</p>
        <div class="controls"><button type="button" data-zoom="in" title="zoom in">+</button>\
        <button type="button" data-zoom="out" title="zoom out">−</button>\
        <button type="button" data-zoom="fit" title="whole sheet">fit</button>\
        \(docs.toolpaths == nil ? "" : "<label><input type=\"checkbox\" data-toolpath> toolpath</label>")\
        <span class="hint">wheel: zoom · drag: pan · hover a part for details</span></div>
        <div class="viewport">
        \(svg)</div>

        """
        if sheet.kind == .hide, !sheet.leatherUse.isEmpty {
            func pct(_ a: Double, _ of: Double) -> String { of > 0 ? fmt("%.0f", 100 * a / of) + " %" : "–" }
            h += """
            <h3>Leather</h3>
            <table class="leather"><thead><tr><th>grade</th><th class="n">m²</th><th class="n">to parts that need it</th>\
            <th class="n">to parts allowed worse</th><th class="n">free</th></tr></thead><tbody>

            """
            for u in sheet.leatherUse {
                h += "<tr data-grade=\"\(u.grade.rawValue)\"><td>\(u.grade.rawValue)</td><td class=\"n\">\(fmt("%.3f", u.area / 1e6))</td>"
                    + "<td class=\"n\">\(pct(u.neededArea, u.area))</td><td class=\"n\">\(pct(u.betterThanNeededArea, u.area))</td>"
                    + "<td class=\"n\">\(pct(u.freeArea, u.area))</td></tr>\n"
            }
            h += "</tbody></table>\n"
        }
        if let t = docs.toolpaths?[i] {
            h += """
            <h3>Toolpath</h3>
            <table class="toolpath"><tbody>
            <tr><th>machine</th><td class="name">\(e(docs.machine))</td></tr>
            <tr><th>contours</th><td class="n">\(t.contours.count)</td></tr>
            <tr><th>passes</th><td class="n">\(t.passes.count)</td></tr>
            <tr><th>cut length</th><td class="n">\(fmt("%.2f", t.cutLength / 1000)) m</td></tr>
            <tr><th>air (knife up)</th><td class="n">\(fmt("%.2f", t.airLength / 1000)) m</td></tr>
            <tr><th>knife lifts</th><td class="n">\(t.knifeLifts)</td></tr>
            <tr><th>estimated time</th><td class="n">\(fmt("%.0f", t.estimatedSeconds)) s</td></tr>
            <tr><th>table windows</th><td class="n">\(t.windows)</td></tr>
            </tbody></table>

            """
        }
        h += """
        <details open><summary>Parts list (\(sheet.placements.count))</summary>
        <table class="parts"><thead><tr><th class="n">no.</th><th>panel</th><th>size</th><th>side</th><th>grade</th>\
        <th>order line</th></tr></thead><tbody>

        """
        for (k, p) in sheet.placements.enumerated() {
            h += "<tr id=\"\(prefix)row-\(k + 1)\" data-part=\"\(prefix)part-\(k + 1)\"><td class=\"n\">\(k + 1)</td>"
                + "<td class=\"name\">\(e(p.part.panel.replacingOccurrences(of: "_", with: " ")))</td><td>\(e(p.part.size))</td>"
                + "<td>\(CutRoomDocuments.sideText(p.part.side))</td><td>\(p.part.minGrade.rawValue)</td>"
                + "<td class=\"name\">\(e(docs.orderLineName(p.part.orderLine)))</td></tr>\n"
        }
        h += "</tbody></table></details>\n</section>\n"
        return h
    }

    static let style = """

    body{font-family:"DejaVu Sans",Verdana,sans-serif;margin:1.2em 2em;color:#222;background:#fafafa}
    h1{margin:.2em 0}h2{margin-top:1.6em;border-bottom:2px solid #222}p.big{font-size:1.2em;font-weight:bold}
    table{border-collapse:collapse;font-size:13px;margin:.5em 0;background:#fff}
    th,td{padding:3px 9px;border-bottom:1px solid #ddd;text-align:left}th{background:#eee}
    td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}tr.total td{font-weight:bold}
    td.name{max-width:18em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    tr.hl td{background:#ffe9a8}
    .viewport{border:1px solid #888;height:72vh;min-height:320px;background:#fff;overflow:hidden;touch-action:none;cursor:grab}
    .viewport svg{width:100%;height:100%;display:block}
    .controls{margin:.4em 0}.controls button{min-width:2.4em;font-size:15px;margin-right:.3em}
    .hint{color:#666;font-size:12px;margin-left:1em}
    g.toolpath{display:none}g.toolpath.on{display:inline}g.part{cursor:pointer}g.part:hover>path,g.part.hl>path{stroke:#d00000;stroke-width:1.2}
    #tip{position:fixed;display:none;pointer-events:none;background:#fffbe6;border:1px solid #666;padding:5px 8px;
    font-size:12px;box-shadow:2px 2px 6px rgba(0,0,0,.25);max-width:22em}
    #tip b{font-size:14px}

    """

    static let script = """

    (function () {
      "use strict";
      var tip = document.getElementById("tip");
      document.querySelectorAll(".sheet").forEach(function (section) {
        var viewport = section.querySelector(".viewport"), svg = viewport.querySelector("svg");
        var start = svg.getAttribute("viewBox").split(/\\s+/).map(Number), vb = start.slice();
        function apply() { svg.setAttribute("viewBox", vb.join(" ")); }
        function unitsPerPixel() { return Math.max(vb[2] / viewport.clientWidth, vb[3] / viewport.clientHeight); }
        function zoom(f, cx, cy) {
          if (cx === undefined) { cx = vb[0] + vb[2] / 2; cy = vb[1] + vb[3] / 2; }
          vb = [cx - (cx - vb[0]) * f, cy - (cy - vb[1]) * f, vb[2] * f, vb[3] * f]; apply();
        }
        function toUser(e) {
          var p = svg.createSVGPoint(); p.x = e.clientX; p.y = e.clientY;
          return p.matrixTransform(svg.getScreenCTM().inverse());
        }
        viewport.addEventListener("wheel", function (e) {
          e.preventDefault(); var p = toUser(e); zoom(e.deltaY < 0 ? 0.8 : 1.25, p.x, p.y);
        }, {passive: false});
        var drag = null;
        viewport.addEventListener("pointerdown", function (e) {
          drag = {x: e.clientX, y: e.clientY, vb: vb.slice(), k: unitsPerPixel()};
          viewport.setPointerCapture(e.pointerId);
        });
        viewport.addEventListener("pointermove", function (e) {
          if (!drag) return;
          vb[0] = drag.vb[0] - (e.clientX - drag.x) * drag.k; vb[1] = drag.vb[1] - (e.clientY - drag.y) * drag.k; apply();
        });
        viewport.addEventListener("pointerup", function () { drag = null; });
        section.querySelectorAll("button[data-zoom]").forEach(function (b) {
          b.addEventListener("click", function () {
            var z = b.getAttribute("data-zoom");
            if (z === "in") zoom(0.8); else if (z === "out") zoom(1.25); else { vb = start.slice(); apply(); }
          });
        });
        var toggle = section.querySelector("input[data-toolpath]");
        if (toggle) toggle.addEventListener("change", function () {
          section.querySelectorAll("g.toolpath").forEach(function (g) { g.classList.toggle("on", toggle.checked); });
        });
      });
      function rowOf(g) { return document.querySelector("tr[data-part='" + g.id + "']"); }
      function line(label, value) {
        var div = document.createElement("div"), b = document.createElement("span");
        b.textContent = label + ": "; div.appendChild(b); div.appendChild(document.createTextNode(value)); return div;
      }
      document.querySelectorAll("svg g.part").forEach(function (g) {
        g.addEventListener("mouseenter", function () {
          tip.textContent = "";
          var head = document.createElement("b");
          head.textContent = "part " + g.dataset.number + ": " + g.dataset.panel.replace(/_/g, " ");
          tip.appendChild(head);
          tip.appendChild(line("size", g.dataset.size + (g.dataset.side ? " " + g.dataset.side : "")));
          tip.appendChild(line("grade (worst allowed)", g.dataset.grade));
          tip.appendChild(line("order line", g.dataset.orderLine));
          tip.appendChild(line("rotation", Number(g.dataset.rotation).toFixed(1) + "°" + (g.dataset.mirrored === "true" ? ", mirrored" : "")));
          tip.style.display = "block";
          var r = rowOf(g); if (r) r.classList.add("hl");
        });
        g.addEventListener("mousemove", function (e) {
          tip.style.left = (e.clientX + 14) + "px"; tip.style.top = (e.clientY + 14) + "px";
        });
        g.addEventListener("mouseleave", function () {
          tip.style.display = "none"; var r = rowOf(g); if (r) r.classList.remove("hl");
        });
      });
      document.querySelectorAll("tr[data-part]").forEach(function (r) {
        var g = document.getElementById(r.getAttribute("data-part"));
        if (!g) return;
        r.addEventListener("mouseenter", function () { g.classList.add("hl"); });
        r.addEventListener("mouseleave", function () { g.classList.remove("hl"); });
      });
      var parts = document.querySelectorAll(".sheet svg g.part").length, sheets = document.querySelectorAll(".sheet svg").length;
      var done = document.getElementById("rendered");
      done.textContent = "Rendered " + parts + " parts on " + sheets + " sheets.";
      done.dataset.parts = parts; done.dataset.sheets = sheets;
    })();

    """
}
