// The API client of the dashboard: bearer tokens kept in sessionStorage (this tab only, gone when it closes), a
// transparent refresh through POST /api/v1/auth/refresh (one at a time, shortly before expiry or after a 401), and
// RFC 9457 problem details turned into ApiError with plain words.

const STORE = 'salesagent.tokens';
const PROBLEM = 'urn:salesagent:problem:';
const listeners = new Set();
let tokens = load();
let refreshing = null;

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) || 'null');
  } catch (e) {
    return null;
  }
}

function keep(response) {
  tokens = {
    access_token: response.access_token,
    refresh_token: response.refresh_token,
    expires_at: Date.now() + (response.expires_in || 900) * 1000,
  };
  sessionStorage.setItem(STORE, JSON.stringify(tokens));
}

function forget() {
  tokens = null;
  sessionStorage.removeItem(STORE);
}

/** An error answer of the API: status, the problem's code (the end of its type URI), plain-words message. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(message(status, problem));
    this.status = status;
    this.problem = problem || {};
    const type = this.problem.type || '';
    this.code = type.startsWith(PROBLEM) ? type.substring(PROBLEM.length) : null;
    this.errors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

function message(status, problem) {
  if (problem && (problem.detail || problem.title)) {
    return problem.detail || problem.title;
  }
  if (status === 0) return 'The server cannot be reached. Check your connection and try again.';
  if (status === 401) return 'Your session has ended. Please sign in again.';
  if (status === 403) return 'Your role does not allow this action.';
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many requests. Wait a minute and try again.';
  return 'The server could not complete the request (HTTP ' + status + ').';
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch (e) {
    return null;
  }
}

/** Called with no argument when the session ends (sign-out, or a refresh the server refuses). */
export function onSignedOut(listener) {
  listeners.add(listener);
}

export function signedIn() {
  return tokens !== null;
}

async function post(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response));
  }
  return response.status === 204 ? null : response.json();
}

/**
 * Signs in with e-mail and password (and the one-time code when the account has TOTP on).
 * Throws ApiError with code 'totp-required' when the server asks for the second factor.
 */
export async function signIn(email, password, totpCode) {
  const body = {email, password};
  if (totpCode) body.totp_code = totpCode;
  keep(await post('/api/v1/auth/token', body));
}

/** Keeps a token response obtained elsewhere (the SSO flow). */
export function adopt(tokenResponse) {
  keep(tokenResponse);
}

/** Revokes the refresh token family on the server and forgets the tokens. */
export async function signOut() {
  const presented = tokens && tokens.refresh_token;
  forget();
  if (presented) {
    try {
      await post('/api/v1/auth/logout', {refresh_token: presented});
    } catch (e) {
      // signed out locally either way; the refresh token expires on its own
    }
  }
  listeners.forEach(l => l());
}

function refresh() {
  if (!refreshing) {
    const presented = tokens && tokens.refresh_token;
    refreshing = (async () => {
      if (!presented) throw new ApiError(401, null);
      try {
        keep(await post('/api/v1/auth/refresh', {refresh_token: presented}));
      } catch (e) {
        if (e.status !== 0) {
          forget();
          listeners.forEach(l => l());
        }
        throw e;
      }
    })().finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** A valid access token, refreshed first when it expires within 30 seconds. */
export async function accessToken() {
  if (!tokens) throw new ApiError(401, null);
  if (Date.now() > tokens.expires_at - 30000) {
    await refresh();
  }
  return tokens.access_token;
}

/**
 * Calls the API: api('/api/v1/users'), api(path, {method: 'POST', body: {...}}), api(path, {form: formData}).
 * Query parameters with empty values are left out. Resolves to the parsed JSON (null for 204); with raw: true to the
 * Response itself (for streams). A 401 refreshes the tokens once and repeats the call.
 */
export async function api(path, options = {}) {
  const {method = 'GET', body, form, query, raw = false, signal} = options;
  let url = path;
  if (query) {
    const params = new URLSearchParams();
    Object.entries(query).forEach(([k, v]) => {
      if (v !== undefined && v !== null && v !== '') params.append(k, v);
    });
    const text = params.toString();
    if (text) url += (url.includes('?') ? '&' : '?') + text;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const headers = {'Authorization': 'Bearer ' + await accessToken(), 'Accept': raw ? '*/*' : 'application/json'};
    let payload;
    if (form) {
      payload = form;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, {method, headers, body: payload, signal});
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, null);
    }
    if (response.status === 401 && attempt === 0) {
      await refresh();
      continue;
    }
    if (!response.ok) {
      throw new ApiError(response.status, await problemOf(response));
    }
    if (raw) return response;
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') || '';
    return type.includes('json') ? response.json() : response.text();
  }
  throw new ApiError(401, null);
}

/**
 * Follows a server-sent event stream with the bearer token (EventSource cannot send headers): calls onEvent({event,
 * data}) per event, data parsed as JSON when it is JSON. Resolves when the stream ends; abort through signal.
 */
export async function events(path, onEvent, signal) {
  const response = await api(path, {raw: true, signal});
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, {stream: true});
    let cut;
    while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.substring(0, cut);
      buffer = buffer.substring(cut).replace(/^\r?\n\r?\n/, '');
      let event = 'message';
      const data = [];
      block.split(/\r?\n/).forEach(line => {
        if (line.startsWith('event:')) event = line.substring(6).trim();
        else if (line.startsWith('data:')) data.push(line.substring(5).replace(/^ /, ''));
      });
      if (data.length) {
        const text = data.join('\n');
        let parsed = text;
        try { parsed = JSON.parse(text); } catch (e) { /* plain text */ }
        onEvent({event, data: parsed});
      }
    }
  }
}
