import type { Config } from '../../config.js';
import { AliyunSmsAdapter, ConsoleAdapter, WebhookAdapter, type ChannelAdapter } from './adapters.js';
import type { OutboxChannel } from './outbox.js';

/** The adapters the configuration asks for: SMS through Aliyun or the console, and a signed webhook if set. */
export function adaptersFrom(config: Config, log: (line: string) => void): Partial<Record<OutboxChannel, ChannelAdapter>> {
  const consoleAdapter = new ConsoleAdapter(log);
  return {
    console: consoleAdapter,
    sms: config.smsProvider === 'aliyun' ? new AliyunSmsAdapter(config.sms) : consoleAdapter,
    ...(config.webhookUrl && config.webhookSecret ? { webhook: new WebhookAdapter(config.webhookUrl, config.webhookSecret) } : {}),
  };
}
