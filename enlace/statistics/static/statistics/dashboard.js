/* Charts of the statistics dashboard (Apache ECharts, served locally).
 *
 * The page embeds its figures with Django's json_script (id "statistics-data"); this file
 * draws one chart per element [data-chart="CODE"]. No inline script is needed, so the page
 * works under a Content-Security-Policy without 'unsafe-inline'. A suppressed cell arrives
 * as null: it is drawn as a gap and its tooltip says "x". Every figure is also in the table
 * under its chart. */
(function () {
  "use strict";

  var source = document.getElementById("statistics-data");
  if (!source || typeof echarts === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var text = data.text || {};
  var palette = ["#0b3d5c", "#f2a900", "#3a8dde", "#8c564b", "#2ca02c", "#d62728", "#9467bd",
                 "#17becf", "#7f7f7f", "#bcbd22", "#e377c2", "#1f77b4"];
  var byCode = {};
  data.tables.forEach(function (table) { byCode[table.code] = table; });
  var charts = [];

  function shown(value) {
    return value === null || value === undefined ? "x (" + text.suppressed + ")" : value;
  }

  function nonEmptyRows(table) {
    return table.rows.map(function (row, index) { return index; }).filter(function (index) {
      return table.rows[index].total !== 0;
    });
  }

  function lineOption(table) {
    var series = table.rows.map(function (row, index) {
      return { name: row.label, type: "line", connectNulls: false, showSymbol: true,
               data: table.values[index].map(function (v) { return v === null ? "-" : v; }) };
    }).filter(function (serie, index) { return table.rows[index].total !== 0; });
    return {
      color: palette, tooltip: { trigger: "axis", valueFormatter: shown },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 50, right: 20, top: 20, bottom: 60 },
      xAxis: { type: "category", data: table.cols.map(function (c) { return c.label; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: series
    };
  }

  function barOption(table) {
    var rows = nonEmptyRows(table);
    return {
      color: palette,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: shown },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 10, right: 20, top: 10, bottom: 50, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true,
               data: rows.map(function (i) { return table.rows[i].label; }),
               axisLabel: { width: 160, overflow: "truncate" } },
      series: table.cols.map(function (col, j) {
        return { name: col.label, type: "bar", stack: "total",
                 data: rows.map(function (i) {
                   var v = table.values[i][j];
                   return v === null ? "-" : v;
                 }) };
      })
    };
  }

  /* Sankey needs a graph without cycles: links are added from the largest down and a link
     that would close a cycle (or loops on its node) is left out of the drawing; the table
     keeps every leg. */
  function sankeyOption(table) {
    var links = [];
    table.rows.forEach(function (row, i) {
      table.cols.forEach(function (col, j) {
        var v = table.values[i][j];
        if (v !== null && v > 0 && row.code !== col.code) {
          links.push({ source: row.code, target: col.code, value: v });
        }
      });
    });
    links.sort(function (a, b) { return b.value - a.value; });
    var next = {};
    function reaches(from, to) {
      var seen = {}, stack = [from];
      while (stack.length) {
        var node = stack.pop();
        if (node === to) { return true; }
        if (seen[node]) { continue; }
        seen[node] = true;
        (next[node] || []).forEach(function (n) { stack.push(n); });
      }
      return false;
    }
    var kept = links.filter(function (link) {
      if (reaches(link.target, link.source)) { return false; }
      (next[link.source] = next[link.source] || []).push(link.target);
      return true;
    });
    var labels = {};
    table.rows.forEach(function (r) { labels[r.code] = r.label; });
    table.cols.forEach(function (c) { labels[c.code] = c.label; });
    var nodes = {};
    kept.forEach(function (l) { nodes[l.source] = true; nodes[l.target] = true; });
    return {
      color: palette,
      tooltip: { trigger: "item" },
      series: [{
        type: "sankey", left: 10, right: 160, top: 10, bottom: 10, emphasis: { focus: "adjacency" },
        data: Object.keys(nodes).map(function (code) {
          return { name: code, label: { formatter: labels[code] } };
        }),
        links: kept, lineStyle: { color: "gradient", curveness: 0.5 },
        label: { formatter: function (p) { return labels[p.name] || p.name; } },
        tooltip: { formatter: function (p) {
          if (p.dataType === "edge") {
            return labels[p.data.source] + " → " + labels[p.data.target] + ": " + p.data.value;
          }
          return (labels[p.name] || p.name) + ": " + p.value;
        } }
      }]
    };
  }

  var mapReady = null;
  function loadMap() {
    if (!mapReady) {
      mapReady = fetch(data.map, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (geo) { echarts.registerMap("enlace-americas", geo); return geo; });
    }
    return mapReady;
  }

  function mapOption(table) {
    var values = table.rows.filter(function (row) { return row.total !== null && row.total > 0; })
      .map(function (row) { return { name: row.code, value: row.total, label: row.label }; });
    var max = values.reduce(function (m, v) { return Math.max(m, v.value); }, 1);
    var suppressed = table.rows.filter(function (row) { return row.total === null; })
      .map(function (row) { return { name: row.code, value: "-", label: row.label }; });
    return {
      tooltip: { trigger: "item", formatter: function (p) {
        var name = p.data && p.data.label ? p.data.label : p.name;
        if (!p.data) { return name + ": 0"; }
        return name + ": " + shown(p.data.value === "-" ? null : p.data.value);
      } },
      visualMap: { min: 0, max: max, left: 10, bottom: 10, calculable: true,
                   inRange: { color: ["#e8f1f7", "#3a8dde", "#0b3d5c"] } },
      series: [{ type: "map", map: "enlace-americas", nameProperty: "iso2", roam: true,
                 center: [-85, 17], zoom: 2.2, data: values.concat(suppressed),
                 emphasis: { label: { show: false } } }]
    };
  }

  function draw(element) {
    var table = byCode[element.getAttribute("data-chart")];
    if (!table) { return; }
    var kind = table.chart;
    element.style.height = kind === "sankey" || kind === "map" ? "460px"
      : kind === "bar" ? Math.max(220, 40 + 26 * nonEmptyRows(table).length) + "px" : "320px";
    if (table.total === 0 || !table.rows.length) {
      element.style.height = "auto";
      element.textContent = text.noData || "";
      return;
    }
    var chart = echarts.init(element, null, { renderer: "svg" });
    charts.push(chart);
    if (kind === "line") { chart.setOption(lineOption(table)); }
    else if (kind === "sankey") { chart.setOption(sankeyOption(table)); }
    else if (kind === "map") {
      chart.showLoading();
      loadMap().then(function () { chart.hideLoading(); chart.setOption(mapOption(table)); })
        .catch(function () { chart.hideLoading(); chart.setOption(barOption(table)); });
    } else { chart.setOption(barOption(table)); }
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), draw);
  window.addEventListener("resize", function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
})();
