// fetch() against this same origin; errors carry the ProblemDetails body the API sends.

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
    response = await fetch(path, {
      method,
      signal,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
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
