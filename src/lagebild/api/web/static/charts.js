// Dashboard charts, drawn with the vendored echarts (SVG). Each chart container names its data in
// data-source (the page's JSON twin, fetched from the same server); the event table's month chart
// carries its months in data-months instead. When drawing is done the container gets
// data-rendered="true" (or data-error with the reason). Tooltips are drawn inside the SVG
// (richText): HTML tooltips would carry inline styles, which the pages' Content-Security-Policy
// refuses. Clicking a bar, a node, an edge, a dot or a country opens the event table
// (data-events-url, which carries the page's filters) with what was clicked added as a filter.
"use strict";
(function () {
  var COOP = "#2e7d32", CONFLICT = "#c62828", NEUTRAL = "#5f6b76", ACCENT = "#1f4e79";

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  // The event table with some filters set; "actor" adds one actor (at most two are kept).
  function eventsUrl(el, changes, addActor) {
    var target = new URL(el.dataset.eventsUrl || "/ui/events", window.location.origin);
    var params = target.searchParams;
    params.delete("offset");
    Object.keys(changes).forEach(function (key) {
      params.delete(key);
      changes[key].forEach(function (value) { params.append(key, value); });
    });
    if (addActor) {
      var actors = params.getAll("actor").concat([addActor]).slice(-2);
      params.delete("actor");
      actors.forEach(function (actor) { params.append("actor", actor); });
    }
    return target.pathname + "?" + params.toString();
  }

  function go(address) {
    document.body.dataset.navigating = address;
    window.location.assign(address);
  }

  var DAY = 24 * 3600 * 1000;
  var STEP = { day: DAY, week: 7 * DAY, month: 28 * DAY };

  function monthStart(label) { return label + "-01"; }

  function shiftDay(iso, days) {
    return new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);
  }

  function shiftMonth(label, by) {
    var parts = label.split("-").map(Number);
    var date = new Date(Date.UTC(parts[0], parts[1] - 1 + by, 1));
    return date.toISOString().slice(0, 10);
  }

  // Events per month of the event table: a real time axis, so empty months are gaps.
  function months(el, data) {
    var values = data.months;
    var chart = echarts.init(el, null, { renderer: "svg" });
    var axis = { type: "time", minInterval: STEP.month };
    if (values.length) {
      axis.min = shiftMonth(values[0].value, -1);
      axis.max = shiftMonth(values[values.length - 1].value, 1);
    }
    chart.setOption({
      animation: false,
      grid: { left: 40, right: 20, top: 20, bottom: 30 },
      tooltip: { renderMode: "richText", formatter: function (item) { return item.data.month + ": " + item.data.value[1] + " events"; } },
      xAxis: axis,
      yAxis: { type: "value", minInterval: 1 },
      series: [{
        name: "events", type: "bar", color: ACCENT, barMaxWidth: 28, barMinWidth: 4,
        data: values.map(function (v) {
          return { value: [monthStart(v.value), v.count], month: v.value, href: v.href };
        })
      }]
    });
    chart.on("click", function (item) { if (item.data && item.data.href) go(item.data.href); });
    return chart;
  }

  // Cooperation against conflict between two actors, on a real time axis.
  function timeline(el, data) {
    var periods = data.periods;
    var chart = echarts.init(el, null, { renderer: "svg" });
    var axis = { type: "time", minInterval: STEP[data.granularity] || DAY };
    if (periods.length) {
      var pad = data.granularity === "month" ? 31 : data.granularity === "week" ? 7 : 1;
      axis.min = shiftDay(periods[0].period, -pad);
      axis.max = shiftDay(periods[periods.length - 1].last_day, pad);
    }
    function series(pick) {
      return periods.map(function (p, index) { return { value: [p.period, pick(p)], index: index }; });
    }
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", renderMode: "richText" },
      legend: { data: ["cooperation", "conflict", "Goldstein sum"] },
      xAxis: axis,
      yAxis: [{ type: "value", name: "events", minInterval: 1 }, { type: "value", name: "Goldstein" }],
      series: [
        { name: "cooperation", type: "bar", stack: "n", color: COOP, barMaxWidth: 28, barMinWidth: 4,
          data: series(function (p) { return p.cooperation; }) },
        { name: "conflict", type: "bar", stack: "n", color: CONFLICT, barMaxWidth: 28, barMinWidth: 4,
          data: series(function (p) { return -p.conflict; }) },
        { name: "Goldstein sum", type: "line", yAxisIndex: 1, color: ACCENT,
          data: series(function (p) { return p.goldstein_sum; }) }
      ]
    });
    chart.on("click", function (item) {
      var period = item.data && periods[item.data.index];
      if (period) go(eventsUrl(el, { since: [period.first_day], until: [period.last_day] }));
    });
    return chart;
  }

  function edgeColour(mean) { return mean > 0 ? COOP : mean < 0 ? CONFLICT : NEUTRAL; }

  // Actors in a circle with their codes written outwards, so labels do not run into each other;
  // a label that would still cover another is hidden (its node keeps its tooltip).
  function network(el, data) {
    var most = Math.max.apply(null, [1].concat(data.nodes.map(function (n) { return n.events; })));
    var heaviest = Math.max.apply(null, [1].concat(data.edges.map(function (e) { return e.events; })));
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: {
        renderMode: "richText",
        formatter: function (item) {
          if (item.dataType === "edge") return item.data.source + " → " + item.data.target + ": " + item.data.value + " events";
          return item.data.fullName + " (" + item.data.id + "): " + item.data.value + " events";
        }
      },
      series: [{
        type: "graph", layout: "circular", circular: { rotateLabel: true }, roam: true,
        top: 60, bottom: 60, left: 80, right: 80,
        edgeSymbol: ["none", "arrow"], edgeSymbolSize: 8,
        label: { show: true, position: "right", fontSize: 13, color: "#1b1f23", distance: 6 },
        labelLayout: { hideOverlap: true },
        emphasis: { focus: "adjacency" },
        data: data.nodes.map(function (n) {
          return {
            id: n.id, name: n.id, fullName: n.name, value: n.events,
            symbolSize: 12 + 30 * n.events / most, itemStyle: { color: ACCENT }
          };
        }),
        links: data.edges.map(function (e) {
          return {
            source: e.source, target: e.target, value: e.events,
            lineStyle: { width: 1 + 6 * e.events / heaviest, color: edgeColour(e.goldstein_mean), curveness: 0.15, opacity: 0.8 }
          };
        })
      }]
    });
    chart.on("click", function (item) {
      if (item.dataType === "node") go(eventsUrl(el, {}, item.data.id));
      if (item.dataType === "edge") go(eventsUrl(el, { actor: [item.data.source, item.data.target] }));
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

  function featurePoints(feature) {
    var geometry = feature.geometry;
    if (!geometry) return [];
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    var points = [];
    polygons.forEach(function (polygon) { points = points.concat(polygon[0]); });
    return points;
  }

  function bounds(points) {
    var lons = points.map(function (p) { return p[0]; }), lats = points.map(function (p) { return p[1]; });
    return [Math.min.apply(null, lons), Math.max.apply(null, lons), Math.min.apply(null, lats), Math.max.apply(null, lats)];
  }

  // Centre and zoom that show every event: the places' dots and the countries drawn as areas.
  function view(world, points) {
    if (!points.length) return {};
    var box = bounds(points), whole = bounds(world);
    var width = Math.max(box[1] - box[0], 8) * 1.5, height = Math.max(box[3] - box[2], 6) * 1.5;
    var zoom = Math.min((whole[1] - whole[0]) / width, (whole[3] - whole[2]) / height);
    return { center: [(box[0] + box[1]) / 2, (box[2] + box[3]) / 2], zoom: Math.max(1, Math.min(zoom, 20)) };
  }

  function map(el, data) {
    return getJSON(el.dataset.basemap).then(function (topology) {
      var countries = topojson.feature(topology, topology.objects.countries);
      countries.features = countries.features.map(unwrapFeature);
      echarts.registerMap("world", countries);
      var byId = {}, world = [];
      countries.features.forEach(function (feature) {
        byId[feature.id] = feature;
        if (feature.properties.name !== "Antarctica") world = world.concat(featurePoints(feature));
      });
      var areaByName = {}, points = [];
      var regions = data.areas.filter(function (area) { return byId[area.numeric]; }).map(function (area) {
        var feature = byId[area.numeric];
        areaByName[feature.properties.name] = area;
        points = points.concat(featurePoints(feature));
        return { name: feature.properties.name, itemStyle: { areaColor: edgeColour(area.goldstein_mean), opacity: 0.55 } };
      });
      data.places.forEach(function (place) { points.push([place.lon, place.lat]); });
      var most = Math.max.apply(null, [1].concat(data.places.map(function (p) { return p.events; })));
      var chart = echarts.init(el, null, { renderer: "svg" });
      var geo = {
        map: "world", roam: true, triggerEvent: true, regions: regions,
        itemStyle: { areaColor: "#e8edf2", borderColor: "#8a99a8" }, emphasis: { disabled: true }
      };
      Object.assign(geo, view(world, points));
      chart.setOption({
        animation: false,
        tooltip: {
          renderMode: "richText",
          formatter: function (item) {
            if (item.componentType === "geo") {
              var area = areaByName[item.name];
              return area ? area.name + ": " + area.events + " events in the whole country" : item.name;
            }
            return item.data ? item.data.name + ": " + item.data.value[2] + " events" : "";
          }
        },
        geo: geo,
        series: [{
          type: "scatter", coordinateSystem: "geo",
          symbolSize: function (value) { return 8 + 18 * value[2] / most; },
          data: data.places.map(function (p) {
            return { name: p.name, value: [p.lon, p.lat, p.events], itemStyle: { color: edgeColour(p.goldstein_mean) } };
          })
        }]
      });
      chart.on("click", function (item) {
        if (item.componentType === "series" && item.data) go(eventsUrl(el, { place: [item.data.name] }));
        if (item.componentType === "geo" && areaByName[item.name]) go(eventsUrl(el, { place: [areaByName[item.name].name] }));
      });
      return chart;
    });
  }

  var DRAW = { timeline: timeline, months: months, network: network, map: map };

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-kind]").forEach(function (el) {
      // The event table's month chart carries its data; the other charts fetch their page's twin.
      var data = el.dataset.months ? Promise.resolve({ months: JSON.parse(el.dataset.months) }) : getJSON(el.dataset.source);
      data
        .then(function (loaded) { return DRAW[el.dataset.kind](el, loaded); })
        .then(function (chart) {
          window.addEventListener("resize", function () { chart.resize(); });
          el.dataset.rendered = "true";
        })
        .catch(function (error) { el.dataset.error = String(error); el.textContent = "Chart unavailable: " + error; });
    });
  });
})();
