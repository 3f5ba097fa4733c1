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

  // Move focus to a form's error summary (browsers without autofocus support).
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (summary && document.activeElement !== summary) summary.focus();
  });
})();
