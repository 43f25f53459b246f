/**
 * Sign-in with a bearer token for the staff pages (planning and beheer): the token is tried on a
 * staff-only path before the page opens, a wrong or driver's token is turned away with a reason,
 * and a 401 later signs out. The page provides #sign-in, #sign-in-form, #token-input,
 * #sign-in-error, #sign-out and the element that holds the page itself.
 */
import { ApiError, describeError } from './api-client.js';
import { byId } from './dom.js';
import { clearToken, readToken, saveToken } from './session.js';

/**
 * @param {{ api: import('./api-client.js').Api, probePath: string, page: HTMLElement, onSignedIn: () => Promise<void> | void }} options
 * @returns {{ signOut: (message?: string) => void, isUnauthorized: (err: unknown) => boolean }}
 */
export function setUpSignIn({ api, probePath, page, onSignedIn }) {
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
