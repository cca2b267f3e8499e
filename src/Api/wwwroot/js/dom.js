// Tiny DOM helpers: every piece of user data goes in through textContent, never innerHTML.

/** el('a', {href: '#x', class: 'btn'}, 'text', child) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** Sets text only when it changed, so live updates do not disturb selection or screen readers. */
export function setText(node, text) {
  const value = String(text);
  if (node.textContent !== value) node.textContent = value;
}

export function statusBadge(status) {
  return el('span', { class: `badge status-${status}` }, status);
}

/** A notice for empty and error states; `action` adds a button (`actionLabel` on it). */
export function notice(kind, message, action, actionLabel = 'Try again') {
  return el('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : null },
    el('p', {}, message),
    action ? el('button', { type: 'button', onclick: action }, actionLabel) : null);
}

/** A view keeps its own state (filters, compared jobs) in the hash without re-rendering itself. */
export function replaceQuery(path, query) {
  const search = query.toString();
  history.replaceState(null, '', `#${path}${search ? `?${search}` : ''}`);
}

/** Ids are UUIDv7, time-ordered: jobs created together share their first digits, so show the last ones. */
export const shortId = id => `…${id.slice(-8)}`;
