import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Responder = (request: Received, index: number) => { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/** A webhook receiver on a loopback port: records every request and answers as `respond` says. */
export async function startReceiver(respond: Responder = () => ({ status: 204 })) {
  const received: Received[] = [];
  let responder = respond;
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const request = { path: req.url ?? '/', headers: req.headers, body };
      received.push(request);
      const answer = responder(request, received.length - 1);
      if (answer === 'hang') return; // never answers: the sender's timeout must end it
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    respondWith(next: Responder) {
      responder = next;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
