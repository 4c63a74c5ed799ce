// Progressive enhancement for forms; everything works without it.
// 1. A form that came back with errors: move focus to the error summary, so screen readers read it first.
// 2. A link in the summary: focus the field itself, not only scroll to it.
(function () {
  "use strict";
  function focusSummary() {
    var summary = document.querySelector("[data-error-summary], #error-summary");
    if (summary) {
      summary.focus();
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#'], #error-summary a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (field) {
      event.preventDefault();
      field.focus();
      field.scrollIntoView({ block: "center" });
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();
