import type { Logger } from '../schema/logger';

/**
 * Lambda: after a request that may have committed events, one message to the WebhookWake queue (infra/delivery.ts)
 * starts a dispatcher round at once. Losing it costs only latency: the outbox in Postgres is the truth and the
 * scheduled dispatcher runs every minute. At most one message per container per second.
 */
let client: { send(command: unknown): Promise<unknown> } | undefined;
let lastSent = 0;

export async function wakeDispatcher(queueUrl: string | undefined, now = Date.now(), logger?: Logger): Promise<boolean> {
  if (!queueUrl || now - lastSent < 1000) return false;
  lastSent = now;
  try {
    const { SQSClient, SendMessageCommand } = await import('@aws-sdk/client-sqs');
    client ??= new SQSClient({});
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: '{"wake":true}' }));
    return true;
  } catch (error) {
    // The SDK's message is about the queue (permissions, a missing queue); the message sent holds nothing else.
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (logger) logger.log('warn', 'webhook wake-up not sent (the scheduled dispatcher will pick the work up)', { reason });
    else console.error(`webhook wake-up not sent (the scheduled dispatcher will pick the work up): ${reason}`);
    return false;
  }
}
