/* Small progressive enhancements; every page works without this file. */
(function () {
  "use strict";

  // A link in the error summary moves focus to its field (a fragment link only
  // scrolls), with the field's label or question in view above it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target || !/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
    event.preventDefault();
    // A radio button or checkbox is introduced by its group's legend; any other
    // field by its own label (the form's section fieldsets are too far up).
    var grouped = target.type === "radio" || target.type === "checkbox";
    var label = grouped && target.closest("fieldset")
      ? target.closest("fieldset").querySelector("legend")
      : document.querySelector("label[for='" + target.id + "']");
    (label || target).scrollIntoView({ block: "start", behavior: "instant" });
    var box = target.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) target.scrollIntoView({ block: "center", behavior: "instant" });
    target.focus({ preventScroll: true });
  });

  // Move focus to a form's error summary or confirmation, for browsers that
  // skip the autofocus attribute.
  document.addEventListener("DOMContentLoaded", function () {
    var target = document.querySelector("[data-focus-on-load]");
    if (target && document.activeElement !== target) target.focus();
  });
})();

// Videos: load the player only when the reader asks for it.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-video-play]");
    if (!link) return;
    var figure = link.closest("[data-video-id]");
    if (!figure) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.className = "video-frame";
    frame.src = "https://www.youtube-nocookie.com/embed/" + encodeURIComponent(figure.getAttribute("data-video-id")) + "?autoplay=1";
    frame.title = figure.querySelector(".video-facade__title").textContent;
    frame.allow = "autoplay; encrypted-media; picture-in-picture";
    frame.allowFullscreen = true;
    var facade = figure.querySelector(".video-facade");
    facade.replaceWith(frame);
    frame.focus();
  });
})();
