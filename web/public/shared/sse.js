/**
 * Server-sent events over fetch. EventSource cannot send an Authorization header, and the plan
 * progress stream needs the dispatcher's bearer token, so the stream is read and parsed here.
 */

/**
 * A parser for the text/event-stream format (WHATWG HTML §9.2): feed it chunks as they arrive,
 * it calls `onEvent` for every complete event. Comments (": keep-alive") are ignored.
 * @param {(event: { event: string, data: string, id: string | null }) => void} onEvent
 */
export function createSseParser(onEvent) {
  let buffer = '';
  let event = '';
  let data = /** @type {string[]} */ ([]);
  let id = /** @type {string | null} */ (null);
  let skipLf = false;

  /** @param {string} line */
  function line(line) {
    if (line === '') {
      if (data.length) onEvent({ event: event || 'message', data: data.join('\n'), id });
      event = '';
      data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }

  return {
    /** @param {string} chunk */
    push(chunk) {
      // a \r\n split over two chunks is one line end, not two
      if (skipLf && chunk.startsWith('\n')) chunk = chunk.slice(1);
      skipLf = chunk.endsWith('\r');
      buffer += chunk;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop() ?? ''; // an incomplete last line waits for the next chunk
      for (const l of lines) line(l);
    },
  };
}

/**
 * Reads an SSE stream until it ends or `signal` aborts. Events' data are parsed as JSON.
 * @param {import('./api-client.js').Api} api
 * @param {string} path
 * @param {{ onEvent: (name: string, data: any) => void, signal?: AbortSignal }} opts
 */
export async function readEventStream(api, path, { onEvent, signal }) {
  const response = await api.raw(path, { accept: 'text/event-stream', signal });
  if (!response.body) throw new Error('de server stuurt geen stroom');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser(({ event, data }) => {
    let parsed = data;
    try {
      parsed = JSON.parse(data);
    } catch {
      // plain text data: hand it over as it is
    }
    onEvent(event, parsed);
  });
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.push(decoder.decode(value, { stream: true }));
  }
}
