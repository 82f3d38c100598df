/**
 * A loopback-only WebSocket → TCP proxy, so the Neon serverless driver
 * (`@neondatabase/serverless`, which speaks the Postgres wire protocol over a
 * WebSocket) can reach a plain PostgreSQL server such as 127.0.0.1:5432. It plays
 * the part of Neon's `wsproxy`, as drizzle's own Neon integration tests do.
 *
 * With `neonConfig.wsProxy = url` (a string), the driver opens
 * `ws://<url>?address=<host>:<port>` for each connection, `<host>:<port>` being
 * those of the connection string. Each WebSocket becomes one TCP connection to
 * that address; binary frames are relayed both ways, with backpressure, and
 * either side closing or failing closes the other.
 *
 * Safety: the proxy listens on loopback only, connects only to loopback targets
 * (127.0.0.0/8, localhost, ::1), and refuses requests that carry an Origin header
 * (browsers always send one; the `ws` client does not), so a web page cannot use
 * it to reach the local database. For tests and local development only.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { connect, isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, createWebSocketStream, type WebSocket } from 'ws';

export interface WsProxyOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Loopback address to listen on; default 127.0.0.1. */
  host?: string;
}

export interface WsProxy {
  port: number;
  /** `host:port`, the form `neonConfig.wsProxy` expects (no scheme). */
  url: string;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}

/** True for localhost, 127.0.0.0/8 and ::1 (also `[::1]`, as URL.hostname gives it). */
export function isLoopbackHost(host: string): boolean {
  let h = host.toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (h.startsWith('::ffff:')) return isLoopbackHost(h.slice('::ffff:'.length));
  return false;
}

/** Parses `host:port`, `[v6]:port` or a bare `v6:port` (split at the last colon). */
export function parseTargetAddress(address: string): { host: string; port: number } | undefined {
  const colon = address.lastIndexOf(':');
  if (colon <= 0) return undefined;
  let host = address.slice(0, colon);
  const portText = address.slice(colon + 1);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (!/^\d{1,5}$/.test(portText)) return undefined;
  const port = Number(portText);
  if (port < 1 || port > 65535 || host === '') return undefined;
  return { host, port };
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

export async function startWsProxy(options: WsProxyOptions = {}): Promise<WsProxy> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`ws-proxy listens on loopback only, not ${host}`);

  const open = new Set<{ ws: WebSocket; tcp: Socket }>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const server = createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' });
    res.end('WebSocket upgrade required');
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (req.headers.origin !== undefined) return refuse(socket, 403, 'Forbidden');
    const address = new URL(req.url ?? '/', 'ws://proxy').searchParams.get('address');
    const target = address ? parseTargetAddress(address) : undefined;
    if (!target) return refuse(socket, 400, 'Bad Request: expected ?address=host:port');
    if (!isLoopbackHost(target.host)) return refuse(socket, 403, 'Forbidden: loopback targets only');

    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.binaryType = 'nodebuffer';
      const tcp = connect({ host: target.host, port: target.port });
      tcp.setNoDelay(true);
      const entry = { ws, tcp };
      open.add(entry);

      // Bytes both ways with backpressure; writes go out as binary frames. An end
      // on either side is passed on by pipe(); a close ends the other side
      // gracefully (so the last bytes, e.g. Terminate, still go out), an error
      // tears both down at once.
      const wsStream = createWebSocketStream(ws);
      let done = false;
      const finish = (hard: boolean) => {
        if (!done) {
          done = true;
          open.delete(entry);
          setTimeout(() => finish(true), 2000).unref();
        }
        if (hard) {
          tcp.destroy();
          wsStream.destroy();
          ws.terminate();
        } else {
          tcp.end();
          ws.close();
        }
      };
      wsStream.on('error', () => finish(true));
      tcp.on('error', () => finish(true));
      wsStream.on('close', () => finish(false));
      tcp.on('close', () => finish(false));
      wsStream.pipe(tcp);
      tcp.pipe(wsStream);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('ws-proxy: no TCP address');
  const urlHost = isIP(host) === 6 ? `[${host}]` : host;

  return {
    port: bound.port,
    url: `${urlHost}:${bound.port}`,
    close: async () => {
      for (const { ws, tcp } of open) {
        tcp.destroy();
        ws.terminate();
      }
      open.clear();
      wss.close();
      await new Promise<void>((resolve, reject) =>
        server.close((err) => (err ? reject(err) : resolve())),
      );
    },
  };
}
