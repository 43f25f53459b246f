/**
 * The bearer token of whoever uses the page, kept in sessionStorage: it survives a reload of the
 * tab but not closing it, and it is never sent anywhere but the API's Authorization header.
 */

const KEY = 'afvalroute.token';

/** @returns {string | null} */
export function readToken() {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

/** @param {string} token */
export function saveToken(token) {
  sessionStorage.setItem(KEY, token.trim());
}

export function clearToken() {
  sessionStorage.removeItem(KEY);
}
