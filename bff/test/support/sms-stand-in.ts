import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP SMS gateway for `SMS_PROVIDER=http`: `POST /messages {to, text}` with the bearer key,
 * answers `{ok:true}` and keeps what it got. `failFor` makes it answer `{ok:false}` for a number.
 */
export interface SmsStandIn {
  url: string;
  messages: { to: string; text: string; at: number }[];
  failFor: Set<string>;
  to(phone: string): string[];
  close(): Promise<void>;
}

export async function startSmsStandIn(apiKey = 'sms-test-key'): Promise<SmsStandIn> {
  const messages: SmsStandIn['messages'] = [];
  const failFor = new Set<string>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url !== '/messages' || req.method !== 'POST') { res.statusCode = 404; return res.end('{}'); }
      if (req.headers.authorization !== `Bearer ${apiKey}`) { res.statusCode = 401; return res.end('{"ok":false}'); }
      const body = JSON.parse(raw || '{}') as { to?: string; text?: string };
      if (!body.to || !body.text) { res.statusCode = 400; return res.end('{"ok":false}'); }
      if (failFor.has(body.to)) return res.end('{"ok":false}');
      messages.push({ to: body.to, text: body.text, at: Date.now() });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    messages, failFor,
    to: (phone) => messages.filter((m) => m.to === phone).map((m) => m.text),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
