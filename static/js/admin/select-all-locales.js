/*
 * "Select all" on wagtail-localize's "Translate" form ticks or clears every
 * language (their inline script, moved here for the admin's CSP; see
 * templates/wagtail_localize/admin/submit_translation.html).
 */
document.addEventListener("DOMContentLoaded", () => {
  const selectAll = document.querySelector('[name="select_all"]');
  if (!selectAll) {
    return;
  }
  selectAll.addEventListener("change", () => {
    document.querySelectorAll('[name="locales"]').forEach((locale) => {
      locale.checked = selectAll.checked;
    });
  });
});
