import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { App } from '../../schema/yoga';

export interface RunningServer {
  url: string;
  /** Cuts every open connection, as a proxy or a deploy would (clients see their streams end). */
  dropConnections(): void;
  close(): Promise<void>;
}

/** The app behind a real node:http server on a free loopback port. */
export async function startServer(app: App): Promise<RunningServer> {
  const server: Server = createServer(app);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
