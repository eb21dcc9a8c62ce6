import Foundation

/// The review page's "click to fail" view: the scenarios already computed, as JSON in the page,
/// keyed by the element whose failure they are; the page's script shows one on a click.
extension ReviewReport {
    /// What the page's script reads (`<script type="application/json" id="routesim-data">`).
    struct ExplorerData: Encodable {
        struct Flow: Encodable {
            var flow: String
            var outcome: String
            var problem: Bool
            var detail: String
            var path: [String]
            var cause: [String]?
            /// From the timeline: the flow's outcome between events, and its longest drop.
            var intervals: [Interval]?
            var drop: String?

            /// A flow of the sweep, with its timeline when there is one.
            init(_ flow: FlowOutcome, timeline: FailureTimeline.FlowTimeline?) {
                self.init(flow: flow.flow, outcome: flow.classification.rawValue, problem: flow.classification.isProblem, detail: flow.detail,
                          path: flow.path, cause: flow.cause?.chain, timeline: timeline)
            }

            init(flow: String, outcome: String, problem: Bool, detail: String, path: [String], cause: [String]?, timeline: FailureTimeline.FlowTimeline?) {
                (self.flow, self.outcome, self.problem, self.detail, self.path, self.cause) = (flow, outcome, problem, detail, path, cause)
                intervals = timeline?.intervals.map { Interval(from: $0.from.description, outcome: $0.outcome, after: $0.after, delivered: $0.delivered) }
                drop = timeline.map { $0.longestDrop?.description ?? "delivered throughout" }
            }
        }
        struct Interval: Encodable { var from: String; var outcome: String; var after: String?; var delivered: Bool }
        struct Event: Encodable { var at: String; var router: String; var what: String; var why: String }
        struct Scenario: Encodable {
            var name: String
            var failed: [String]
            var worst: String
            /// The flows the failure changed, problems first; at most `flowLimit`.
            var flows: [Flow]
            var flowsLeftOut: Int
            var sessionsDown: Int
            var converged: Bool
            /// The anchor of the scenario's section on the page, when it has one.
            var section: String?
            var events: [Event]?
        }
        var network: String
        var routers: [String]
        var links: [String]
        /// Which kinds of element the sweep failed one at a time.
        var linksSwept: Bool
        var routersSwept: Bool
        /// Element (`l3`, `r0`) -> index in `scenarios`; elements swept but absent changed nothing.
        var byElement: [String: Int]
        /// Failure sets that change a flow: [name, key] (`x<index in scenarios>`).
        var sets: [[String]]
        var scenarios: [Scenario]
        /// AS number (as text) -> the id of its drill-down section, on a network drawn per AS.
        var drillDowns: [String: String]
    }

    /// Flows listed per scenario in the page's data (the rest are counted): bounds the page on
    /// networks where one failure reroutes thousands of flows. Problems first, then at most
    /// `reroutedLimit` of the flows that are only rerouted.
    static let flowLimit = 40
    static let reroutedLimit = 3

    static func explorerData(network: Network, report: FailureReport, scenarios: [FailureScenario], timelines: [ScenarioTimeline],
                             sections: Set<String>, drillDowns: [String: String]) -> ExplorerData {
        let outcomes = Dictionary(report.scenarios.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let timelineOf = Dictionary(timelines.map { ($0.scenario.name, $0) }, uniquingKeysWith: { first, _ in first })
        var byElement: [String: Int] = [:]
        var list: [ExplorerData.Scenario] = []
        var linksSwept = false, routersSwept = false
        var sets: [[String]] = []
        for scenario in scenarios {
            let single = scenario.spec.links.count + scenario.spec.routers.count == 1
            guard single || scenario.kind == .set else { continue }
            var element: String?
            if single, let l = scenario.spec.links.first { element = "l\(l)"; linksSwept = true } else if single, let r = scenario.spec.routers.first {
                element = "r\(r)"; routersSwept = true
            }
            let timeline = timelineOf[scenario.name]
            guard let outcome = outcomes[scenario.name], !outcome.flows.isEmpty || !outcome.converged || timeline?.flows.isEmpty == false else { continue }
            // A failure set is chosen by name (x<index>); a set of one element is also its element.
            if scenario.kind == .set { sets.append([scenario.name, "x\(list.count)"]) }
            if let element, byElement[element] == nil { byElement[element] = list.count }
            let flowTimelines = Dictionary((timeline?.flows ?? []).map { ($0.flow, $0) }, uniquingKeysWith: { first, _ in first })
            let problems = outcome.flows.filter { $0.classification.isProblem }
            let ordered = problems + outcome.flows.filter { !$0.classification.isProblem }
            let flows = ordered.prefix(min(flowLimit, problems.count + reroutedLimit)).map { ExplorerData.Flow($0, timeline: flowTimelines[$0.flow]) }
            // Flows the converged state leaves on their routers but the way there drops.
            let listed = Set(outcome.flows.map(\.flow))
            let onTheWay = (timeline?.flows ?? []).filter { !listed.contains($0.flow) }.prefix(reroutedLimit).map { flow in
                ExplorerData.Flow(flow: flow.flow, outcome: "dropped on the way", problem: false,
                                  detail: "same routers once converged; \(flow.longestDrop?.description ?? "not dropped")", path: [], cause: nil, timeline: flow)
            }
            let anchor = RouteSim.slug(outcome.name)
            list.append(ExplorerData.Scenario(name: outcome.name, failed: outcome.failed, worst: outcome.worst.rawValue, flows: Array(flows) + onTheWay,
                                              flowsLeftOut: ordered.count - flows.count, sessionsDown: outcome.sessionsDown, converged: outcome.converged,
                                              section: sections.contains(anchor) ? anchor : nil,
                                              events: timeline?.timeline.events.map { ExplorerData.Event(at: $0.window.description, router: $0.router, what: $0.what, why: $0.why) }))
        }
        return ExplorerData(network: network.name, routers: network.routers.map(\.name), links: network.links.map(\.name),
                            linksSwept: linksSwept, routersSwept: routersSwept, byElement: byElement, sets: sets, scenarios: list, drillDowns: drillDowns)
    }

    /// The data as a script element: JSON with every `<` escaped, so no text from the model can
    /// end the element early.
    static func dataElement(_ data: ExplorerData) -> String {
        // Foundation's encoder, compact: `JSONOutput` writes the reports' indented layout,
        // which would add a third to the page.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(data)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "<script type=\"application/json\" id=\"routesim-data\">\(json.replacingOccurrences(of: "<", with: "\\u003c"))</script>\n"
    }

    /// The click-to-fail section: a chooser (for keyboards and for elements too small to click)
    /// and the panel the script fills. Without script the section says where the same answers are.
    static func explorerSection(_ data: ExplorerData) -> String {
        var body = "<h2 id=\"explore\">Click to fail</h2>\n"
        body += "<p class=\"note\" id=\"explore-help\">Click a router or link in a diagram (or choose one here) to see what its failure breaks: "
        body += "the flows it changes, why each problem happens, and when each change happens after the failure. "
        body += "<noscript>This needs JavaScript; without it, every problem scenario is listed below.</noscript></p>\n"
        body += "<p><label>Fail <select id=\"fail-select\"><option value=\"\">choose a link or router</option>"
        if data.linksSwept {
            body += "<optgroup label=\"links\">" + data.links.indices.sorted { data.links[$0] < data.links[$1] }
                .map { "<option value=\"l\($0)\">link \(escape(data.links[$0]))</option>" }.joined() + "</optgroup>"
        }
        if data.routersSwept {
            body += "<optgroup label=\"routers\">" + data.routers.indices.sorted { data.routers[$0] < data.routers[$1] }
                .map { "<option value=\"r\($0)\">router \(escape(data.routers[$0]))</option>" }.joined() + "</optgroup>"
        }
        if !data.sets.isEmpty {
            body += "<optgroup label=\"failure sets\">" + data.sets.map { "<option value=\"\(escape($0[1]))\">\(escape($0[0]))</option>" }.joined() + "</optgroup>"
        }
        body += "</select></label></p>\n<div id=\"fail-panel\" aria-live=\"polite\"></div>\n"
        return body
    }

    /// Pan and zoom (wheel, drag, buttons), search, and click to fail; plain DOM, no library.
    static let script = #"""
    (function(){
    "use strict";
    var data = JSON.parse(document.getElementById("routesim-data").textContent);
    function el(tag, text, cls){ var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
    var zooms = [];
    function setupZoom(fig){
      var svg = fig.querySelector("svg"); if (!svg || !svg.viewBox || !svg.viewBox.baseVal) return;
      var v = svg.viewBox.baseVal, home = {x: v.x, y: v.y, w: v.width, h: v.height}, box = {x: v.x, y: v.y, w: v.width, h: v.height};
      svg.removeAttribute("width"); svg.removeAttribute("height");
      svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
      svg.style.width = "100%"; svg.style.height = Math.min(720, Math.max(240, home.h * (fig.clientWidth || 1000) / home.w)) + "px";
      function apply(){ svg.setAttribute("viewBox", box.x + " " + box.y + " " + box.w + " " + box.h); }
      function toSVG(x, y){ var p = svg.createSVGPoint(); p.x = x; p.y = y; var m = svg.getScreenCTM(); return m ? p.matrixTransform(m.inverse()) : p; }
      function zoom(f, cx, cy){ box.x = cx - (cx - box.x) * f; box.y = cy - (cy - box.y) * f; box.w *= f; box.h *= f; apply(); }
      function centre(){ return {x: box.x + box.w / 2, y: box.y + box.h / 2}; }
      svg.addEventListener("wheel", function(e){ e.preventDefault(); var p = toSVG(e.clientX, e.clientY); zoom(e.deltaY < 0 ? 0.8 : 1.25, p.x, p.y); }, {passive: false});
      var drag = null;
      svg.addEventListener("pointerdown", function(e){ drag = {x: e.clientX, y: e.clientY, moved: false}; });
      svg.addEventListener("pointermove", function(e){
        if (!drag || !(e.buttons & 1)) return;
        var a = toSVG(drag.x, drag.y), b = toSVG(e.clientX, e.clientY);
        if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 3) drag.moved = true;
        box.x -= b.x - a.x; box.y -= b.y - a.y; drag.x = e.clientX; drag.y = e.clientY; apply();
      });
      svg.addEventListener("click", function(e){ if (drag && drag.moved) { e.stopPropagation(); e.preventDefault(); } drag = null; }, true);
      var bar = el("div", undefined, "zoombar");
      [["+", function(){ var c = centre(); zoom(0.8, c.x, c.y); }], ["\u2212", function(){ var c = centre(); zoom(1.25, c.x, c.y); }],
       ["fit", function(){ box = {x: home.x, y: home.y, w: home.w, h: home.h}; apply(); }]].forEach(function(b){
        var button = el("button", b[0]); button.type = "button"; button.addEventListener("click", b[1]); bar.appendChild(button);
      });
      fig.insertBefore(bar, fig.firstChild);
      var z = {fig: fig, svg: svg, show: function(target){
        var r = target.getBoundingClientRect(), a = toSVG(r.left, r.top), b = toSVG(r.right, r.bottom);
        var w = Math.max(b.x - a.x, home.w / 8), h = Math.max(b.y - a.y, home.h / 8);
        box = {x: (a.x + b.x) / 2 - w, y: (a.y + b.y) / 2 - h, w: 2 * w, h: 2 * h}; apply();
      }};
      fig.routesimZoom = z; zooms.push(z);
    }
    Array.prototype.forEach.call(document.querySelectorAll("figure.zoom"), setupZoom);

    function reveal(node){
      for (var d = node.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) d.open = true;
      var fig = node.closest("figure"); if (!fig) return;
      fig.scrollIntoView({block: "center"});
      if (fig.routesimZoom) fig.routesimZoom.show(node);
    }

    // Search: routers, hosts and ASes by any text of their label (name, role, loopback).
    var search = document.getElementById("search"), status = document.getElementById("search-status"), hits = [], current = -1;
    function runSearch(){
      hits.forEach(function(h){ h.classList.remove("hit"); }); hits = []; current = -1;
      var q = search.value.trim().toLowerCase(); if (!q) { status.textContent = ""; return; }
      var exact = [], partial = [];
      Array.prototype.forEach.call(document.querySelectorAll("figure.zoom g.node"), function(g){
        var lines = Array.prototype.map.call(g.querySelectorAll("text"), function(t){ return t.textContent.toLowerCase(); });
        if (lines.some(function(l){ return l === q || l === "as " + q || l.indexOf(q + " ") === 0; })) exact.push(g);
        else if (lines.some(function(l){ return l.indexOf(q) >= 0; })) partial.push(g);
      });
      hits = exact.concat(partial); hits.forEach(function(g){ g.classList.add("hit"); });
      status.textContent = hits.length ? hits.length + " match" + (hits.length === 1 ? "" : "es") + " (Enter: next)" : "no match";
      if (hits.length) { current = 0; reveal(hits[0]); }
    }
    if (search) {
      search.addEventListener("input", runSearch);
      search.addEventListener("keydown", function(e){ if (e.key === "Enter" && hits.length) { e.preventDefault(); current = (current + 1) % hits.length; reveal(hits[current]); } });
    }

    // Click to fail.
    var panel = document.getElementById("fail-panel"), select = document.getElementById("fail-select"), marked = [];
    function elementName(key){
      var i = +key.slice(1);
      return key[0] === "l" ? "link " + data.links[i] : key[0] === "r" ? "router " + data.routers[i] : data.scenarios[i].name;
    }
    function mark(key){
      marked.forEach(function(g){ g.classList.remove("chosen"); }); marked = [];
      Array.prototype.forEach.call(document.querySelectorAll("g[id$='-" + key + "']"), function(g){ g.classList.add("chosen"); marked.push(g); });
    }
    function show(key){
      if (!panel) return;
      panel.textContent = ""; mark(key); if (select) select.value = key;
      var swept = key[0] === "x" || (key[0] === "l" ? data.linksSwept : data.routersSwept);
      var index = key[0] === "x" ? +key.slice(1) : data.byElement[key];
      panel.appendChild(el("h3", "Failing " + elementName(key)));
      if (!swept) { panel.appendChild(el("p", "The sweep did not fail " + (key[0] === "l" ? "links" : "routers") + " one at a time (routesim report without --no-routers).", "note")); return; }
      if (index === undefined) { panel.appendChild(el("p", "No flow changes: every flow is delivered on the path it had.", "ok")); return; }
      var s = data.scenarios[index];
      var p = el("p", "Worst outcome: "); p.appendChild(el("span", s.worst, s.flows.some(function(f){ return f.problem; }) ? "bad" : "warn"));
      p.appendChild(document.createTextNode("; " + s.flows.length + (s.flowsLeftOut ? " of " + (s.flows.length + s.flowsLeftOut) : "") + " changed flow(s) listed" +
        (s.sessionsDown ? "; " + s.sessionsDown + " BGP session end(s) down" : "") + (s.converged ? "." : "; the control plane does not converge.")));
      panel.appendChild(p);
      if (s.section) { var a = el("a", "the scenario's section, with its diagram"); a.href = "#" + s.section; var q = el("p", "See "); q.appendChild(a); panel.appendChild(q); }
      var table = el("table"), head = el("tr");
      ["flow", "outcome", "where and why", "path"].forEach(function(t){ head.appendChild(el("th", t)); }); table.appendChild(head);
      s.flows.forEach(function(f){
        var tr = el("tr"); tr.appendChild(el("td", f.flow)); tr.appendChild(el("td", f.outcome, f.problem ? "bad" : "warn"));
        tr.appendChild(el("td", f.detail)); tr.appendChild(el("td", f.path.join(" \u2192 "))); table.appendChild(tr);
      });
      panel.appendChild(table);
      s.flows.forEach(function(f){
        if (f.cause) { panel.appendChild(el("p", "Why " + f.flow + " is black-holed:")); var ol = el("ol", undefined, "chain"); f.cause.forEach(function(c){ ol.appendChild(el("li", c)); }); panel.appendChild(ol); }
      });
      if (s.events) {
        panel.appendChild(el("p", "Timeline (docs/timeline.md): when each change happens after the failure"));
        var t = el("table"); s.events.forEach(function(e){ var tr = el("tr"); tr.appendChild(el("td", e.at)); tr.appendChild(el("td", (e.router ? e.router + ": " : "") + e.what)); tr.appendChild(el("td", e.why)); t.appendChild(tr); });
        panel.appendChild(t);
        s.flows.forEach(function(f){
          if (!f.intervals) return;
          panel.appendChild(el("p", f.flow + ": " + f.drop));
          var ul = el("ul"); f.intervals.forEach(function(i){ ul.appendChild(el("li", "from " + i.from + ": " + i.outcome + (i.after ? " (after " + i.after + ")" : ""), i.delivered ? "" : "bad")); });
          panel.appendChild(ul);
        });
      } else if (s.flows.length) {
        panel.appendChild(el("p", "No timeline computed for this scenario (routesim report --timelines all).", "note"));
      }
    }
    document.addEventListener("click", function(e){
      var g = e.target.closest && e.target.closest("g.node, g.edge"); if (!g || !g.id) return;
      var m = /-(as(\d+)|[lr]\d+)$/.exec(g.id); if (!m) return;
      if (m[2]) { var id = data.drillDowns[m[2]]; var d = id && document.getElementById(id); if (d) { d.open = true; d.scrollIntoView(); } return; }
      show(m[1]); if (panel) panel.scrollIntoView({block: "start"});
    });
    if (select) select.addEventListener("change", function(){ if (select.value) show(select.value); });
    // #selftest (the browser test): drive each control as a user would and record what it did.
    if (location.hash === "#selftest") {
      var result = {};
      if (search) { search.value = data.routers[0] || ""; search.dispatchEvent(new Event("input")); result.search = status.textContent; result.hits = hits.length; }
      var fig = zooms[0];
      if (fig) {
        var before = fig.svg.getAttribute("viewBox"); fig.fig.querySelector(".zoombar button").click();
        result.zoomed = fig.svg.getAttribute("viewBox") !== before;
      }
      var target = document.querySelector("g.edge[id$='-l0'], g.node[id$='-r0'], g.node[id*='-as']");
      if (target) { target.dispatchEvent(new MouseEvent("click", {bubbles: true})); result.clicked = target.id; }
      result.panel = panel ? panel.textContent.slice(0, 2000) : "";
      document.body.setAttribute("data-selftest", JSON.stringify(result));
    }
    document.body.setAttribute("data-routesim-ready", String(Math.round(performance.now())));
    })();
    """#
}
