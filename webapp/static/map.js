/* The maps of the pages, both drawn from what the page says (data-* attributes and a JSON
 * data block), both optional: every page is whole without them.
 *
 * - The resource page's map (Leaflet, served from this site). Tiles come from the tile
 *   server only when the browser is online; without them the page already says everything.
 * - The map of a page's results (search, assessment): numbered markers, each a link to its
 *   card, and the client's place, on a plain layer scaled to the results (Web Mercator, so
 *   that map tiles can lie under it when RESULTS_MAP_TILES asks for them). It needs no
 *   network: no tiles by default, and none when they fail to load.
 */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L) { return; }
  var lat = parseFloat(el.getAttribute("data-lat"));
  var lon = parseFloat(el.getAttribute("data-lon"));
  if (isNaN(lat) || isNaN(lon)) { return; }
  var note = document.getElementById("map-note");
  var map = L.map(el, { scrollWheelZoom: false }).setView([lat, lon], 15);
  L.marker([lat, lon], { alt: el.getAttribute("data-name"), keyboard: false }).addTo(map);
  // The words come from the page, in its language.
  el.setAttribute("aria-label", el.getAttribute("data-label") || el.getAttribute("data-name"));
  function offline() {
    el.classList.add("offline");
    var words = note ? note.querySelector("span[hidden]") : null;
    if (words) {
      words.textContent = note.getAttribute("data-offline") || words.textContent;
      words.hidden = false;
    }
  }
  if (navigator.onLine === false) { offline(); return; }
  var failed = false;
  L.tileLayer(el.getAttribute("data-tiles"), {
    maxZoom: 19,
    attribution: el.getAttribute("data-attribution")
  }).on("tileerror", function () {
    if (!failed) { failed = true; offline(); }
  }).addTo(map);
})();

(function () {
  "use strict";
  var box = document.getElementById("results-map");
  var source = document.getElementById("results-map-data");
  var canvas = document.getElementById("results-map-canvas");
  if (!box || !source || !canvas) { return; }
  var data;
  try { data = JSON.parse(source.textContent); } catch (error) { return; }
  var points = (data.points || []).filter(function (p) {
    return isFinite(p.lat) && isFinite(p.lon) && document.getElementById(p.target);
  });
  if (!points.length) { return; }

  var TILE = 256;                 // pixels of a map tile, and of the world at zoom 0
  var PAD = 22;                   // room kept at the edges for a marker
  var MARKER = 28;                // a marker's width: closer ones are moved apart
  var MAX_ZOOM = 16;              // two doors on one street stay near each other
  var NICE_MILES = [0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500];
  var MILE_METRES = 1609.344;
  var EARTH_METRES = 2 * Math.PI * 6378137;  // the equator, for the scale

  // Web Mercator at zoom 0: 0..256 across the world, north at the top.
  function project(lat, lon) {
    var sin = Math.sin(Math.max(-85, Math.min(85, lat)) * Math.PI / 180);
    return {
      x: (lon + 180) / 360 * TILE,
      y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * TILE
    };
  }

  // The words come from the page, in its language.
  var language = document.documentElement.lang || "en";
  var number = window.Intl ? new Intl.NumberFormat(language, { maximumFractionDigits: 2 }) : null;
  function miles(n) {
    var words = number ? number.format(n) : String(n);
    return (box.getAttribute("data-scale") || "{n} mi").replace("{n}", words);
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) { made.className = className; }
    if (text) { made.textContent = text; }
    return made;
  }

  // One marker per result: a link to its card, named "3. Name" as the list says it.
  var markers = points.map(function (p) {
    var link = element("a", "map-marker", String(number ? number.format(p.n) : p.n));
    link.href = "#" + p.target;
    link.setAttribute("aria-label", p.label);
    link.title = p.label;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      show(p.target);
    });
    return { point: p, at: project(p.lat, p.lon), el: link };
  });
  var place = null;
  if (data.place && isFinite(data.place.lat) && isFinite(data.place.lon)) {
    // Said in words below the map (its key): the mark itself is for the eyes.
    var mark = element("span", "map-place");
    mark.setAttribute("aria-hidden", "true");
    mark.title = box.getAttribute("data-place") || "";
    place = { at: project(data.place.lat, data.place.lon), el: mark };
  }

  var tiles = element("div", "map-tiles");
  tiles.setAttribute("aria-hidden", "true");
  var compass = element("span", "map-north", box.getAttribute("data-north") || "N");
  compass.setAttribute("aria-hidden", "true");
  var scale = element("span", "map-scale");
  scale.setAttribute("aria-hidden", "true");
  var credit = element("span", "map-credit", data.attribution || "");
  credit.hidden = true;
  canvas.appendChild(tiles);
  if (place) { canvas.appendChild(place.el); }
  markers.forEach(function (m) { canvas.appendChild(m.el); });
  canvas.appendChild(compass);
  canvas.appendChild(scale);
  canvas.appendChild(credit);

  var useTiles = Boolean(data.tiles) && navigator.onLine !== false;

  function tileUrl(z, x, y) {
    return data.tiles.replace("{z}", z).replace("{x}", x).replace("{y}", y)
      .replace("{s}", "a").replace("{r}", "");
  }

  function dropTiles() {
    useTiles = false;
    tiles.textContent = "";
    credit.hidden = true;
  }

  function draw() {
    var width = canvas.clientWidth;
    var height = canvas.clientHeight;
    if (!width || !height) { return; }  // closed: drawn again when opened
    var all = markers.concat(place ? [place] : []);
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    all.forEach(function (m) {
      minX = Math.min(minX, m.at.x); maxX = Math.max(maxX, m.at.x);
      minY = Math.min(minY, m.at.y); maxY = Math.max(maxY, m.at.y);
    });
    var across = Math.max(maxX - minX, 1e-9);
    var down = Math.max(maxY - minY, 1e-9);
    var zoom = Math.log(Math.min((width - 2 * PAD) / across, (height - 2 * PAD) / down)) / Math.LN2;
    zoom = Math.max(0, Math.min(MAX_ZOOM, zoom));
    if (useTiles) { zoom = Math.floor(zoom); }  // tiles come in whole zoom levels
    var s = Math.pow(2, zoom);
    var left = (minX + maxX) / 2 * s - width / 2;
    var top = (minY + maxY) / 2 * s - height / 2;

    // Markers in number order; one that would cover another is moved round it, a ring
    // at a time, so that every number can be read and clicked.
    var placed = [];
    markers.forEach(function (m) {
      var x0 = m.at.x * s - left, y0 = m.at.y * s - top;
      var x = x0, y = y0;
      for (var tries = 0; tries < 48; tries += 1) {
        var clear = placed.every(function (q) {
          return Math.abs(q.x - x) >= MARKER - 2 || Math.abs(q.y - y) >= MARKER - 2;
        });
        if (clear) { break; }
        var ring = 1 + Math.floor(tries / 8);
        var angle = (tries % 8) * Math.PI / 4 + ring * 0.4;
        x = x0 + Math.cos(angle) * MARKER * ring;
        y = y0 + Math.sin(angle) * MARKER * ring;
      }
      x = Math.max(MARKER / 2, Math.min(width - MARKER / 2, x));
      y = Math.max(MARKER / 2, Math.min(height - MARKER / 2, y));
      placed.push({ x: x, y: y });
      // The CSSOM, not style attributes: the Content-Security-Policy allows it.
      m.el.style.left = x + "px";
      m.el.style.top = y + "px";
    });
    if (place) {
      place.el.style.left = (place.at.x * s - left) + "px";
      place.el.style.top = (place.at.y * s - top) + "px";
    }

    // A scale bar of a round distance, about a quarter of the map wide at most.
    var centre = (minY + maxY) / 2 / TILE;  // back to a latitude, for the scale
    var latitude = Math.atan(Math.sinh(Math.PI * (1 - 2 * centre)));
    var milesPerPixel = Math.cos(latitude) * EARTH_METRES / (TILE * s) / MILE_METRES;
    var most = milesPerPixel * Math.min(110, width / 4);
    var nice = NICE_MILES.filter(function (n) { return n <= most; }).pop() || NICE_MILES[0];
    scale.style.width = Math.round(nice / milesPerPixel) + "px";
    scale.textContent = miles(nice);

    tiles.textContent = "";
    if (useTiles) {
      var count = Math.pow(2, zoom);
      var failed = false;
      for (var tx = Math.floor(left / TILE); tx * TILE < left + width; tx += 1) {
        for (var ty = Math.max(0, Math.floor(top / TILE)); ty * TILE < top + height && ty < count; ty += 1) {
          var img = element("img");
          img.alt = "";
          img.src = tileUrl(zoom, ((tx % count) + count) % count, ty);
          img.style.left = (tx * TILE - left) + "px";
          img.style.top = (ty * TILE - top) + "px";
          img.addEventListener("error", function () {
            // Offline or refused: the plain map is whole without them.
            if (!failed) { failed = true; dropTiles(); }
          });
          tiles.appendChild(img);
        }
      }
      credit.hidden = !useTiles;
    }
  }

  // Move to a marker's card: open the "Show N more" it may be behind, then focus its name.
  function show(target) {
    var card = document.getElementById(target);
    if (!card) { return; }
    for (var up = card.parentNode; up; up = up.parentNode) {
      if (up.tagName === "DETAILS" && !up.open) { up.open = true; }
    }
    var name = card.querySelector("h2 a, h3 a, h4 a") || card;
    Array.prototype.forEach.call(document.querySelectorAll(".result.map-target"), function (c) {
      c.classList.remove("map-target");
    });
    card.classList.add("map-target");
    name.focus();
    if (card.scrollIntoView) { card.scrollIntoView({ block: "start" }); }
  }

  box.hidden = false;
  var layout = box.parentNode;
  if (layout && layout.classList.contains("results-layout")) { layout.classList.add("with-map"); }
  draw();
  var pending = false;
  function redraw() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; draw(); });
  }
  window.addEventListener("resize", redraw);
  box.addEventListener("toggle", redraw);
})();
