/* The resource page's map (Leaflet, served from this site). Tiles come from the tile server
 * only when the browser is online; without them the page already says everything. */
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
