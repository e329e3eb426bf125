import { createHmac } from 'node:crypto';
import dysmsapi from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';

export interface OutgoingMessage {
  id: number;
  template: string;
  /** the phone for SMS; empty for webhooks and the console */
  recipient: string;
  payload: Record<string, unknown>;
}

export interface ChannelAdapter {
  /** Resolves with the provider's id of the message, or throws (the outbox retries with back-off). */
  send(message: OutgoingMessage): Promise<{ providerId?: string }>;
}

/** Development: writes each message to the log instead of sending it. */
export class ConsoleAdapter implements ChannelAdapter {
  constructor(private readonly log: (line: string) => void) {}
  async send(m: OutgoingMessage) {
    this.log(`[outbox ${m.id}] ${m.template} → ${m.recipient || '-'} ${JSON.stringify(m.payload)}`);
    return {};
  }
}

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** our template name → the template code approved in the Aliyun console */
  templates: Record<string, string>;
  /** dysmsapi.aliyuncs.com by default; a test points it at a local receiver */
  endpoint?: string | undefined;
  protocol?: 'https' | 'http' | undefined;
}

/** SMS through Aliyun's official SDK (@alicloud/dysmsapi20170525). */
export class AliyunSmsAdapter implements ChannelAdapter {
  private readonly client: InstanceType<typeof dysmsapi.default>;
  constructor(private readonly options: AliyunSmsOptions) {
    // a CommonJS package: its class is the `default` property of what Node hands an ES module
    this.client = new dysmsapi.default(
      new $OpenApiUtil.Config({
        accessKeyId: options.accessKeyId,
        accessKeySecret: options.accessKeySecret,
        endpoint: options.endpoint ?? 'dysmsapi.aliyuncs.com',
        protocol: options.protocol ?? 'https',
      }),
    );
  }

  async send(m: OutgoingMessage) {
    const templateCode = this.options.templates[m.template];
    if (!templateCode) throw new Error(`no Aliyun template configured for ${m.template}`);
    const response = await this.client.sendSms(
      new dysmsapi.SendSmsRequest({
        phoneNumbers: m.recipient,
        signName: this.options.signName,
        templateCode,
        templateParam: JSON.stringify(m.payload),
        // our outbox id travels with the message, so Aliyun's delivery receipts can be matched to it
        outId: String(m.id),
      }),
    );
    const body = response.body;
    if (!body || body.code !== 'OK') throw new Error(`Aliyun SMS refused: ${body?.code ?? response.statusCode} ${body?.message ?? ''}`);
    return { providerId: body.bizId ?? body.requestId ?? '' };
  }
}

/**
 * Posts each message as JSON to a URL, signed so the receiver can check it came from us:
 * `X-LegalHub-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (the Stripe scheme).
 */
export class WebhookAdapter implements ChannelAdapter {
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly timeoutMs = 10_000,
  ) {}

  static sign(secret: string, timestamp: number, body: string): string {
    return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  }

  async send(m: OutgoingMessage) {
    const body = JSON.stringify({ id: m.id, event: m.template, data: m.payload });
    const t = Math.floor(Date.now() / 1000);
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-legalhub-signature': `t=${t},v1=${WebhookAdapter.sign(this.secret, t, body)}`,
        'x-legalhub-delivery': String(m.id),
      },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    return { providerId: res.headers.get('x-request-id') ?? '' };
  }
}
