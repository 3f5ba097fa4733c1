/*
 * Our additions to wagtail-localize's translation editor, configured by
 * templates/wagtail_localize/admin/edit_translation.html:
 *
 * - each source text gets the source language and direction, and each
 *   translation (the text shown and the box it is typed in) the target's, so
 *   Arabic is typed right to left in the English admin and English left to
 *   right in the Arabic one (wagtail-localize#197);
 * - the section title "<source> to <target> translation", a literal in the
 *   editor's bundle, is replaced by a translatable one;
 * - the workflow actions ("Submit for moderation", "Save draft") join the
 *   footer: as its main button for users who cannot publish (the editor's own
 *   default, e.g. "Delete", moves into the menu), else in the menu.
 *
 * The editor renders with React and re-renders parts of itself (a text box
 * appears when a segment is edited), so this runs again on every change.
 * Only attributes and our own nodes are touched, never React's structure.
 */
const initTranslationEditor = () => {
  const config = document.getElementById("sharaka-translation-editor");
  const editor = document.querySelector(".js-translation-editor");
  if (!config || !editor) {
    return;
  }
  const settings = config.dataset;

  const setLanguage = (element, lang, dir) => {
    if (element.getAttribute("lang") !== lang) {
      element.setAttribute("lang", lang);
    }
    if (element.getAttribute("dir") !== dir) {
      element.setAttribute("dir", dir);
    }
  };

  const markLanguages = () => {
    // A text segment is <li><h4?/><p>source</p><div>translation or text box</div>...</li>;
    // synchronised values (links, numbers) have no source paragraph and keep their direction.
    editor.querySelectorAll("li > p + div").forEach((value) => {
      setLanguage(value.previousElementSibling, settings.sourceLang, settings.sourceDir);
      setLanguage(value, settings.targetLang, settings.targetDir);
      value.querySelectorAll("textarea, input[type='text']").forEach((input) => {
        setLanguage(input, settings.targetLang, settings.targetDir);
      });
    });
  };

  const translateSectionTitles = () => {
    editor.querySelectorAll("section h3").forEach((heading) => {
      const text = heading.firstChild;
      if (
        heading.childNodes.length === 1 &&
        text.nodeType === Node.TEXT_NODE &&
        text.nodeValue === settings.sectionTitleOriginal
      ) {
        // Change the text node React rendered rather than replacing it.
        text.nodeValue = settings.sectionTitle;
      }
    });
  };

  const installActions = () => {
    const actions = config.content.querySelectorAll("[data-sharaka-action]");
    const menu = editor.querySelector("footer nav.actions .w-dropdown-button");
    if (!actions.length || !menu || menu.hasAttribute("data-sharaka-actions")) {
      return;
    }
    const dropdown = menu.querySelector(":scope > .w-dropdown");
    const content = menu.querySelector("[data-w-dropdown-target='content']");
    if (!dropdown || !content) {
      return;
    }
    menu.setAttribute("data-sharaka-actions", "");
    const buttons = Array.from(actions, (action) => document.importNode(action, true));
    if ("primaryAction" in settings) {
      const defaultAction = menu.firstElementChild === dropdown ? null : menu.firstElementChild;
      if (defaultAction) {
        // Keep the editor's default action, but in the menu; React keeps its own (hidden) node.
        const copy = defaultAction.cloneNode(true);
        copy.classList.add("action-secondary");
        content.prepend(copy);
        defaultAction.hidden = true;
      }
      menu.insertBefore(buttons.shift(), dropdown);
    }
    content.prepend(...buttons);
  };

  const apply = () => {
    markLanguages();
    translateSectionTitles();
    installActions();
  };

  let scheduled = false;
  new MutationObserver(() => {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        apply();
      });
    }
  }).observe(editor, { childList: true, subtree: true });
  apply();
};

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", initTranslationEditor);
} else {
  initTranslationEditor();
}
