// Server-Sent Events over fetch(), because EventSource cannot send an Authorization header. It keeps
// EventSource's shape (addEventListener for 'open', 'error' and named events; close()) and, like it,
// reconnects after a dropped connection; the job stream replays from the start, and views drop repeats.
import { authorizedFetch } from './auth.js';

const RETRY_MS = 2000;

export class EventStream {
  constructor(url) {
    this.url = url;
    this.listeners = new Map();
    this.controller = null;
    this.closed = false;
    this.connect();
  }

  addEventListener(type, listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, []);
    this.listeners.get(type).push(listener);
  }

  close() {
    this.closed = true;
    this.controller?.abort();
  }

  emit(type, data) {
    for (const listener of this.listeners.get(type) ?? []) listener({ type, data });
  }

  async connect() {
    this.controller = new AbortController();
    try {
      const response = await authorizedFetch(this.url, { headers: { Accept: 'text/event-stream' }, signal: this.controller.signal });
      if (response.status === 401) this.closed = true; // the app asks for a key; retrying with this one is pointless
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.emit('open');
      await this.read(response.body.pipeThrough(new TextDecoderStream()).getReader());
      if (!this.closed) throw new Error('the stream ended');
    } catch (error) {
      if (this.closed) return;
      this.emit('error', error.message);
      setTimeout(() => { if (!this.closed) this.connect(); }, RETRY_MS);
    }
  }

  /** The text/event-stream format: fields `event:` and `data:` (several data lines join with \n), a blank line ends an event. */
  async read(reader) {
    let buffer = '', type = 'message', data = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let newline;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (data.length) this.emit(type, data.join('\n'));
          type = 'message'; data = [];
          if (this.closed) return;
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') type = text;
          else if (field === 'data') data.push(text);
        }
      }
    }
  }
}
