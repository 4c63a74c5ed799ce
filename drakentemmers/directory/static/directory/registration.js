// Progressive enhancement for the profession step: show only the registration details that belong to the
// chosen registration. Without JavaScript every field shows; the server ignores the ones that do not fit.
(function () {
  "use strict";
  function update() {
    var chosen = document.querySelector("input[name='registration_kind']:checked");
    document.querySelectorAll("[data-registration-kinds]").forEach(function (input) {
      var field = input.closest(".dt-field") || input;
      var kinds = input.getAttribute("data-registration-kinds").split(" ");
      var show = !chosen || kinds.indexOf(chosen.value) !== -1 || input.getAttribute("aria-invalid") === "true";
      field.hidden = !show;
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "registration_kind") {
      update();
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
