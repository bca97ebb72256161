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
  // Entities in no claim (publishers, authors, names only mentioned) start hidden, unless
  // nothing else would be drawn; the "entities in no claim" box shows them.
  var anyClaim = data.nodes.some(function (n) { return n.claims > 0; });
  var lonersOn = !anyClaim;
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var item = { id: n.id, label: n.label, group: groups[n.type] ? n.type : "Unknown", size: n.size };
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    if (n.claims === 0) { item.physics = false; item.x = 0; item.y = 0; item.hidden = !lonersOn; }
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

  var NODE_FONT = 16, FONT_FACE = "system-ui, DejaVu Sans, Arial, sans-serif";
  var measure = document.createElement("canvas").getContext("2d");
  function textWidth(text, px) { measure.font = px + "px " + FONT_FACE; return measure.measureText(text).width; }

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

  // Edge labels: drawn for every claim only when zoomed in past style.edge_labels.zoom (vis
  // skips a label whose size on screen is under its drawThreshold); at any zoom for the claims
  // under the pointer and those of the selected node or claim (see labelled() below).
  var EDGE_FONT = style.edge_labels.font_size;
  var LABEL_THRESHOLD = EDGE_FONT * style.edge_labels.zoom + 1;

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
      // an ego view is drawn with its labels: longer claims give them room
      barnesHut: { gravitationalConstant: -3000, centralGravity: 0.4, avoidOverlap: 0.4,
                   springLength: style.edge_length * (data.focus ? style.edge_labels.ego_length : 1) },
      stabilization: { enabled: true, iterations: 300, updateInterval: 50, fit: true }
    },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: !data.physics, hideEdgesOnZoom: !data.physics },
    groups: groups,
    nodes: { font: { size: NODE_FONT, face: FONT_FACE, strokeWidth: 4, strokeColor: "#ffffff" }, borderWidth: 1 },
    edges: {
      width: 1.4, selectionWidth: 2, smooth: false, dashes: false, chosen: { edge: true, label: false },
      arrows: { to: { enabled: true, scaleFactor: 0.6 } },
      color: { color: style.modalities.asserted.color, highlight: "#000000", hover: style.modalities.asserted.color },
      font: { size: EDGE_FONT, align: "middle", color: "#333333", strokeWidth: 3, strokeColor: "#ffffff",
              background: "rgba(255, 255, 255, 0.8)" },
      scaling: { label: { drawThreshold: LABEL_THRESHOLD } }
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

  // The box a node and its label (drawn below it) take on the canvas, in canvas units, measured
  // with the page's font: what separateLabels keeps apart.
  var extent = {};
  data.nodes.forEach(function (n) {
    var half = Math.max(textWidth(n.label, NODE_FONT) / 2 + 3, n.size);
    extent[n.id] = { left: half, right: half, top: n.size + 2, bottom: n.size + 8 + NODE_FONT * 1.35 };
  });

  // Nudge apart the nodes whose boxes overlap (the smaller overlap axis first), until none do:
  // physics keeps node centres apart, not their names. Small graphs only (the browser laid
  // them out); a large graph's names are too small to draw until zoomed in.
  function separateLabels() {
    var ids = data.nodes.filter(function (n) { return n.claims > 0; }).map(function (n) { return n.id; });
    if (ids.length > style.precomputed_layout_above) { return 0; }
    var pos = network.getPositions(ids), gap = 4, moved = 0;
    for (var round = 0; round < 200; round++) {
      var clash = false;
      for (var i = 0; i < ids.length; i++) {
        for (var j = i + 1; j < ids.length; j++) {
          var a = pos[ids[i]], b = pos[ids[j]], ea = extent[ids[i]], eb = extent[ids[j]];
          var dx = Math.min(a.x + ea.right, b.x + eb.right) - Math.max(a.x - ea.left, b.x - eb.left) + gap;
          var dy = Math.min(a.y + ea.bottom, b.y + eb.bottom) - Math.max(a.y - ea.top, b.y - eb.top) + gap;
          if (dx <= 0.5 || dy <= 0.5) { continue; }  // apart, to half a unit
          clash = true;
          if (dy <= dx) {
            var sy = a.y <= b.y ? -1 : 1;
            a.y += sy * (dy / 2 + 0.5); b.y -= sy * (dy / 2 + 0.5);
          } else {
            var sx = a.x <= b.x ? -1 : 1;
            a.x += sx * (dx / 2 + 0.5); b.x -= sx * (dx / 2 + 0.5);
          }
        }
      }
      if (!clash) { break; }
      moved = round + 1;
    }
    nodes.update(ids.map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
    return moved;
  }

  function shownIds() {
    return nodes.getIds({ filter: function (n) { return !n.hidden; } });
  }
  // Fit what is shown, zoomed in no further than style.fit_max_zoom (vis stops at 1, which left
  // an ego view small in the middle of the canvas).
  function fitView(animate) {
    network.fit({ nodes: shownIds(), maxZoomLevel: style.fit_max_zoom,
                  animation: animate ? { duration: 300, easingFunction: "easeInOutQuad" } : false });
  }

  if (usePhysics) {
    network.once("stabilizationIterationsDone", function () {
      timings.stabilized = performance.now();
      network.setOptions({ physics: { enabled: false } });
      physicsBox.checked = false;
      timings.separationRounds = separateLabels();
      trayLoners(linkedPositions());
      fitView(false);
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
  if (!usePhysics) { fitView(false); }

  physicsBox.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physicsBox.checked } });
  });

  var lonersBox = document.getElementById("kg-loners");
  var lonerCount = data.nodes.length - data.nodes.filter(function (n) { return n.claims > 0; }).length;
  lonersBox.checked = lonersOn;
  lonersBox.disabled = !anyClaim;
  if (lonerCount === 0) { lonersBox.parentNode.style.display = "none"; }
  document.getElementById("kg-loners-label").textContent =
    " " + lonerCount + (lonerCount === 1 ? " entity" : " entities") + " in no claim (publishers, authors, names only mentioned)";
  lonersBox.addEventListener("change", function () {
    lonersOn = lonersBox.checked;
    nodes.update(data.nodes.filter(function (n) { return n.claims === 0; })
      .map(function (n) { return { id: n.id, hidden: !lonersOn }; }));
    updateCounts();
    fitView(true);
  });

  var counts = document.getElementById("kg-counts");
  function updateCounts() {
    var shown = edges.get({ filter: function (e) { return !e.hidden; } }).length;
    counts.textContent = nodes.length + " entities, " + edges.length + " claims (" + shown + " shown)" +
      (lonerCount && !lonersOn ? "; " + lonerCount + " entities in no claim hidden" : "");
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
    if (!timings.details) { timings.details = performance.now(); }  // the first answer to a click
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
    selected = network.getConnectedEdges(id);
    relabel();
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

  // Which claims show their label whatever the zoom: those under the pointer (a hovered claim,
  // or a hovered entity's claims) and the selected entity's or claim's. Below the zoom where vis
  // draws every label, the page draws these itself after each frame, at a fixed size on screen:
  // no data update, so a hover on a big hub costs no more than the redraw vis makes anyway.
  var hovered = [], selected = [];
  function labelled() {
    var seen = {};
    return hovered.concat(selected).filter(function (id) {
      if (seen[id] || !edgeById[id] || edges.get(id).hidden) { return false; }
      seen[id] = true;
      return true;
    });
  }
  function relabel() { network.body.emitter.emit("_requestRedraw"); }  // one frame, coalesced
  // Where a label goes on its claim: the middle, or nearer the far end for a selected entity's
  // claims, which all meet at that entity.
  function labelPoint(edge, centre) {
    var t = centre === undefined ? 0.5 : edge.fromId === centre ? 0.62 : 0.38;
    try { return edge.edgeType.getPoint(t); } catch (error) {
      return { x: edge.from.x + (edge.to.x - edge.from.x) * t, y: edge.from.y + (edge.to.y - edge.from.y) * t };
    }
  }
  kg.labelled = labelled;
  kg.drawnLabels = [];
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale();
    kg.drawnLabels = [];
    if (EDGE_FONT * scale >= LABEL_THRESHOLD - 1) { return; }  // zoomed in: vis draws them all
    var px = style.edge_labels.emphasized_px / scale, pad = 2 / scale;
    ctx.save();
    ctx.font = px + "px " + FONT_FACE;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    var centre = network.getSelectedNodes()[0], placed = [];
    labelled().forEach(function (id) {
      var edge = network.body.edges[id];
      if (!edge || !edge.options.label) { return; }
      var at = labelPoint(edge, centre), text = edge.options.label;
      var box = { x: at.x - ctx.measureText(text).width / 2 - pad, y: at.y - px * 0.65,
                  w: ctx.measureText(text).width + 2 * pad, h: px * 1.3 };
      // step off the labels already drawn (a hub's claims leave it side by side)
      for (var tries = 0; tries < 6 && placed.some(function (p) {
        return box.x < p.x + p.w && p.x < box.x + box.w && box.y < p.y + p.h && p.y < box.y + box.h;
      }); tries++) { box.y += box.h * (tries % 2 ? -(tries + 1) : tries + 1); }
      placed.push(box);
      ctx.fillStyle = "rgba(255, 255, 255, 0.85)";
      ctx.fillRect(box.x, box.y, box.w, box.h);
      ctx.fillStyle = "#333333";
      ctx.fillText(text, box.x + box.w / 2, box.y + box.h / 2);
      kg.drawnLabels.push(id);
    });
    ctx.restore();
  });
  network.on("hoverEdge", function (params) { hovered = [params.edge]; relabel(); });
  network.on("hoverNode", function (params) { hovered = network.getConnectedEdges(params.node); relabel(); });
  network.on("blurEdge", function () { hovered = []; relabel(); });
  network.on("blurNode", function () { hovered = []; relabel(); });
  network.on("select", function (params) { selected = params.edges; relabel(); });  // a node's come with it

  network.on("click", function (params) {
    if (params.nodes.length) { showDetails(nodeTip(byId[params.nodes[0]])); }
    else if (params.edges.length) { showDetails(edgeTip(edgeById[params.edges[0]])); }
  });

  updateCounts();
  if (data.focus) { focusName(data.focus, false); }  // an ego view: mark its centre, keep the whole view
}());
