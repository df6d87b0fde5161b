import { Schema, type Connection, type Model } from 'mongoose';
import type { Pii } from '../security/pii';
import { fetchJson } from './http-json';

/** Sends a text message. Implementations: the development outbox, or an HTTP SMS gateway. */
export interface SmsProvider {
  send(phone: string, text: string): Promise<void>;
}

interface OutboxMessage { phoneHash: string; phoneEnc: string; text: string; sentAt: Date }
const outboxSchema = new Schema<OutboxMessage>({ phoneHash: String, phoneEnc: String, text: String, sentAt: Date }, { collection: 'dev_sms_outbox', versionKey: false });
outboxSchema.index({ phoneHash: 1, sentAt: -1 });

/** Development only: keeps messages in the database so a developer (or the e2e test) can read the code. */
export class OutboxSmsProvider implements SmsProvider {
  private readonly Outbox: Model<OutboxMessage>;
  constructor(conn: Connection, private readonly pii: Pii) {
    this.Outbox = (conn.models.DevSmsOutbox as Model<OutboxMessage>) ?? conn.model<OutboxMessage>('DevSmsOutbox', outboxSchema);
  }
  async send(phone: string, text: string): Promise<void> {
    await this.Outbox.create({ phoneHash: this.pii.blindIndex('phone', phone), phoneEnc: this.pii.encrypt(phone), text, sentAt: new Date() });
  }
  async read(phone: string, limit = 10): Promise<{ text: string; sentAt: Date }[]> {
    return this.Outbox.find({ phoneHash: this.pii.blindIndex('phone', phone) }).sort({ sentAt: -1 }).limit(limit).select({ text: 1, sentAt: 1, _id: 0 }).lean();
  }
}

/** A generic JSON SMS gateway: POST {base}/messages {to, text} with a bearer key; answers {ok:true}. */
export class HttpSmsProvider implements SmsProvider {
  constructor(private readonly baseUrl: string, private readonly apiKey: string | undefined, private readonly timeoutMs = 5000) {}
  async send(phone: string, text: string): Promise<void> {
    const res = await fetchJson<{ ok?: boolean }>('sms', `${this.baseUrl.replace(/\/$/, '')}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}) },
      body: JSON.stringify({ to: phone, text }),
      timeoutMs: this.timeoutMs,
    });
    if (!res.ok) throw new Error('sms gateway refused the message');
  }
}
