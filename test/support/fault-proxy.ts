import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy the test controls, between our driver's connections and a PostgreSQL server, to play a database
 * outage: `cut()` resets every connection and every new one (the server or the network went down: the driver
 * learns at once); `blackhole()` keeps connections open and swallows every byte both ways (a partition: no reset,
 * no answer, the driver learns only from its own timeouts); `restore()` passes bytes again. Connections that lost
 * bytes to the blackhole are reset on restore: their protocol streams are broken, as TCP would find after
 * retransmitting in vain.
 */
export interface FaultProxy {
  /** `127.0.0.1:<port>`: put it in the database URL in place of the server. */
  host: string;
  port: number;
  mode(): 'pass' | 'cut' | 'blackhole';
  cut(): void;
  blackhole(): void;
  restore(): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
  swallowed: boolean;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: 'pass' | 'cut' | 'blackhole' = 'pass';
  const pairs = new Set<Pair>();
  const reset = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.resetAndDestroy();
    pair.upstream?.destroy();
  };
  const server: Server = createServer((client) => {
    client.on('error', () => {});
    // Both legs without Nagle, as db/ws-proxy.ts: with it, a reply to the driver waited for a delayed ACK (~200 ms
    // on some kernels), so a registration took ~400 ms and the retries of the outage test ran past its timeout.
    client.setNoDelay(true);
    if (mode === 'cut') return void client.resetAndDestroy();
    const pair: Pair = { client, swallowed: mode === 'blackhole' };
    pairs.add(pair);
    client.on('close', () => {
      pairs.delete(pair);
      pair.upstream?.destroy();
    });
    client.on('data', (chunk) => {
      if (!pair.swallowed) pair.upstream?.write(chunk);
    });
    // A connection opened into the blackhole never reaches the server.
    if (pair.swallowed) return;
    const upstream = connect(target);
    pair.upstream = upstream;
    upstream.setNoDelay(true);
    upstream.on('error', () => reset(pair));
    upstream.on('close', () => client.destroy());
    upstream.on('data', (chunk) => {
      if (!pair.swallowed) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    host: '127.0.0.1',
    port,
    mode: () => mode,
    cut: () => {
      mode = 'cut';
      for (const pair of [...pairs]) reset(pair);
    },
    blackhole: () => {
      mode = 'blackhole';
      for (const pair of pairs) pair.swallowed = true;
    },
    restore: () => {
      mode = 'pass';
      for (const pair of [...pairs]) if (pair.swallowed) reset(pair);
    },
    close: async () => {
      for (const pair of [...pairs]) reset(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
