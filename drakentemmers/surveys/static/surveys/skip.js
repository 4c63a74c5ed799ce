// Progressive enhancement of the skip logic: hide what does not apply. Without JavaScript every question
// shows with its "Only if you answered ..." hint, and the server ignores answers to skipped questions.
(function () {
  "use strict";
  var form = document.querySelector("form[data-skip-logic]");
  if (!form) return;
  function answers(name) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    var values = [];
    inputs.forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      if (input.closest("[hidden]")) return;
      values.push(input.value);
    });
    return values;
  }
  function update() {
    form.querySelectorAll("[data-show-if]").forEach(function (element) {
      var show = answers(element.getAttribute("data-show-if")).indexOf(element.getAttribute("data-show-value")) !== -1;
      element.hidden = !show;
    });
  }
  form.addEventListener("change", update);
  update();
})();
