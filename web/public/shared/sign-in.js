/**
 * Sign-in with a bearer token for the staff pages (planning and beheer): the token is tried on a
 * staff-only path before the page opens, a wrong or driver's token is turned away with a reason,
 * and a 401 later signs out. The sign-in box is made here, after the page's top bar; the page
 * provides the #sign-out button, the #status-line and the element that holds the page itself.
 */
import { ApiError, describeError } from './api-client.js';
import { byId, h } from './dom.js';
import { clearToken, readToken, saveToken } from './session.js';

function signInBox() {
  return h(
    'section',
    { id: 'sign-in', className: 'sign-in', hidden: true },
    h('h2', null, 'Aanmelden'),
    h('p', { className: 'muted' }, 'Plak het toegangstoken dat u van de beheerder kreeg (rol planner of beheerder). Het blijft alleen in dit tabblad bewaard.'),
    h(
      'form',
      { id: 'sign-in-form' },
      h('input', { id: 'token-input', type: 'password', autocomplete: 'off', placeholder: 'afr_…', 'aria-label': 'Toegangstoken', required: true }),
      h('button', { type: 'submit' }, 'Aanmelden'),
    ),
    h('p', { id: 'sign-in-error', className: 'error', role: 'alert' }),
  );
}

/**
 * The status line of a staff page: a short text, or an error in red (a 401 signs out instead).
 * @param {(err: unknown) => boolean} isUnauthorized
 */
export function statusLine(isUnauthorized) {
  const el = byId('status-line');
  return {
    /** @param {string} text */
    show(text) {
      el.classList.remove('error');
      el.textContent = text;
    },
    /** @param {unknown} err */
    error(err) {
      if (isUnauthorized(err)) return;
      el.textContent = describeError(err);
      el.classList.add('error');
    },
  };
}

/**
 * @param {{ api: import('./api-client.js').Api, probePath: string, page: HTMLElement, onSignedIn: () => Promise<void> | void }} options
 * @returns {{ signOut: (message?: string) => void, isUnauthorized: (err: unknown) => boolean }}
 */
export function setUpSignIn({ api, probePath, page, onSignedIn }) {
  document.querySelector('header.topbar')?.after(signInBox());
  function showSignIn() {
    page.hidden = true;
    byId('sign-out').hidden = true;
    byId('sign-in').hidden = false;
    /** @type {HTMLInputElement} */ (byId('token-input')).focus();
  }

  /** @param {string} [message] */
  function signOut(message) {
    clearToken();
    byId('sign-in-error').textContent = message ?? '';
    showSignIn();
  }

  async function checkToken() {
    try {
      await api.request(probePath);
      return null;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return 'Dit token is onbekend of ingetrokken.';
      if (err instanceof ApiError && err.status === 403) return 'Dit token hoort niet bij een planner of beheerder.';
      return describeError(err);
    }
  }

  async function open() {
    byId('sign-in').hidden = true;
    page.hidden = false;
    byId('sign-out').hidden = false;
    await onSignedIn();
  }

  byId('sign-in-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = /** @type {HTMLInputElement} */ (byId('token-input'));
    saveToken(input.value);
    const problem = await checkToken();
    if (problem) {
      clearToken();
      byId('sign-in-error').textContent = problem;
      return;
    }
    input.value = '';
    byId('sign-in-error').textContent = '';
    await open();
  });
  byId('sign-out').addEventListener('click', () => signOut());

  if (readToken()) checkToken().then((problem) => (problem ? signOut(problem) : open()));
  else showSignIn();

  return {
    signOut,
    isUnauthorized: (err) => {
      if (!(err instanceof ApiError && err.status === 401)) return false;
      signOut('Uw token is niet (meer) geldig. Meld u opnieuw aan.');
      return true;
    },
  };
}
