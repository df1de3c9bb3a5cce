/* The Terms and Conditions dialog of "Use of the Website" (guide steps 3-4).
 * Opening fetches the text; Close or Escape closes and returns focus to the opener;
 * Tab stays inside the dialog; once the text was shown and the dialog closed, the
 * agree checkbox is enabled, and checking it enables Continue. */
(function () {
  "use strict";
  var opener = document.getElementById("view-terms");
  var backdrop = document.getElementById("terms-backdrop");
  var dialog = document.getElementById("terms-dialog");
  if (!opener || !backdrop || !dialog) { return; }
  var body = document.getElementById("terms-body");
  var closeButton = document.getElementById("terms-close");
  var agree = document.getElementById("agree");
  var viewed = document.getElementById("terms_viewed");
  var hint = document.getElementById("agree-hint");
  var continueButton = document.getElementById("continue");
  var page = document.querySelector(".page-wrap");
  var stuck = continueButton && continueButton.hasAttribute("data-stuck");
  var loaded = false;
  var closedAfterOpening = false;
  var returnFocusTo = null;

  function markViewedWhenReady() {
    if (!(loaded && closedAfterOpening)) { return; }
    agree.disabled = false;
    viewed.value = "1";
    if (hint) { hint.hidden = true; }
  }

  function updateContinue() {
    if (continueButton && !stuck) { continueButton.disabled = !(agree.checked && !agree.disabled); }
  }

  function showLoadError() {
    body.textContent = "";
    var alert = document.createElement("p");
    alert.setAttribute("role", "alert");
    alert.className = "error-summary";
    alert.textContent = "The Terms and Conditions could not be loaded. Try again. (SYS-998)";
    body.appendChild(alert);
  }

  function load() {
    loaded = false;
    body.textContent = "Loading\u2026";
    fetch(opener.getAttribute("data-document-url"), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        body.innerHTML = html;
        loaded = true;
        markViewedWhenReady();
      })
      .catch(showLoadError);
  }

  function focusable() {
    return Array.prototype.filter.call(
      dialog.querySelectorAll("button, [href], input, select, textarea, [tabindex]:not([tabindex='-1'])"),
      function (el) { return !el.disabled && !el.hidden; });
  }

  function open() {
    returnFocusTo = document.activeElement || opener;
    closedAfterOpening = false;
    backdrop.hidden = false;
    if (page) { page.inert = true; }
    load();
    closeButton.focus();
  }

  function close() {
    if (backdrop.hidden) { return; }
    backdrop.hidden = true;
    if (page) { page.inert = false; }
    closedAfterOpening = true;
    markViewedWhenReady();
    (returnFocusTo && document.contains(returnFocusTo) ? returnFocusTo : opener).focus();
  }

  opener.addEventListener("click", open);
  // The button comes disabled: a click before this script ran would open nothing.
  opener.disabled = false;
  closeButton.addEventListener("click", close);
  document.addEventListener("keydown", function (event) {
    if (backdrop.hidden) { return; }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      var items = focusable();
      if (items.length === 0) { return; }
      var first = items[0];
      var last = items[items.length - 1];
      if (event.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !dialog.contains(document.activeElement))) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  agree.addEventListener("change", updateContinue);
  updateContinue();
}());
