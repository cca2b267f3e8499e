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

/** Fired on any 401: the app shows the sign-in view; the view that was open stays in the address. */
export const UNAUTHORIZED_EVENT = 'trainservice:unauthorized';

/**
 * fetch() for every call the page makes to the API: adds the key (none in mode none, where the page holds
 * none) and turns a 401 into UNAUTHORIZED_EVENT, so JSON calls, files and the event stream are handled alike.
 */
export async function authorizedFetch(path, { headers = {}, ...init } = {}) {
  const key = currentKey();
  const response = await fetch(path, { ...init, headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers } });
  if (response.status === 401) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  return response;
}
