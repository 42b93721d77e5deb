/* 阳泉规划助手的交互地图（Leaflet，离线）：图层树、图例、比例尺、复位、搜索、点击核查、地址栏状态。
   The map talks to Gradio through two hidden components: it writes a JSON event into #map-event and
   clicks #map-event-btn; Python answers by calling YQMap.apply(command) from an event's js= hook. */
(function () {
  "use strict";
  const YQ = (window.YQMap = window.YQMap || {});
  const BASE = "/yqmap";
  let map = null, cfg = null, version = "维护后", marker = null, redline = null;
  const tileLayers = {};   // "layer|version" -> L.TileLayer
  const vectorLayers = {}; // layer -> L.GeoJSON (staff, zoom >= vector_min_zoom)
  const visible = new Set();
  let tab = null, checked = null, searched = null, pendingCommand = null;

  function tileUrl(layer, ver) {
    return `${BASE}/tiles/${encodeURIComponent(layer)}/${encodeURIComponent(ver)}/{z}/{x}/{y}.png`;
  }

  // ---- URL state: ?c=lat,lon,zoom&v=版本&l=图层,…&p=lon,lat&s=搜索文字&t=tab ------------------------
  // s: the check came from the search box; a reload or a shared link runs the same search again.
  function readUrl() {
    const q = new URLSearchParams(window.location.search);
    const s = {};
    if (q.get("c")) { const [lat, lon, z] = q.get("c").split(",").map(Number); if (isFinite(lat) && isFinite(lon)) s.center = [lat, lon, isFinite(z) ? z : 12]; }
    if (q.get("v") === "维护前" || q.get("v") === "维护后") s.version = q.get("v");
    if (q.has("l")) s.layers = q.get("l") ? q.get("l").split(",") : [];
    if (q.get("p")) { const [lon, lat] = q.get("p").split(",").map(Number); if (isFinite(lon) && isFinite(lat)) s.point = [lon, lat]; }
    if (q.get("t")) s.tab = q.get("t");
    if (q.get("s")) s.search = q.get("s").slice(0, 200);
    return s;
  }
  function writeUrl() {
    if (!map) return;
    const c = map.getCenter();
    const q = new URLSearchParams();
    q.set("c", `${c.lat.toFixed(5)},${c.lng.toFixed(5)},${map.getZoom()}`);
    q.set("v", version);
    q.set("l", Array.from(visible).join(","));
    if (checked) q.set("p", `${checked[0].toFixed(6)},${checked[1].toFixed(6)}`);
    if (checked && searched) q.set("s", searched);
    if (tab) q.set("t", tab);
    window.history.replaceState(null, "", `${window.location.pathname}?${q.toString()}`);
  }
  YQ.setTab = function (name) { tab = name; writeUrl(); };

  // ---- talking to Gradio ---------------------------------------------------------------------------
  function send(event) {
    const box = document.querySelector("#map-event textarea, #map-event input");
    const button = document.querySelector("#map-event-btn");
    if (!box || !button) return;
    busy(true);
    box.value = JSON.stringify({ ...event, version, nonce: Date.now() });
    box.dispatchEvent(new Event("input", { bubbles: true }));
    setTimeout(() => button.click(), 0);
  }

  let busyTimer = null;
  function busy(on) {
    const holder = map && map.getContainer();
    if (!holder) return;
    let note = holder.querySelector(".yq-busy");
    if (on && !note) {
      note = L.DomUtil.create("div", "yq-busy", holder);
      note.textContent = "正在核查……";
    }
    if (note) note.style.display = on ? "block" : "none";
    clearTimeout(busyTimer);
    if (on) busyTimer = setTimeout(() => busy(false), 15000);  // an error answer sends no command
  }
  YQ.busy = busy;

  // ---- layers ----------------------------------------------------------------------------------------
  function tileLayer(name, ver) {
    const key = `${name}|${ver}`;
    if (!tileLayers[key]) {
      tileLayers[key] = L.tileLayer(tileUrl(name, ver), { maxZoom: cfg.max_zoom, maxNativeZoom: cfg.tile_max_zoom,
        opacity: 1, className: "yq-tiles", zIndex: 10 + cfg.layers.findIndex((l) => l.name === name) });
    }
    return tileLayers[key];
  }
  function refreshLayers() {
    for (const [key, layer] of Object.entries(tileLayers)) {
      const [name, ver] = key.split("|");
      const want = name === "调整" ? visible.has(ver) : visible.has(name) && ver === version;
      if (want && !map.hasLayer(layer)) layer.addTo(map);
      if (!want && map.hasLayer(layer)) map.removeLayer(layer);
    }
    for (const name of visible) {
      if (name === "调出" || name === "调入") {
        const layer = tileLayer("调整", name);
        if (!map.hasLayer(layer)) layer.addTo(map);
      } else if (cfg.layers.some((l) => l.name === name)) {
        const layer = tileLayer(name, version);
        if (!map.hasLayer(layer)) layer.addTo(map);
      }
    }
    refreshVectors();
    syncPanel();
    writeUrl();
  }

  // Staff: vector 图斑 at close zoom (hover outline + 编号 tooltip); the raster tiles stay underneath.
  function refreshVectors() {
    for (const [name, layer] of Object.entries(vectorLayers)) { map.removeLayer(layer); delete vectorLayers[name]; }
    if (!cfg.vector_min_zoom || map.getZoom() < cfg.vector_min_zoom) return;
    const b = map.getBounds();
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(",");
    for (const layer of cfg.layers) {
      if (!visible.has(layer.name) || layer.categorical) continue;
      const url = `${BASE}/features.geojson?layer=${encodeURIComponent(layer.name)}&version=${encodeURIComponent(version)}&bbox=${bbox}&z=${map.getZoom()}`;
      const stamp = `${version}|${bbox}`;
      fetch(url).then((r) => r.json()).then((fc) => {
        if (!fc.features || `${version}|${bbox}` !== stamp || !visible.has(layer.name)) return;
        const g = L.geoJSON(fc, {
          style: { color: layer.edge, weight: 1, fillOpacity: 0, opacity: 0.9 },
          onEachFeature: (f, lyr) => {
            const p = f.properties;
            lyr.bindTooltip(`${p.layer}（${p.version}）${p.feature_id}${p.name ? " " + p.name : ""}`, { sticky: true });
            lyr.on("mouseover", () => lyr.setStyle({ weight: 3 }));
            lyr.on("mouseout", () => lyr.setStyle({ weight: 1 }));
          },
        });
        if (vectorLayers[layer.name]) map.removeLayer(vectorLayers[layer.name]);
        vectorLayers[layer.name] = g.addTo(map);
        g.getContainer && g.bringToFront();
      }).catch(() => {});
    }
  }

  // ---- controls ------------------------------------------------------------------------------------
  let panel = null;
  function swatch(fill, edge) {
    const face = fill === "none" ? "transparent" : fill;
    return `<span class="yq-swatch" style="background:${face};border-color:${edge}"></span>`;
  }
  function buildPanel() {
    const Ctl = L.Control.extend({
      options: { position: "topright" },
      onAdd() {
        const div = L.DomUtil.create("div", "yq-panel leaflet-bar");
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        const rows = cfg.layers.map((l) => `<label class="yq-row"><input type="checkbox" data-layer="${l.name}">${swatch(l.fill, l.edge)}<span>${l.name}</span></label>`);
        const changes = cfg.changes.map((c) => `<label class="yq-row"><input type="checkbox" data-layer="${c.name}">${swatch(c.color + "40", c.color)}<span>本次${c.name}</span></label>`);
        div.innerHTML = `<div class="yq-panel-head"><b>图层</b><button type="button" class="yq-fold" title="收起/展开">☰</button></div>
          <div class="yq-panel-body"><div class="yq-version">当前版本：<b class="yq-ver"></b></div>${rows.join("")}
          <div class="yq-sep">本次维护调整</div>${changes.join("")}
          <div class="yq-sep">底图</div><div class="yq-row">${swatch("none", "#555")}<span>市界、县（区）界</span></div>
          ${cfg.demo ? '<div class="yq-demo-note">演示数据，非正式规划成果</div>' : ""}</div>`;
        div.querySelectorAll("input[data-layer]").forEach((box) => box.addEventListener("change", () => {
          if (box.checked) visible.add(box.dataset.layer); else visible.delete(box.dataset.layer);
          refreshLayers();
        }));
        div.querySelector(".yq-fold").addEventListener("click", () => div.classList.toggle("yq-folded"));
        if (window.innerWidth < 600) div.classList.add("yq-folded");
        return div;
      },
    });
    panel = new Ctl().addTo(map).getContainer();
  }
  function syncPanel() {
    if (!panel) return;
    panel.querySelectorAll("input[data-layer]").forEach((box) => { box.checked = visible.has(box.dataset.layer); });
    panel.querySelector(".yq-ver").textContent = version;
  }
  function buildReset() {
    const Ctl = L.Control.extend({
      options: { position: "topleft" },
      onAdd() {
        const a = L.DomUtil.create("a", "yq-reset leaflet-bar");
        a.href = "#"; a.title = "复位到全图"; a.textContent = "⌂"; a.setAttribute("role", "button");
        a.setAttribute("aria-label", "复位到全图");
        L.DomEvent.on(a, "click", (e) => { L.DomEvent.stop(e); fitAll(); });
        return a;
      },
    });
    new Ctl().addTo(map);
  }
  function buildSearch() {
    const Ctl = L.Control.extend({
      options: { position: "topleft" },
      onAdd() {
        const div = L.DomUtil.create("div", "yq-search");
        L.DomEvent.disableClickPropagation(div);
        div.innerHTML = `<input type="search" id="map-search" placeholder="坐标、不动产单元号、地块编号或地名" aria-label="地图搜索"><button type="button" id="map-search-btn">定位核查</button>`;
        const input = div.querySelector("input");
        const go = () => { const text = input.value.trim(); if (text) send({ kind: "search", text }); };
        div.querySelector("button").addEventListener("click", go);
        input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); go(); } });
        return div;
      },
    });
    new Ctl().addTo(map);
  }
  function fitAll() {
    const b = cfg.bounds;
    map.fitBounds([[b[0], b[1]], [b[2], b[3]]]);
  }

  // Wide enough for 图层 | 编号 | 名称/地类 | 公顷 | 亩 on a desktop; on a phone the text columns wrap.
  // Padding keeps the popup clear of the search box (top left) and the layer tree (top right).
  function popupOptions() {
    const phone = map.getSize().x < 600;
    const width = Math.min(480, Math.floor(map.getSize().x * (phone ? 0.86 : 0.7)));
    // On a phone the popup scrolls inside itself below the search box instead of running off the map.
    return { maxWidth: width, minWidth: Math.min(260, width), className: "yq-popup",
      maxHeight: phone ? Math.max(150, map.getSize().y - 240) : null,
      autoPanPaddingTopLeft: [10, phone ? 130 : 150], autoPanPaddingBottomRight: [phone ? 10 : 190, 10] };
  }

  // ---- commands from Python --------------------------------------------------------------------------
  YQ.apply = function (cmd) {
    if (typeof cmd === "string") { try { cmd = JSON.parse(cmd); } catch (e) { return; } }
    if (!cmd) return;
    if (!map) { pendingCommand = cmd; return; }
    busy(false);
    if (cmd.version && cmd.version !== version) { version = cmd.version; refreshLayers(); }
    if (cmd.redline && !cfg.public) {
      if (redline) map.removeLayer(redline);
      redline = L.geoJSON(cmd.redline, { style: { color: "#ff0000", weight: 3, fillOpacity: 0 } }).addTo(map);
    }
    if (cmd.lon !== undefined && cmd.lat !== undefined) {
      checked = [cmd.lon, cmd.lat];
      searched = cmd.search || null;  // a click, chat or coordinate check replaces the search in the URL
      const box = document.getElementById("map-search");
      if (box && cmd.search && !box.value) box.value = cmd.search;
      const ll = [cmd.lat, cmd.lon];
      if (marker) map.removeLayer(marker);
      marker = L.marker(ll, { title: "核查位置" }).addTo(map);
      if (cmd.popup) marker.bindPopup(cmd.popup, popupOptions());
      const open = () => { if (cmd.popup && marker) marker.openPopup(); };
      if (cmd.fly) {
        map.once("moveend", open);  // after the flight, so the popup pans into view
        if (redline && cmd.redline) map.flyToBounds(redline.getBounds(), { maxZoom: 16, duration: 0.5 });
        else map.flyTo(ll, Math.max(map.getZoom(), 14), { duration: 0.5 });
      } else open();
    } else if (cmd.popup && marker) {
      marker.bindPopup(cmd.popup, popupOptions()).openPopup();
    }
    writeUrl();
  };
  YQ.state = function () { return { version, visible: Array.from(visible), zoom: map && map.getZoom(), center: map && map.getCenter(), checked }; };

  // ---- start -----------------------------------------------------------------------------------------
  YQ.init = async function (element) {
    if (map || !window.L) return;
    const holder = element.querySelector(".yq-map") || element;
    if (!holder.isConnected || holder.clientWidth === 0) { setTimeout(() => YQ.init(element), 100); return; }
    cfg = await fetch(`${BASE}/config.json`).then((r) => r.json());
    const url = readUrl();
    version = url.version || "维护后";
    (url.layers || cfg.layers.filter((l) => l.on).map((l) => l.name)).forEach((n) => visible.add(n));
    tab = url.tab || null;
    map = L.map(holder, { minZoom: 8, maxZoom: cfg.max_zoom, zoomControl: true, attributionControl: true,
      zoomSnap: 1, worldCopyJump: false });
    map.zoomControl.setPosition("topleft");
    map.zoomControl.getContainer().querySelector(".leaflet-control-zoom-in").title = "放大";
    map.zoomControl.getContainer().querySelector(".leaflet-control-zoom-out").title = "缩小";
    map.attributionControl.setPrefix(false);
    if (cfg.basemap_url) L.tileLayer(cfg.basemap_url, { maxZoom: cfg.max_zoom, maxNativeZoom: 18, zIndex: 1,
      attribution: cfg.basemap_attribution || "底图：已配置的瓦片服务" }).addTo(map);
    L.tileLayer(tileUrl("底图", "维护后"), { maxZoom: cfg.max_zoom, maxNativeZoom: cfg.tile_max_zoom, zIndex: 50, attribution: cfg.demo ? "图层：演示数据 · 离线绘制" : "离线绘制" }).addTo(map);
    const places = cfg.labels.map((label) => ({ label, marker: L.marker([label.lat, label.lon], {
      interactive: false, keyboard: false,
      icon: L.divIcon({ className: label.min_zoom ? "yq-label yq-place" : "yq-label", html: `<span>${label.name}</span>`, iconSize: null }) }) }));
    const showLabels = () => places.forEach(({ label, marker }) => {
      const want = map.getZoom() >= (label.min_zoom || 0);
      if (want && !map.hasLayer(marker)) marker.addTo(map);
      if (!want && map.hasLayer(marker)) map.removeLayer(marker);
    });
    map.on("zoomend", showLabels);
    L.control.scale({ imperial: false, metric: true, position: "bottomleft" }).addTo(map);
    buildSearch();
    buildReset();
    buildPanel();
    if (url.center) map.setView([url.center[0], url.center[1]], url.center[2]); else fitAll();
    showLabels();
    refreshLayers();
    map.on("moveend", () => { refreshVectors(); writeUrl(); });
    map.on("click", (e) => send({ kind: "click", lon: e.latlng.lng, lat: e.latlng.lat }));
    holder.dataset.ready = "1";
    if (url.version && url.version !== "维护后") send({ kind: "version", version: url.version });
    if (url.search) send({ kind: "search", text: url.search, restore: true });
    else if (url.point) send({ kind: "click", lon: url.point[0], lat: url.point[1], restore: true });
    if (url.tab) {
      const button = Array.from(document.querySelectorAll("button[role=tab]")).find((b) => b.textContent.trim() === url.tab);
      if (button) button.click();
    }
    if (pendingCommand) { const c = pendingCommand; pendingCommand = null; YQ.apply(c); }
  };
  YQ.whenReady = function (element) {
    if (window.L) YQ.init(element); else setTimeout(() => YQ.whenReady(element), 50);
  };
})();
