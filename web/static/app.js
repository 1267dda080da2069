// On a narrow screen, side panels (search facets, a document's entities) start folded so the results come
// first; they stay one tap or keypress away. Without this script they are simply open.
(function () {
  "use strict";
  if (window.matchMedia && window.matchMedia("(max-width: 60rem)").matches) {
    document.querySelectorAll("details[data-fold-narrow]").forEach(function (d) { d.open = false; });
  }
}());
