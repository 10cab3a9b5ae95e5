// The live feed: one WebSocket to /ws/dashboard per signed-in tab (the access token as the access_token query
// parameter, since browsers cannot set headers on a WebSocket), reconnected with back-off and a fresh token.
// Messages are JSON {"type": "order.created" | "metrics.updated" | ..., "at": ..., ...}.
import {accessToken} from './api.js';

export class LiveFeed {
  constructor(enabled) {
    this.enabled = enabled;
    this.handlers = new Set();
    this.statusHandlers = new Set();
    this.socket = null;
    this.stopped = false;
    this.delay = 1000;
    this.status = 'off';
  }

  /** Calls fn(message) for every message until the returned function is called. */
  on(fn) {
    this.handlers.add(fn);
    return () => this.handlers.delete(fn);
  }

  onStatus(fn) {
    this.statusHandlers.add(fn);
    fn(this.status);
  }

  setStatus(s) {
    this.status = s;
    this.statusHandlers.forEach(fn => fn(s));
  }

  async start() {
    if (!this.enabled || this.stopped) return;
    let token;
    try {
      token = await accessToken();
    } catch (e) {
      return;
    }
    if (this.stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(scheme + '//' + location.host + '/ws/dashboard?access_token='
      + encodeURIComponent(token));
    this.socket = socket;
    socket.onopen = () => {
      this.delay = 1000;
      this.setStatus('open');
    };
    socket.onmessage = e => {
      let message;
      try {
        message = JSON.parse(e.data);
      } catch (err) {
        return;
      }
      this.handlers.forEach(fn => {
        try { fn(message); } catch (err) { console.error(err); }
      });
    };
    socket.onclose = () => {
      if (this.stopped) return;
      this.setStatus('closed');
      setTimeout(() => this.start(), this.delay);
      this.delay = Math.min(this.delay * 2, 30000);
    };
  }

  stop() {
    this.stopped = true;
    if (this.socket) this.socket.close();
    this.handlers.clear();
    this.statusHandlers.clear();
  }
}
