/** Reads a GraphQL-over-SSE response (`event: next` / `event: complete`) one event at a time. */
export function sseEvents(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    /** The next `next` payload, parsed; null once the stream completes or closes. */
    async next(): Promise<Record<string, unknown> | null> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (\w+)$/m.exec(block)?.[1];
          const data = /^data: ?(.*)$/m.exec(block)?.[1];
          if (event === 'complete') return null;
          if (event === 'next' && data) return JSON.parse(data) as Record<string, unknown>;
          continue; // a ping (":") or an unnamed event
        }
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += value;
      }
    },
    close: () => reader.cancel(),
  };
}
