/* Progressive enhancement: every page works without this file.
 * - "Add to list" / "Remove from list" buttons post in the background and update in place.
 * - After a search or an assessment, the keyboard focus goes to the results' heading.
 * - A form marked data-confirm (clearing the list) asks before it is sent.
 * - What needs JavaScript (data-needs-js: the map's box) is shown.
 * - The print view gets a Print button.
 * - An admin's check or import in progress is followed until it is done.
 * - Back to an assessment brings its answers back (sessionStorage, this tab only).
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

  /* Back keeps the assessment's answers. The answers are posted, never put in the address,
   * and the pages are not cached (no-store), so Back would find an empty form, or Chromium's
   * "Confirm Form Resubmission". Instead:
   * - each visit to the assessment gets a random key in its history entry (history.state;
   *   replacing the state also makes Back and Reload ask for the page again with GET, not
   *   post the answers again);
   * - its answers are kept under that key in sessionStorage as they are typed, and as the
   *   server showed them (results, errors);
   * - when Back (or Reload) returns to that entry and the server's form is empty, they
   *   are put back, and the page says so. A new assessment is a new entry and starts empty.
   * Nothing is sent to or kept on the server for this. sessionStorage belongs to this tab
   * alone and the browser clears it when the tab is closed; only the last few visits are
   * kept. */
  var assessForm = document.getElementById("assess-form");
  var storage = null;
  try { storage = window.sessionStorage; } catch (e) { /* storage turned off: Back as before */ }
  if (assessForm && storage && window.history && history.replaceState) {
    var KEPT = "assess-answers";  // sessionStorage: {key: answers}, the newest last
    var KEEP_VISITS = 5;
    var kept = function () {
      try { return JSON.parse(storage.getItem(KEPT) || "{}") || {}; } catch (e) { return {}; }
    };
    // The fields a person fills in: not the token, hidden fields or buttons.
    var fields = function () {
      return Array.prototype.filter.call(assessForm.elements, function (field) {
        return field.name && field.name !== "csrf_token" && !field.disabled &&
          !/^(hidden|submit|button|reset|file|image)$/.test(field.type) &&
          field.tagName !== "BUTTON" && field.tagName !== "FIELDSET";
      });
    };
    // The answers given, in the form's order: [name, value] for a ticked box or button,
    // [name, value, n] for the n-th field of that name holding words. None: an empty form.
    // `asSent`: the answers the server put in the page, whatever the browser did since.
    var answers = function (asSent) {
      var given = [];
      var seen = {};
      fields().forEach(function (field) {
        var n = seen[field.name] = (seen[field.name] || 0) + 1;
        var value = field.value;
        if (field.type === "checkbox" || field.type === "radio") {
          if ((asSent ? field.defaultChecked : field.checked) && value) {
            given.push([field.name, value]);
          }
          return;
        }
        if (asSent) {
          var chosen = field.options ? Array.prototype.filter.call(field.options, function (o) {
            return o.defaultSelected;
          })[0] : null;
          value = field.options ? (chosen ? chosen.value : "") : field.defaultValue;
        }
        if (value) { given.push([field.name, value, n - 1]); }
      });
      return given;
    };
    var putBack = function (given) {
      var all = fields();
      given.forEach(function (answer) {
        var same = all.filter(function (f) { return f.name === answer[0]; });
        if (answer.length > 2) {
          var field = same[answer[2]];
          if (field) { field.value = answer[1]; }
        } else {
          same.forEach(function (f) { if (f.value === answer[1]) { f.checked = true; } });
        }
      });
    };
    var state = history.state && typeof history.state === "object" ? history.state : {};
    var key = state.assessKey;
    if (!key) {
      // Only a name for this visit, never an answer.
      key = String(Date.now()) + Math.random().toString(36).slice(2);
      history.replaceState(Object.assign({}, state, { assessKey: key }), "", window.location.href);
    }
    var save = function () {
      var all = kept();
      delete all[key];  // re-added last: the newest
      all[key] = answers();
      var keys = Object.keys(all);
      keys.slice(0, Math.max(0, keys.length - KEEP_VISITS)).forEach(function (old) { delete all[old]; });
      try { storage.setItem(KEPT, JSON.stringify(all)); } catch (e) { /* full or off */ }
    };
    var restore = function () {
      var given = kept()[key];
      if (answers(true).length || !given || !given.length) { return; }
      putBack(given);
      var said = document.getElementById("answers-restored");
      if (said) { said.hidden = false; }
    };
    restore();
    save();
    assessForm.addEventListener("input", save);
    assessForm.addEventListener("change", save);
    assessForm.addEventListener("submit", save);
    // Back to a page the browser kept whole (bfcache): the form is as it was, unless emptied.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted && !answers().length) { restore(); }
    });
  }

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
