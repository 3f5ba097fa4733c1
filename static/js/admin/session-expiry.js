/*
 * Staff sessions end after a spell without activity (accounts/session_expiry.py).
 * Typing or clicking on an open page is activity: the script reports it. Two minutes
 * before the end it asks "Are you still there?". If the session ends anyway, it keeps
 * the page as it is, offers to sign in again in a new tab, and when that is done gives
 * the page's forms the new CSRF token so that saving works.
 */
(() => {
  const template = document.getElementById('sharaka-session-expiry');
  if (!template) return;
  const CHECK_EVERY = 30 * 1000;
  const WARN_BEFORE = 120;
  const url = template.dataset.keepAliveUrl;
  let csrfToken = null;
  let active = false;
  let ended = false;
  let signedIn = false; // only a page opened while signed in can find its session ended
  let timer = null;
  let dialog = null;

  ['keydown', 'pointerdown', 'input'].forEach((type) =>
    document.addEventListener(type, () => { active = true; }, { capture: true, passive: true }),
  );

  function ensureDialog() {
    if (!dialog) {
      document.body.appendChild(template.content.cloneNode(true));
      dialog = document.querySelector('.sharaka-session-dialog');
      dialog.querySelector('[data-action="stay"]').addEventListener('click', () => {
        active = true;
        check();
      });
      dialog.querySelector('[data-action="close"]').addEventListener('click', () => dialog.close());
      const signIn = dialog.querySelector('[data-action="sign-in"]');
      signIn.href = `${template.dataset.loginUrl}?next=${encodeURIComponent(template.dataset.homeUrl)}`;
    }
    return dialog;
  }

  function show(state, seconds) {
    const box = ensureDialog();
    box.querySelectorAll('[data-state]').forEach((part) => { part.hidden = part.dataset.state !== state; });
    const count = box.querySelector('[data-seconds]');
    if (count && seconds !== undefined) count.textContent = String(Math.max(0, Math.round(seconds)));
    if (!box.open) box.showModal();
  }

  function hide() {
    if (dialog && dialog.open) dialog.close();
  }

  function useToken(token) {
    csrfToken = token;
    document.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach((input) => { input.value = token; });
  }

  async function ask(method) {
    const headers = { Accept: 'application/json' };
    if (method === 'POST' && csrfToken) headers['X-CSRFToken'] = csrfToken;
    const response = await fetch(url, { method, headers, credentials: 'same-origin', redirect: 'manual' });
    if (response.status !== 200) return null;
    return response.json();
  }

  async function check() {
    let state = await ask('GET');
    if (state && active) {
      active = false;
      useToken(state.csrf_token);
      state = (await ask('POST')) || state;
    }
    if (!state || !state.signed_in) {
      if (!signedIn) {
        window.clearInterval(timer); // the sign-in page, or the second factor's pages
        return;
      }
      ended = true;
      show('ended');
      return;
    }
    signedIn = true;
    if (ended) {
      ended = false;
      useToken(state.csrf_token);
      show('back');
      return;
    }
    csrfToken = state.csrf_token;
    if (state.seconds_left <= WARN_BEFORE) show('warning', state.seconds_left);
    else if (dialog && dialog.open && !dialog.querySelector('[data-state="back"]:not([hidden])')) hide();
  }

  timer = window.setInterval(check, CHECK_EVERY);
  check();
})();
