// A reader of server-sent events for tests: opens a stream over real HTTP, parses its events
// as a browser's EventSource does (id, event, data; comment lines counted), and waits for one.
import http from "node:http";

export interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  comments = 0;
  ended = false;
  #buffer = "";
  #waiters: (() => void)[] = [];

  private constructor(
    readonly status: number,
    readonly headers: http.IncomingHttpHeaders,
    readonly body: string,
    private readonly req: http.ClientRequest,
  ) {}

  /** Opens `url`; resolves once the answer's headers (and, for a refusal, its body) are in. */
  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = http.get(url, { headers: { Accept: "text/event-stream", ...headers } }, (res) => {
        res.setEncoding("utf8");
        if (res.statusCode !== 200) {
          let body = "";
          res.on("data", (c: string) => (body += c));
          res.on("end", () => resolve(new SseClient(res.statusCode!, res.headers, body, req)));
          return;
        }
        const client = new SseClient(200, res.headers, "", req);
        res.on("data", (chunk: string) => client.#take(chunk));
        res.on("close", () => {
          client.ended = true;
          client.#wake();
        });
        resolve(client);
      });
      req.on("error", reject);
    });
  }

  #take(chunk: string): void {
    this.#buffer += chunk;
    let end: number;
    while ((end = this.#buffer.indexOf("\n\n")) !== -1) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      const event: Partial<SseEvent> & { lines: string[] } = { lines: [] };
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) this.comments++;
        else if (line.startsWith("id: ")) event.id = line.slice(4);
        else if (line.startsWith("event: ")) event.event = line.slice(7);
        else if (line.startsWith("data: ")) event.lines.push(line.slice(6));
      }
      if (event.event) this.events.push({ id: event.id, event: event.event, data: JSON.parse(event.lines.join("\n")) });
    }
    this.#wake();
  }

  #wake(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** The first event (already in, or still to come) that `match` accepts. */
  async waitFor(match: (e: SseEvent) => boolean, timeoutMs = 5_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.ended) throw new Error(`the stream ended without the event; it had: ${JSON.stringify(this.events)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no such event within ${timeoutMs} ms; the stream had: ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves when the server has ended the stream. */
  async waitForEnd(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error("the stream did not end");
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.req.destroy();
  }
}

/** The JSON body of a refused stream. */
export const refusal = (c: SseClient) => JSON.parse(c.body) as { error: { code: string; message: string } };
