/*
 * Village: "select all on this page" for lists of checkboxes, such as the moderation queue.
 *
 * A checkbox marked data-select-all (inside a [data-select-all-control] rendered hidden, so
 * that without JavaScript nothing shows that does nothing) ticks or clears every other checkbox inside the nearest
 * [data-select-all-scope]; it shows as partly ticked when only some are. It holds no words:
 * its label comes from the page, in the page's language.
 */
(function () {
  "use strict";

  var toggles = document.querySelectorAll("[data-select-all]");

  function boxesOf(toggle) {
    var scope = toggle.closest("[data-select-all-scope]");
    if (!scope) {
      return [];
    }
    return Array.prototype.filter.call(
      scope.querySelectorAll("input[type=checkbox]"),
      function (box) { return !box.hasAttribute("data-select-all"); }
    );
  }

  function reflect(toggle, boxes) {
    var ticked = boxes.filter(function (box) { return box.checked; }).length;
    toggle.checked = boxes.length > 0 && ticked === boxes.length;
    toggle.indeterminate = ticked > 0 && ticked < boxes.length;
  }

  Array.prototype.forEach.call(toggles, function (toggle) {
    var boxes = boxesOf(toggle);
    if (!boxes.length) {
      return;
    }
    (toggle.closest("[data-select-all-control]") || toggle).hidden = false;
    reflect(toggle, boxes);
    toggle.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = toggle.checked; });
    });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () { reflect(toggle, boxes); });
    });
  });
}());
