/*
 * Tables in the web edition: readable column widths, and long tables become
 * sortable and searchable.
 *
 * Every table: cells holding a date or a number do not wrap (an ISO date
 * broken at its hyphens reads badly), and columns of long text (quotes,
 * summaries) get a minimum width instead of being squeezed to a word. A
 * table still too wide for the text column gets the theme's "full-width"
 * treatment (on wide screens it extends into the right margin).
 *
 * show_table() gives tables with more than 25 rows the class "interactive"
 * (it lands on the <table> element). On pages that hold one, this script
 * loads the DataTables bundle vendored in _static/vendor/datatables/ (no CDN)
 * and enhances each such table: a search box, click-to-sort headers, no
 * paging. The page's order is kept until the reader sorts. Without
 * JavaScript, or if the bundle cannot load, the static table stays as it is.
 */
(function () {
  "use strict";

  var here = document.currentScript ? document.currentScript.src : document.baseURI;
  var vendor = new URL("vendor/datatables/", here);

  function addStylesheet() {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("dt_bundle.css", vendor).href;
    document.head.appendChild(link);
  }

  // DataTables styles its dark mode from a "dark" class on <html>; the theme uses data-theme.
  function followTheme() {
    var root = document.documentElement;
    var sync = function () {
      root.classList.toggle("dark", root.dataset.theme === "dark");
    };
    sync();
    new MutationObserver(sync).observe(root, { attributes: true, attributeFilter: ["data-theme"] });
  }

  var SHORT_VALUE = /^(?:\d{4}(?:-\d{2}){0,2}|[-\u2212+]?[\d,]*\.?\d+%?)$/;
  var LONG_TEXT = 60; // mean characters per cell above which a column counts as long text

  function shapeColumns(table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    if (!rows.length) return;
    var lengths = [];
    rows.forEach(function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, i) {
        var text = cell.textContent.trim();
        if (SHORT_VALUE.test(text)) cell.classList.add("nowrap");
        lengths[i] = (lengths[i] || 0) + text.length;
      });
    });
    lengths.forEach(function (total, i) {
      if (total / rows.length <= LONG_TEXT) return;
      table.querySelectorAll("tr").forEach(function (row) {
        if (row.cells[i]) row.cells[i].classList.add("long-text");
      });
    });
    widenIfNeeded(table);
  }

  // sphinx-book-theme widens cells tagged "full-width" to 136% on screens of 992px and up.
  function widenIfNeeded(table) {
    var cell = table.closest("div.cell");
    var box = table.closest(".pst-scrollable-table-container") || table.parentElement;
    if (cell && box && table.scrollWidth > box.clientWidth + 1) {
      cell.classList.add("tag_full-width");
    }
  }

  function options() {
    return {
      paging: false,
      searching: true,
      ordering: true,
      order: [],            // keep the book's order until the reader sorts
      info: true,
      autoWidth: false,     // let CSS size the columns, so phones can scroll sideways
      layout: { topStart: null, topEnd: "search", bottomStart: "info", bottomEnd: null },
      language: {
        search: "Search this table:",
        searchPlaceholder: "filter rows",
        info: "_TOTAL_ rows",
        infoFiltered: "(of _MAX_)",
        infoEmpty: "No rows match",
        zeroRecords: "No rows match the search",
      },
    };
  }

  function enhance() {
    document.querySelectorAll(".bd-article table.table").forEach(shapeColumns);
    var tables = Array.prototype.slice.call(document.querySelectorAll("table.interactive"));
    if (!tables.length) return;
    // Browsers refuse module scripts from file:// pages; the static table is complete, so keep it.
    if (window.location.protocol === "file:") return;
    addStylesheet();
    followTheme();
    import(new URL("dt_bundle.js", vendor).href)
      .then(function (bundle) {
        var DataTable = bundle.default;
        tables.forEach(function (table) {
          new DataTable(table, options());
        });
        document.documentElement.dataset.interactiveTables = "ready";
      })
      .catch(function (error) {
        console.warn("Interactive tables unavailable; showing the static tables.", error);
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
