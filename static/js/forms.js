/*
 * A form token for each of the page's forms, fetched when the visitor first
 * touches the form. Pages are cached and the same for every visitor, so they
 * carry none (submissions/views.py). The token's request says how long the page
 * has been open, so a quick one-click answer after reading is not "too fast".
 * Sending a form that has no token yet waits for one. If the token cannot be
 * fetched (offline, or no JavaScript at all) the form is sent without one and the
 * server asks the visitor to confirm.
 */
(function () {
  "use strict";

  function tokenField(form) {
    return form.querySelector("input[name='form_token']");
  }

  function fetchToken(form) {
    if (!form.tokenRequest) {
      var url = new URL(form.dataset.tokenUrl, window.location.href);
      url.searchParams.set("shown", String(Math.round(performance.now())));
      form.tokenRequest = fetch(url, { credentials: "omit", cache: "no-store" })
        .then(function (response) {
          if (!response.ok) throw new Error("token " + response.status);
          return response.json();
        })
        .then(function (data) {
          tokenField(form).value = data.token;
        })
        .catch(function () {
          form.tokenRequest = null; // try again on the next touch; sending still works
        });
    }
    return form.tokenRequest;
  }

  function prepare(form) {
    var field = tokenField(form);
    if (!field || !form.dataset.tokenUrl) return;
    var first = function () {
      if (!field.value) fetchToken(form);
    };
    ["focusin", "pointerdown", "input"].forEach(function (type) {
      form.addEventListener(type, first, { passive: true });
    });
    form.addEventListener("submit", function (event) {
      if (field.value) return;
      // No token yet: wait for it, once, then send (form.submit() fires no
      // second submit event). A second click meanwhile changes nothing.
      event.preventDefault();
      if (form.dataset.sending) return;
      form.dataset.sending = "1";
      // form.submit() leaves out the button pressed: a "Yes" / "No" form says its answer
      // with the button's name and value, so they go with it as a hidden field.
      var button = event.submitter;
      if (button && button.name) {
        var answer = document.createElement("input");
        answer.type = "hidden";
        answer.name = button.name;
        answer.value = button.value;
        form.appendChild(answer);
      }
      var send = function () {
        form.submit();
      };
      fetchToken(form).then(send, send);
    });
    // Back to this page from the next one: it may be sent again.
    window.addEventListener("pageshow", function () {
      delete form.dataset.sending;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-token-url]").forEach(prepare);
  });
})();
