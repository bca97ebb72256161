/* kgraph tenure timeline: shows the details written into the page for the mark clicked, hides
   denied claims on request, and switches the network page's tabs. It never writes HTML. */
(function () {
  "use strict";
  function select(root, mark) {
    root.querySelectorAll(".tl-selected").forEach(function (m) { m.classList.remove("tl-selected"); });
    root.querySelectorAll(".tl-detail").forEach(function (d) { d.hidden = true; });
    var detail = document.getElementById(mark.getAttribute("data-detail"));
    if (detail) { detail.hidden = false; }
    mark.classList.add("tl-selected");
  }
  document.querySelectorAll(".tl-timeline").forEach(function (root) {
    function pick(event) {
      var mark = event.target.closest ? event.target.closest(".tl-mark") : null;
      if (mark && root.contains(mark)) { select(root, mark); }
    }
    root.addEventListener("click", pick);
    root.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { pick(event); }
    });
    var toggle = root.querySelector(".tl-toggle-negated");
    if (toggle) {
      toggle.addEventListener("change", function () { root.classList.toggle("tl-hide-negated", !toggle.checked); });
    }
  });
  var section = document.getElementById("kg-timeline");
  document.querySelectorAll("[data-kg-tab]").forEach(function (button) {
    button.addEventListener("click", function () {
      var timeline = button.getAttribute("data-kg-tab") === "timeline";
      if (section) { section.hidden = !timeline; }
      document.querySelectorAll("[data-kg-tab]").forEach(function (b) {
        b.setAttribute("aria-selected", String(b === button));
      });
    });
  });
  var chooser = document.querySelector(".tl-pick");
  if (chooser) {
    chooser.addEventListener("change", function () {
      document.querySelectorAll("#kg-timeline .tl-timeline").forEach(function (t) { t.hidden = t.id !== chooser.value; });
    });
  }
  window.kgraphTimeline = { ready: true, select: function (id) {
    var mark = document.querySelector('.tl-mark[data-detail="' + id + '"]');
    if (mark) { select(mark.closest(".tl-timeline"), mark); }
  } };
})();
