/* kgraph network view: builds the vis-network from the JSON data island #kg-data.
   All article text reaches the page through textContent or canvas labels, never innerHTML. */
(function () {
  "use strict";
  var timings = { script: performance.now() };
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var style = data.style;
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function field(dl, name, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", null, name));
    dl.appendChild(el("dd", null, value));
  }

  function link(url) {
    if (!url || !/^https?:\/\//i.test(url)) { return null; }
    var a = el("a", null, url);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function nodeTip(n) {
    var box = el("div", "kg-tip");
    box.appendChild(el("b", null, n.label));
    var dl = el("dl");
    field(dl, "type", n.type);
    field(dl, "also known as", n.aliases.length ? n.aliases.join(", ") : "\u2014");
    field(dl, "sources", n.sources + (n.sources === 1 ? " article" : " articles"));
    field(dl, "centrality", n.centrality.toFixed(3));
    box.appendChild(dl);
    return box;
  }

  function edgeTip(e) {
    var box = el("div", "kg-tip");
    var from = byId[e.from], to = byId[e.to];
    box.appendChild(el("b", null, from.label + " \u2192 " + e.relation + " \u2192 " + to.label));
    var dl = el("dl");
    field(dl, "relation", e.relation);
    field(dl, "role", e.role);
    field(dl, "status", e.status);
    field(dl, "date", e.date);
    field(dl, "modality", e.modality);
    field(dl, "confidence", e.confidence === null ? null : e.confidence.toFixed(2));
    field(dl, "source", e.source_title || (e.publisher ? "an article by " + e.publisher : e.source));
    if (e.source_title) { field(dl, "publisher", e.publisher); }
    field(dl, "published", e.published);
    box.appendChild(dl);
    var url = link(e.source_url);
    if (url) { box.appendChild(url); }
    if (e.evidence) { box.appendChild(el("p", "kg-evidence", "\u201c" + e.evidence + "\u201d")); }
    return box;
  }

  var modOn = {}, relOn = {};
  Object.keys(style.modalities).forEach(function (m) { modOn[m] = !style.modalities[m].hidden; });
  data.relations.forEach(function (r) { relOn[r] = true; });

  function isHidden(e) { return !(relOn[e.relation] && modOn[e.modality]); }

  // Per-item options are kept to what differs from the defaults (types are vis groups), because
  // vis-network merges every item's options one by one: fewer options, faster large pages.
  var groups = {};
  Object.keys(style.types).forEach(function (t) {
    var look = style.types[t];
    groups[t] = { shape: look.shape, color: { background: look.color, border: look.color,
                  highlight: { background: look.color, border: "#000000" }, hover: { background: look.color, border: "#000000" } } };
  });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = { id: n.id, label: n.label, group: groups[n.type] ? n.type : "Unknown", size: n.size };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    if (n.claims === 0) { item.physics = false; item.x = 0; item.y = 0; }
    return item;
  }));

  // Entities in no claim (a publisher, a name only mentioned) are lined up under the network
  // instead of floating around it, so that fitting the view keeps labels readable.
  var loners = data.nodes.filter(function (n) { return n.claims === 0; }).sort(function (a, b) {
    return a.type === b.type ? (a.label < b.label ? -1 : 1) : (a.type < b.type ? -1 : 1);
  });
  function trayLoners(positions) {
    var ids = Object.keys(positions);
    var xs = ids.map(function (id) { return positions[id].x; });
    var ys = ids.map(function (id) { return positions[id].y; });
    var left = xs.length ? Math.min.apply(null, xs) : 0, right = xs.length ? Math.max.apply(null, xs) : 0;
    var top = ys.length ? Math.min.apply(null, ys) : 0, bottom = ys.length ? Math.max.apply(null, ys) : 0;
    var stepX = style.edge_length * 1.7, stepY = style.edge_length * 0.75;
    var box = document.getElementById("kg-network");
    var aspect = box.clientWidth / Math.max(box.clientHeight, 1);
    var beside = xs.length && (right - left) / Math.max(bottom - top, 1) < aspect;
    var place;
    if (beside) {  // a tall network: loners in columns on its right
      var rows = Math.max(4, Math.floor((bottom - top) / stepY) + 1);
      place = function (i) { return { x: right + stepX * (1 + Math.floor(i / rows)), y: top + (i % rows) * stepY }; };
    } else {  // a wide network: loners in rows below it
      var cols = Math.max(4, Math.floor((right - left) / stepX) + 1);
      place = function (i) { return { x: left + (i % cols) * stepX, y: bottom + stepY * (1.5 + Math.floor(i / cols)) }; };
    }
    nodes.update(loners.map(function (n, i) { var p = place(i); return { id: n.id, x: p.x, y: p.y }; }));
  }
  function linkedPositions() {
    return network.getPositions(data.nodes.filter(function (n) { return n.claims > 0; }).map(function (n) { return n.id; }));
  }

  var edges = new vis.DataSet(data.edges.map(function (e) {
    var item = { id: e.id, from: e.from, to: e.to, label: e.role ? e.relation + " (" + e.role + ")" : e.relation };
    if (isHidden(e)) { item.hidden = true; }
    if (e.modality !== "asserted" && style.modalities[e.modality]) {
      var look = style.modalities[e.modality];
      item.dashes = look.dashes;
      item.color = { color: look.color, highlight: "#000000", hover: look.color };
    }
    if (e.symmetric) { item.arrows = { to: { enabled: false } }; }
    if (e.roundness) {
      item.smooth = { enabled: true, type: e.roundness > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(e.roundness) };
    }
    return item;
  }));

  timings.datasets = performance.now();
  // Physics lays out a small graph, then stops; with no claim at all there is nothing to settle.
  var usePhysics = data.physics && data.nodes.some(function (n) { return n.claims > 0; });
  var physicsBox = document.getElementById("kg-physics");
  physicsBox.checked = usePhysics;
  var network = new vis.Network(document.getElementById("kg-network"), { nodes: [], edges: [] }, {
    autoResize: true,
    layout: { improvedLayout: usePhysics && data.nodes.length <= 60, randomSeed: 7 },
    physics: {
      enabled: usePhysics, solver: "barnesHut",
      barnesHut: { gravitationalConstant: -3000, centralGravity: 0.4, springLength: style.edge_length, avoidOverlap: 0.4 },
      stabilization: { enabled: true, iterations: 300, updateInterval: 50, fit: true }
    },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: !data.physics, hideEdgesOnZoom: !data.physics },
    groups: groups,
    nodes: { font: { size: 16, face: "system-ui, DejaVu Sans, Arial, sans-serif", strokeWidth: 4, strokeColor: "#ffffff" }, borderWidth: 1 },
    edges: {
      width: 1.4, selectionWidth: 2, smooth: false, dashes: false,
      arrows: { to: { enabled: true, scaleFactor: 0.6 } },
      color: { color: style.modalities.asserted.color, highlight: "#000000", hover: style.modalities.asserted.color },
      font: { size: 12, align: "middle", color: "#333333", strokeWidth: 3, strokeColor: "#ffffff" }
    }
  });

  var kg = { network: network, nodes: nodes, edges: edges, ready: false, readyAt: null, timings: timings };
  window.kgraph = kg;

  function markReady() {
    if (kg.ready) { return; }
    kg.ready = true;
    kg.readyAt = performance.now();
    document.body.setAttribute("data-kg-ready", "1");
  }

  if (usePhysics) {
    network.once("stabilizationIterationsDone", function () {
      timings.stabilized = performance.now();
      network.setOptions({ physics: { enabled: false } });
      physicsBox.checked = false;
      trayLoners(linkedPositions());
      network.fit();
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    var given = {};
    data.nodes.forEach(function (n) { if (n.claims > 0) { given[n.id] = { x: n.x, y: n.y }; } });
    trayLoners(given);
    network.once("afterDrawing", markReady);
  }
  network.setData({ nodes: nodes, edges: edges });
  timings.setData = performance.now();

  physicsBox.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physicsBox.checked } });
  });

  var counts = document.getElementById("kg-counts");
  function updateCounts() {
    var shown = edges.get({ filter: function (e) { return !e.hidden; } }).length;
    counts.textContent = nodes.length + " entities, " + edges.length + " claims (" + shown + " shown)";
  }

  function applyFilters() {
    var updates = [];
    data.edges.forEach(function (e) {
      var hide = isHidden(e);
      if (edges.get(e.id).hidden !== hide) { updates.push({ id: e.id, hidden: hide }); }
    });
    edges.update(updates);
    updateCounts();
  }

  function checkbox(container, name, checked, onChange, swatch) {
    var label = el("label", "kg-check");
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.value = name;
    box.addEventListener("change", function () { onChange(box.checked); applyFilters(); });
    label.appendChild(box);
    if (swatch) { label.appendChild(swatch); }
    label.appendChild(document.createTextNode(" " + name));
    container.appendChild(label);
  }

  var modBox = document.getElementById("kg-modalities");
  Object.keys(style.modalities).forEach(function (m) {
    checkbox(modBox, m, modOn[m], function (on) { modOn[m] = on; });
  });
  var relBox = document.getElementById("kg-relations");
  data.relations.forEach(function (r) {
    checkbox(relBox, r, true, function (on) { relOn[r] = on; });
  });

  var legendTypes = document.getElementById("kg-legend-types");
  Object.keys(style.types).forEach(function (t) {
    if (t === "Unknown" && !data.nodes.some(function (n) { return n.type === "Unknown"; })) { return; }
    var li = el("li");
    var sw = el("span", "kg-swatch kg-shape-" + style.types[t].shape);
    sw.style.background = style.types[t].color;
    sw.style.color = style.types[t].color;
    li.appendChild(sw);
    li.appendChild(document.createTextNode(style.types[t].legend));
    legendTypes.appendChild(li);
  });
  var legendEdges = document.getElementById("kg-legend-edges");
  Object.keys(style.modalities).forEach(function (m) {
    var look = style.modalities[m];
    var li = el("li");
    var line = el("span", "kg-line" + (look.dashes ? (look.dashes[0] > 4 ? " kg-line-dashed" : " kg-line-dotted") : ""));
    line.style.borderTopColor = look.color;
    li.appendChild(line);
    li.appendChild(document.createTextNode(look.legend));
    legendEdges.appendChild(li);
  });

  var names = {};
  var datalist = document.getElementById("kg-names");
  data.nodes.forEach(function (n) {
    [n.label].concat(n.aliases).forEach(function (name) {
      var key = name.toLowerCase();
      if (!(key in names)) { names[key] = n.id; }
    });
    var option = el("option");
    option.value = n.label;
    datalist.appendChild(option);
  });

  var details = document.getElementById("kg-details");
  function showDetails(tip) {
    details.textContent = "";
    details.className = "";
    details.appendChild(tip);
  }

  function focusName(query, zoom) {
    var q = String(query).trim().toLowerCase();
    var id = names[q];
    if (id === undefined && q) {
      var hit = data.nodes.filter(function (n) { return n.label.toLowerCase().indexOf(q) >= 0; })[0];
      id = hit ? hit.id : undefined;
    }
    var status = document.getElementById("kg-search-status");
    if (id === undefined) { status.textContent = "No entity matches \u201c" + query + "\u201d."; return null; }
    status.textContent = "";
    network.selectNodes([id]);
    if (zoom !== false) {
      network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    }
    showDetails(nodeTip(byId[id]));
    return id;
  }
  kg.focus = focusName;
  document.getElementById("kg-search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    focusName(document.getElementById("kg-search").value);
  });

  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  // Tooltips are built on first hover (before the popup delay ends), not for every item at load.
  network.on("hoverNode", function (params) {
    if (!nodes.get(params.node).title) { nodes.update({ id: params.node, title: nodeTip(byId[params.node]) }); }
  });
  network.on("hoverEdge", function (params) {
    if (!edges.get(params.edge).title) { edges.update({ id: params.edge, title: edgeTip(edgeById[params.edge]) }); }
  });

  network.on("click", function (params) {
    if (params.nodes.length) { showDetails(nodeTip(byId[params.nodes[0]])); }
    else if (params.edges.length) { showDetails(edgeTip(edgeById[params.edges[0]])); }
  });

  updateCounts();
  if (data.focus) { focusName(data.focus, false); }  // an ego view: mark its centre, keep the whole view
}());
