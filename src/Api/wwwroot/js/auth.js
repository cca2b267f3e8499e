// The API key the page sends in keys mode. It lives in sessionStorage (gone with the tab) unless the user
// ticks "remember", then in localStorage; it never goes into a URL, where proxies and logs would keep it.

const STORAGE_KEY = 'trainservice.apiKey';

export function currentKey() {
  return sessionStorage.getItem(STORAGE_KEY) ?? localStorage.getItem(STORAGE_KEY);
}

export function saveKey(key, remember) {
  forgetKey();
  (remember ? localStorage : sessionStorage).setItem(STORAGE_KEY, key);
}

export function forgetKey() {
  sessionStorage.removeItem(STORAGE_KEY);
  localStorage.removeItem(STORAGE_KEY);
}

/** Headers to add to every API request: none in mode none, where the page holds no key. */
export function authHeaders() {
  const key = currentKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** Fired on any 401: the app shows the sign-in view; the view that was open stays in the address. */
export const UNAUTHORIZED_EVENT = 'trainservice:unauthorized';
