/* Progressive enhancement: every page works without this file.
 * - "Add to list" / "Remove from list" buttons post in the background and update in place.
 * - After a search or an assessment, the keyboard focus goes to the results' heading.
 * - A form marked data-confirm (clearing the list) asks before it is sent.
 * - What needs JavaScript (data-needs-js: the map's box) is shown.
 * - The print view gets a Print button.
 * - An admin's check or import in progress is followed until it is done.
 */
(function () {
  "use strict";

  var body = document.body;
  var status = document.getElementById("list-status");

  function announce(message) {
    if (!status) { return; }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function csrfToken(button) {
    var scope = button.form || document;
    var input = scope.querySelector("input[name='csrf_token']") ||
      document.querySelector("input[name='csrf_token']");
    return input ? input.value : null;
  }

  function showListed(id, listed, count) {
    var buttons = document.querySelectorAll("button[data-list-id]");
    Array.prototype.forEach.call(buttons, function (button) {
      if (button.getAttribute("data-list-id") !== id) { return; }
      button.setAttribute("data-in-list", listed ? "true" : "false");
      button.classList.toggle("in-list", listed);
      var label = button.querySelector(".list-label");
      // The words come from the page, in its language.
      if (label) {
        label.textContent = body.getAttribute(listed ? "data-label-remove" : "data-label-add");
      }
      if (button.name === "list_add" || button.name === "list_remove") {
        button.name = listed ? "list_remove" : "list_add";
      }
      if (button.form && button.form.classList.contains("list-form")) {
        button.form.action = listed ? body.getAttribute("data-list-remove")
                                    : body.getAttribute("data-list-add");
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-list-count]"), function (el) {
      el.textContent = String(count);
    });
  }

  var queue = Promise.resolve(null);

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-list-id]") : null;
    if (!button || !window.fetch || !window.FormData) { return; }
    event.preventDefault();
    // Not disabled while busy: a disabled button would lose the keyboard focus.
    if (button.getAttribute("aria-busy") === "true") { return; }
    var id = button.getAttribute("data-list-id");
    var adding = button.getAttribute("data-in-list") !== "true";
    var data = new FormData();
    data.append("id", id);
    var token = csrfToken(button);
    var headers = { "Accept": "application/json" };
    if (token) { data.append("csrf_token", token); headers["X-CSRFToken"] = token; }
    button.setAttribute("aria-busy", "true");
    // The list lives in the session cookie: two posts in flight would each start from the
    // same list and the second answer would drop the first change. Send them one by one.
    queue = queue.then(function () {
      return fetch(body.getAttribute(adding ? "data-list-add" : "data-list-remove"), {
        method: "POST", body: data, headers: headers, credentials: "same-origin"
      });
    });
    queue.then(function (response) {
      return response.json().then(function (answer) {
        button.removeAttribute("aria-busy");
        if (response.ok) { showListed(id, answer.in_list, answer.count); }
        announce(answer.message);
      });
    }).catch(function () {
      // The background post failed: post the form the ordinary way instead.
      button.removeAttribute("aria-busy");
      var form = button.form;
      if (form && form.requestSubmit) { form.requestSubmit(button); } else if (form) { form.submit(); }
    });
    queue = queue.catch(function () { return null; });  // one failure must not stop the rest
  });

  // A results page opens at its results for a keyboard or screen reader user too, unless
  // the address asks for another place on the page (a card the list button came back to).
  var results = document.querySelector("[data-focus-on-load]");
  var hash = window.location.hash.slice(1);
  if (results && (!hash || hash === results.id)) {
    results.focus();
  }

  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-needs-js]"), function (el) {
    el.hidden = false;
  });

  Array.prototype.forEach.call(document.querySelectorAll("button[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var job = document.getElementById("job");
  if (job && job.getAttribute("data-state") === "running" && window.fetch) {
    var words = document.getElementById("job-words");
    var bar = document.getElementById("job-progress");
    var follow = function () {
      fetch(job.getAttribute("data-job-url"), {
        headers: { "Accept": "application/json" }, credentials: "same-origin"
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (state) {
        if (!state) { return; }
        if (state.state !== "running") { window.location.assign(state.next); return; }
        // Not a live region: a screen reader would read it out every second.
        if (words) { words.firstChild.nodeValue = state.words; }
        if (bar && state.percent !== null) { bar.value = state.percent; }
        window.setTimeout(follow, 1000);
      }).catch(function () { window.setTimeout(follow, 3000); });
    };
    window.setTimeout(follow, 1000);
  }
})();
