// Dashboard charts. Each chart container names its data in data-source (the page's JSON twin);
// this script fetches it from the same server and draws it with the vendored echarts (SVG).
// When drawing is done the container gets data-rendered="true" (or data-error with the reason).
"use strict";
(function () {
  var COOP = "#2e7d32", CONFLICT = "#c62828", NEUTRAL = "#5f6b76";

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  function timeline(el, data) {
    var labels = data.periods.map(function (p) { return p.label; });
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { data: ["cooperation", "conflict", "Goldstein sum"] },
      xAxis: { type: "category", data: labels },
      yAxis: [{ type: "value", name: "events" }, { type: "value", name: "Goldstein" }],
      series: [
        { name: "cooperation", type: "bar", stack: "n", color: COOP, data: data.periods.map(function (p) { return p.cooperation; }) },
        { name: "conflict", type: "bar", stack: "n", color: CONFLICT, data: data.periods.map(function (p) { return -p.conflict; }) },
        { name: "Goldstein sum", type: "line", yAxisIndex: 1, color: "#1f4e79", data: data.periods.map(function (p) { return p.goldstein_sum; }) }
      ]
    });
    return chart;
  }

  function edgeColour(mean) { return mean > 0 ? COOP : mean < 0 ? CONFLICT : NEUTRAL; }

  function network(el, data) {
    var most = Math.max.apply(null, [1].concat(data.nodes.map(function (n) { return n.events; })));
    var heaviest = Math.max.apply(null, [1].concat(data.edges.map(function (e) { return e.events; })));
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: {},
      series: [{
        type: "graph", layout: "circular", roam: true, edgeSymbol: ["none", "arrow"], edgeSymbolSize: 8,
        label: { show: true, position: "right" },
        data: data.nodes.map(function (n) {
          return { id: n.id, name: n.id, value: n.events, symbolSize: 12 + 30 * n.events / most, itemStyle: { color: "#1f4e79" } };
        }),
        links: data.edges.map(function (e) {
          return {
            source: e.source, target: e.target, value: e.events,
            lineStyle: { width: 1 + 6 * e.events / heaviest, color: edgeColour(e.goldstein_mean), curveness: 0.15, opacity: 0.8 }
          };
        })
      }]
    });
    return chart;
  }

  // Natural Earth rings that cross the antimeridian (Russia's far east, Fiji) jump from +180 to
  // -180; drawn as they are they streak across the map, so such rings are moved east of +180.
  function unwrapRing(ring) {
    var jumps = ring.some(function (point, i) { return i > 0 && Math.abs(point[0] - ring[i - 1][0]) > 180; });
    return jumps ? ring.map(function (point) { return point[0] < 0 ? [point[0] + 360, point[1]] : point; }) : ring;
  }

  function unwrapFeature(feature) {
    var geometry = feature.geometry;
    if (!geometry || feature.properties.name === "Antarctica") return feature;
    if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrapRing);
    if (geometry.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map(function (polygon) { return polygon.map(unwrapRing); });
    }
    return feature;
  }

  function map(el, data) {
    return getJSON(el.dataset.basemap).then(function (topology) {
      var countries = topojson.feature(topology, topology.objects.countries);
      countries.features = countries.features.map(unwrapFeature);
      echarts.registerMap("world", countries);
      var most = Math.max.apply(null, [1].concat(data.places.map(function (p) { return p.events; })));
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption({
        animation: false,
        tooltip: { formatter: function (item) { return item.data ? item.data.name + ": " + item.data.value[2] + " events" : ""; } },
        geo: { map: "world", roam: true, itemStyle: { areaColor: "#e8edf2", borderColor: "#8a99a8" }, emphasis: { disabled: true } },
        series: [{
          type: "scatter", coordinateSystem: "geo",
          symbolSize: function (value) { return 6 + 18 * value[2] / most; },
          data: data.places.map(function (p) {
            return { name: p.name, value: [p.lon, p.lat, p.events], itemStyle: { color: edgeColour(p.goldstein_mean) } };
          })
        }]
      });
      return chart;
    });
  }

  var DRAW = { timeline: timeline, network: network, map: map };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-source][data-kind]").forEach(function (el) {
      getJSON(el.dataset.source)
        .then(function (data) { return DRAW[el.dataset.kind](el, data); })
        .then(function (chart) {
          window.addEventListener("resize", function () { chart.resize(); });
          el.dataset.rendered = "true";
        })
        .catch(function (error) { el.dataset.error = String(error); el.textContent = "Chart unavailable: " + error; });
    });
  });
})();
