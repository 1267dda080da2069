// Neighbourhood graph of an entity page, drawn with cytoscape (web/static/vendor/, from npm).
// The data comes from a JSON script element written by the server; a node opens its page. The same
// links are in the page's tables, so nothing depends on this script (keyboard and no-JS readers too).
(function () {
  "use strict";
  var box = document.getElementById("cy");
  var source = document.getElementById("graph-data");
  if (!box || !source || typeof window.cytoscape !== "function") {
    return;
  }
  var graph = JSON.parse(source.textContent);
  var colours = {
    Program: "#1565a6", Agency: "#16855a", Organization: "#16855a", University: "#16855a",
    ResearchInstitute: "#16855a", Council: "#16855a", Country: "#c2610c", Region: "#c2610c",
    Law: "#7c3aed", Ordinance: "#7c3aed", Provision: "#9d6cf0", Event: "#db2777"
  };
  var elements = graph.nodes.map(function (n) {
    return { data: { id: n.id, label: n.label, href: n.href, colour: colours[n.type] || "#667085", center: n.center ? 1 : 0 } };
  }).concat(graph.edges.map(function (e) {
    return { data: { id: e.id, source: e.source, target: e.target, label: e.label } };
  }));
  var cy = window.cytoscape({
    container: box,
    elements: elements,
    layout: {
      name: "concentric",
      concentric: function (node) { return node.data("center") ? 2 : 1; },
      levelWidth: function () { return 1; },
      minNodeSpacing: 90,
      padding: 24,
      animate: false
    },
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", label: "data(label)", color: "#1b1f24", "font-size": 11,
        "text-wrap": "ellipsis", "text-max-width": 130, "text-valign": "bottom", "text-margin-y": 4,
        width: 16, height: 16
      } },
      { selector: "node[center = 1]", style: { width: 28, height: 28, "font-size": 13, "font-weight": "bold" } },
      { selector: "edge", style: {
        width: 1.5, "line-color": "#b8c2cc", "target-arrow-color": "#b8c2cc", "target-arrow-shape": "triangle",
        "curve-style": "bezier", label: "data(label)", "font-size": 9, color: "#5b6470",
        "text-background-color": "#fcfdff", "text-background-opacity": 0.85, "text-background-padding": 1
      } },
      { selector: "node:active, node:selected", style: { "overlay-opacity": 0.15 } }
    ],
    minZoom: 0.3,
    maxZoom: 1.25  // a small neighbourhood is not blown up to fill the box
  });
  cy.on("tap", "node", function (event) {
    var href = event.target.data("href");
    if (href && !event.target.data("center")) {
      window.location.assign(href);
    }
  });
  box.setAttribute("data-ready", "true");
}());
