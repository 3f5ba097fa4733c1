/*
 * Starts the admin widgets that Wagtail 8 starts with inline scripts (date
 * pickers, choosers, inline panels), so the admin's Content-Security-Policy can
 * forbid inline scripts. Each such widget is followed by an inert
 *
 *   <script type="application/json" data-sharaka-start>
 *     {"name": "PageChooser", "construct": true, "args": [...]}
 *   </script>
 *
 * (core/admin_scripts.py). This script, loaded in the head of every admin page,
 * makes that call once for each marker as it enters the document: while the
 * page is parsed (in document order, before the next script runs, as the
 * inline script did), and later when a chooser modal or "Add another" inserts
 * more. Only the names below can be called, so markup injected into a page
 * cannot reach any other function.
 */
(() => {
  const CONSTRUCTORS = new Set([
    "Chooser",
    "PageChooser",
    "ImageChooser",
    "DocumentChooser",
    "SnippetChooser",
    "InlinePanel",
    "MultipleChooserPanel",
  ]);
  const FUNCTIONS = new Set([
    "initDateChooser",
    "initTimeChooser",
    "initDateTimeChooser",
    "createTaskChooser",
  ]);
  const SELECTOR = 'script[type="application/json"][data-sharaka-start]';
  const started = new WeakSet();

  const start = (marker) => {
    if (started.has(marker)) {
      return;
    }
    let spec;
    try {
      spec = JSON.parse(marker.textContent);
    } catch (error) {
      if (document.readyState === "loading") {
        return; // still being parsed: the DOMContentLoaded sweep starts it
      }
      throw error;
    }
    started.add(marker);
    const allowed = spec.construct ? CONSTRUCTORS : FUNCTIONS;
    const target = window[spec.name];
    if (!allowed.has(spec.name) || typeof target !== "function") {
      throw new Error(`Cannot start the admin widget "${spec.name}"`);
    }
    if (spec.construct) {
      new target(...spec.args); // eslint-disable-line no-new
    } else {
      target(...spec.args);
    }
  };

  // One widget that fails to start is reported, as its inline script's error
  // was, and does not stop the others.
  const startReporting = (marker) => {
    try {
      start(marker);
    } catch (error) {
      window.reportError(error);
    }
  };

  const startWithin = (node) => {
    if (node.nodeType !== Node.ELEMENT_NODE) {
      return;
    }
    if (node.matches(SELECTOR)) {
      startReporting(node);
    }
    node.querySelectorAll(SELECTOR).forEach(startReporting);
  };

  new MutationObserver((records) => {
    records.forEach((record) => record.addedNodes.forEach(startWithin));
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => startWithin(document.documentElement));
})();
