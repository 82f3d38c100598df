/**
 * Lambda: after a request that may have committed events, one message to the WebhookWake queue (infra/delivery.ts)
 * starts a dispatcher round at once. Losing it costs only latency: the outbox in Postgres is the truth and the
 * scheduled dispatcher runs every minute. At most one message per container per second.
 */
let client: { send(command: unknown): Promise<unknown> } | undefined;
let lastSent = 0;

export async function wakeDispatcher(queueUrl: string | undefined, now = Date.now()): Promise<boolean> {
  if (!queueUrl || now - lastSent < 1000) return false;
  lastSent = now;
  try {
    const { SQSClient, SendMessageCommand } = await import('@aws-sdk/client-sqs');
    client ??= new SQSClient({});
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"wake":true}' }));
    return true;
  } catch (error) {
    console.error('webhook wake-up not sent (the scheduled dispatcher will pick the work up):', error instanceof Error ? error.message : error);
    return false;
  }
}
