// Reads a Server-Sent Events stream with fetch(), so the bearer token travels in the
// Authorization header and never in a URL (EventSource cannot send headers). Reconnects with
// Last-Event-ID; a version that is not the next one drops the id, so the server sends a snapshot.

export function openStream(url, token, handlers, { delays = [500, 1000, 2000, 5000] } = {}) {
  let lastId = null;
  let stopped = false;
  let controller = null;
  let attempt = 0;

  async function connect() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const headers = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
        if (lastId !== null) headers['Last-Event-ID'] = String(lastId);
        const response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
        if (response.status === 401 || response.status === 403 || response.status === 404) {
          handlers.onDenied?.(response.status);
          return;
        }
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        handlers.onState?.('live');
        attempt = 0;
        await readEvents(response.body, event => {
          if (event.event === 'snapshot' || event.event === 'delta') {
            const version = Number(event.id);
            if (event.event === 'delta' && lastId !== null && version !== lastId + 1) {
              lastId = null; // a gap: ask for a fresh snapshot
              controller.abort();
              return;
            }
            lastId = version;
          }
          handlers.onEvent(event.event, JSON.parse(event.data));
        });
      } catch (e) {
        if (stopped) return;
      }
      if (stopped) return;
      handlers.onState?.('reconnecting');
      await new Promise(r => setTimeout(r, delays[Math.min(attempt++, delays.length - 1)]));
    }
  }

  connect();
  return { close() { stopped = true; controller?.abort(); } };
}

async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { event: 'message', id: null, data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue; // heartbeat or comment
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') event.data += (event.data ? '\n' : '') + text;
        else if (field === 'event') event.event = text;
        else if (field === 'id') event.id = text;
      }
      if (event.data) onEvent(event);
    }
  }
}
