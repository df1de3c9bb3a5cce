/* Keyboard help every page shares (issue 13).
 * A page shown again with errors puts the focus on its error summary, so a keyboard or
 * screen-reader user hears what went wrong first. A modal dialog marked data-focus-trap
 * (Account Created) keeps Tab and Shift+Tab inside itself; the Terms dialog has its own
 * trap in terms.js because it opens and closes. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  var dialog = document.querySelector("[role=dialog][data-focus-trap]");
  if (!dialog) { return; }
  function focusable() {
    return Array.prototype.filter.call(
      dialog.querySelectorAll("button, [href], input, select, textarea, [tabindex]:not([tabindex='-1'])"),
      function (el) { return !el.disabled && !el.hidden; });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Tab") { return; }
    var items = focusable();
    if (items.length === 0) { event.preventDefault(); return; }
    var first = items[0];
    var last = items[items.length - 1];
    var outside = !dialog.contains(document.activeElement);
    if (event.shiftKey && (outside || document.activeElement === first)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (outside || document.activeElement === last)) {
      event.preventDefault();
      first.focus();
    }
  });
}());
