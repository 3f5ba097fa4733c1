/* Small progressive enhancements; every page works without this file. */
(function () {
  "use strict";

  // Remember the language a reader chose with the switcher, so "/" sends
  // them there next time (the server reads Django's language cookie).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-language]");
    if (!link) return;
    var secure = window.location.protocol === "https:" ? "; secure" : "";
    document.cookie = "django_language=" + link.getAttribute("data-language") +
      "; path=/; max-age=31536000; samesite=lax" + secure;
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
