// Sorting and filtering for summary tables (table[data-sortable]); inline in the saved summary page,
// served as /static/summary.js by the web page. Works on the table's text only; nothing is run as code.
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  function key(cell) {
    var text = cell ? (cell.getAttribute("data-sort") || cell.textContent).trim() : "";
    var number = parseFloat(text);
    return { number: isNaN(number) || !/^-?\d/.test(text) ? null : number, text: text };
  }
  function compare(a, b) {
    if (a.number !== null && b.number !== null) { return a.number - b.number; }
    if (a.number !== null) { return -1; }
    if (b.number !== null) { return 1; }
    return a.text.localeCompare(b.text, "zh-CN");
  }
  function sortable(table) {
    var body = table.tBodies[0];
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      th.setAttribute("role", "button");
      th.setAttribute("tabindex", "0");
      th.title = "点击排序";
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(key(a.cells[column]), key(b.cells[column]));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); } });
    });
  }
  function filterable(table) {
    var text = document.querySelector("[data-filter-text='" + table.id + "']");
    var gate = document.querySelector("[data-filter-gate='" + table.id + "']");
    var count = document.querySelector("[data-filter-count='" + table.id + "']");
    function apply() {
      var words = text ? text.value.trim().toLowerCase().split(/\s+/).filter(Boolean) : [];
      var wanted = gate ? gate.value : "";
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var content = row.textContent.toLowerCase();
        var visible = (!wanted || row.getAttribute("data-gate") === wanted) &&
          words.every(function (word) { return content.indexOf(word) >= 0; });
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      if (count) { count.textContent = String(shown); }
    }
    if (text) { text.addEventListener("input", apply); }
    if (gate) { gate.addEventListener("change", apply); }
  }
  ready(function () {
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
      if (table.tHead && table.tBodies.length) { sortable(table); filterable(table); }
    });
  });
}());
