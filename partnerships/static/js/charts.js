// Charts: every element with data-chart="ID" is drawn by ECharts from the JSON in the
// <script type="application/json" id="ID"> the server rendered beside it (no inline script).
// ECharts (about 1 MB) is loaded only on a page that has a chart, from this app's own static files.
(function () {
  "use strict";
  var script = document.currentScript;
  var echartsUrl = script && script.dataset.echarts;
  var loading = null;

  function loadEcharts() {
    if (window.echarts) return Promise.resolve(window.echarts);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = echartsUrl;
        tag.onload = function () { resolve(window.echarts); };
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function draw(root) {
    var charts = (root || document).querySelectorAll("[data-chart]:not([data-drawn])");
    if (!charts.length) return;
    loadEcharts().then(function (echarts) {
      charts.forEach(function (element) {
        var source = document.getElementById(element.dataset.chart);
        if (!source) return;
        element.setAttribute("data-drawn", "");
        var chart = echarts.init(element, null, { renderer: "svg" });
        chart.setOption(JSON.parse(source.textContent));
        window.addEventListener("resize", function () { chart.resize(); });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:load", function (event) { draw(event.target); });
})();
