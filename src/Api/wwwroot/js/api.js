// fetch() against this same origin with the page's API key (keys mode); errors carry the ProblemDetails
// body the API sends, and a 401 also tells the app to ask for a key.
import { authorizedFetch } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problemSummary(status, problem));
    this.status = status;
    this.problem = typeof problem === 'object' && problem !== null ? problem : { title: String(problem || '') };
  }

  /** [{path, messages}] from a ValidationProblem, in the server's order. */
  get fieldErrors() {
    return Object.entries(this.problem.errors ?? {}).map(([path, messages]) => ({ path, messages }));
  }
}

function problemSummary(status, problem) {
  if (problem && typeof problem === 'object') {
    const fields = Object.entries(problem.errors ?? {}).map(([path, messages]) => `${path} ${[].concat(messages).join('; ')}`);
    const parts = [problem.title, problem.detail, ...fields].filter(Boolean);
    if (parts.length) return `${parts.join(' — ')} (HTTP ${status})`;
  }
  return `HTTP ${status}`;
}

/** `body` may be an object (sent as JSON) or a string (sent as is, for the spec editor's raw text). */
export async function api(path, { method = 'GET', body, signal } = {}) {
  let response;
  try {
    response = await authorizedFetch(path, {
      method,
      signal,
      headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, { title: 'The service cannot be reached', detail: error.message });
  }
  const type = response.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const jobUrl = id => `/api/jobs/${encodeURIComponent(id)}`;

/** A file the API serves (a plot, a checkpoint) fetched with the key attached, which <img> and plain links cannot send. */
async function fetchFile(path) {
  const response = await authorizedFetch(path);
  if (!response.ok) throw new ApiError(response.status, await response.text());
  return response;
}

/** An object URL for an image the API draws; the caller revokes it when the view goes. */
export async function imageUrl(path) {
  return URL.createObjectURL(await (await fetchFile(path)).blob());
}

/** Downloads a file the API serves with the key attached; the name is the server's. */
export async function download(path, fallbackName) {
  const response = await fetchFile(path);
  const url = URL.createObjectURL(await response.blob());
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
