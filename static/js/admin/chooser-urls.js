/*
 * The chooser addresses wagtail-localize's translation editor opens
 * (window.chooserUrls), read from this script element's data attributes: their
 * template sets them in an inline script, which the admin's CSP forbids (see
 * templates/wagtail_localize/admin/edit_translation.html).
 */
(() => {
  const urls = document.currentScript.dataset;
  if (typeof window.chooserUrls === "undefined") {
    window.chooserUrls = {
      imageChooser: urls.imageChooser,
      documentChooser: urls.documentChooser,
      pageChooser: urls.pageChooser,
    };
  }
})();
