// Channels behind one interface. Each driver sends one message and is idempotent by message id
// where the transport allows it (file outbox, letters, portal: by construction; webhook: the
// Idempotency-Key header), so a dispatcher that dies between "sent" and "recorded" does not
// deliver twice when the message is tried again. SMTP has no such key: a crash in that window
// can repeat an email (at least once), which is why its Message-ID is the message id.
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MessageChannel } from '@bursar/core';
import nodemailer from 'nodemailer';
import type { DriverName, EngagementSettings } from './channels.settings.ts';

export interface OutgoingMessage {
  id: string;
  customerId: string;
  channel: MessageChannel;
  /** Email address, phone number, postal address lines, or the customer id (portal, push). */
  to: string | null;
  recipientName: string;
  subject: string | null;
  body: string;
  language: string;
  purpose: string;
  legallyRequired: boolean;
  /** For email: the one-click unsubscribe target (List-Unsubscribe). */
  unsubscribeUrl: string | null;
  /** For email: the open-tracking pixel. */
  openPixelUrl: string | null;
  /** For email: rewrite a link so a click is counted. */
  trackLink: ((url: string) => string) | null;
}

export interface SendResult {
  providerMessageId: string | null;
  /** `delivered` when the driver is the final hop (portal inbox). */
  status: 'sent' | 'delivered';
}

/** The provider refused the message for good (bad address, rejected content): no retry. */
export class PermanentSendError extends Error {}

export interface ChannelDriver {
  readonly name: DriverName;
  send(message: OutgoingMessage): Promise<SendResult>;
  close?(): Promise<void>;
}

const madeDirs = new Set<string>();

/**
 * Write a file once: created exclusively, so a second write of the same id (a retry after a
 * crash) is a no-op. A process killed between creating and writing leaves an empty file, which
 * the retry fills. Synchronous calls: small files, and the thread-pool round trips of the async
 * API cost more than the writes.
 */
async function writeOnce(file: string, data: string | Buffer): Promise<boolean> {
  const dir = path.dirname(file);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  try {
    writeFileSync(file, data, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    if (statSync(file).size > 0) return false;
    writeFileSync(file, data);
    return true;
  }
}

/** Development outbox: one JSON file per message under <outbox>/<channel>/<id>.json. */
export function fileDriver(dir: string): ChannelDriver {
  return {
    name: 'file',
    async send(m) {
      const file = path.join(dir, m.channel, `${m.id}.json`);
      await writeOnce(
        file,
        JSON.stringify({
          id: m.id,
          channel: m.channel,
          to: m.to,
          subject: m.subject,
          body: m.body,
          language: m.language,
          purpose: m.purpose,
          legallyRequired: m.legallyRequired,
        }),
      );
      return { providerMessageId: `file:${m.id}`, status: 'sent' };
    },
  };
}

/** In-portal messages: the stored message is the inbox item. */
export function portalDriver(): ChannelDriver {
  return {
    name: 'portal',
    send: async (m) => ({ providerMessageId: `portal:${m.id}`, status: 'delivered' }),
  };
}

const require = createRequire(import.meta.url);
const FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

/** A printed letter as an A4 PDF (Noto Sans SC embedded, so Chinese renders). */
export async function renderLetter(
  m: Pick<OutgoingMessage, 'to' | 'recipientName' | 'subject' | 'body' | 'id'>,
  lender: string,
  date: string,
): Promise<Buffer> {
  // Loaded on first use: ~0.3 s that most processes (CLI commands, test files) never need.
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 60,
      info: { Title: m.subject ?? 'Letter', Producer: 'Bursar' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', FONT);
    doc.registerFont('bold', FONT_BOLD);
    doc.font('bold').fontSize(12).text(lender).moveDown(2);
    doc.font('body').fontSize(11).text(m.recipientName);
    for (const line of (m.to ?? '').split('\n')) doc.text(line);
    doc.moveDown().text(date, { align: 'right' }).moveDown();
    if (m.subject) doc.font('bold').fontSize(13).text(m.subject).moveDown().font('body').fontSize(11);
    doc.text(m.body, { lineGap: 3 });
    doc.moveDown(2).fontSize(8).fillColor('#666').text(`Ref ${m.id}`);
    doc.end();
  });
}

/** Printed letters: a PDF per message under <outbox>/letters, for the print room. */
export function letterDriver(dir: string, lender: string, today: () => string): ChannelDriver {
  return {
    name: 'letter',
    async send(m) {
      if (!m.to) throw new PermanentSendError('no postal address');
      const file = path.join(dir, 'letters', `${m.id}.pdf`);
      await writeOnce(file, await renderLetter(m, lender, today()));
      return { providerMessageId: `letter:${m.id}`, status: 'sent' };
    },
  };
}

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** SMS, WeChat and app push through a provider's HTTP endpoint; status comes back by callback. */
export function webhookDriver(
  urls: Partial<Record<MessageChannel, string>>,
  secret: string | undefined,
  callbackUrl: string,
  timeoutMs: number,
): ChannelDriver {
  return {
    name: 'webhook',
    async send(m) {
      const url = urls[m.channel];
      if (!url) throw new PermanentSendError(`no provider URL for ${m.channel}`);
      if (!m.to) throw new PermanentSendError('no address');
      const body = JSON.stringify({
        messageId: m.id,
        channel: m.channel,
        to: m.to,
        subject: m.subject,
        text: m.body,
        language: m.language,
        callbackUrl,
      });
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': m.id,
            ...(secret ? { 'x-bursar-signature': signBody(secret, body) } : {}),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        throw new Error(`provider unreachable: ${(e as Error).message}`);
      }
      const text = await res.text();
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
        throw new PermanentSendError(`provider refused (${res.status}): ${text.slice(0, 200)}`);
      if (!res.ok) throw new Error(`provider error ${res.status}: ${text.slice(0, 200)}`);
      let id: string | null = null;
      let status: 'sent' | 'delivered' = 'sent';
      try {
        const j = JSON.parse(text) as { id?: unknown; status?: unknown };
        if (typeof j.id === 'string') id = j.id;
        if (j.status === 'delivered') status = 'delivered';
      } catch {
        // A provider may answer with an empty body.
      }
      return { providerMessageId: id, status };
    },
  };
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Plain text to simple HTML: escaped, links tracked, line breaks kept, an open pixel at the end. */
export function emailHtml(m: OutgoingMessage): string {
  const withLinks = escapeHtml(m.body).replace(/https?:\/\/[^\s<]+/g, (url) => {
    const raw = url.replace(/&amp;/g, '&');
    const href = m.trackLink && raw !== m.unsubscribeUrl ? m.trackLink(raw) : raw;
    return `<a href="${escapeHtml(href)}">${url}</a>`;
  });
  const pixel = m.openPixelUrl ? `<img src="${escapeHtml(m.openPixelUrl)}" width="1" height="1" alt="">` : '';
  return `<!doctype html><html><body style="font-family:sans-serif">${withLinks.replace(/\n/g, '<br>\n')}${pixel}</body></html>`;
}

/** Email over SMTP (nodemailer). */
export function smtpDriver(url: string, from: string, timeoutMs: number): ChannelDriver {
  const transport = nodemailer.createTransport(url, { from });
  return {
    name: 'smtp',
    async send(m) {
      if (!m.to) throw new PermanentSendError('no email address');
      const host = (from.match(/@([^>\s]+)/)?.[1] ?? 'bursar.local').toLowerCase();
      try {
        const info = await Promise.race([
          transport.sendMail({
            from,
            to: m.recipientName ? { name: m.recipientName, address: m.to } : m.to,
            subject: m.subject ?? '',
            text: m.body,
            html: emailHtml(m),
            messageId: `<${m.id}@${host}>`,
            headers: {
              'X-Bursar-Message-Id': m.id,
              ...(m.unsubscribeUrl
                ? {
                    'List-Unsubscribe': `<${m.unsubscribeUrl}>`,
                    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
                  }
                : {}),
            },
          }),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error('SMTP timeout')), timeoutMs).unref(),
          ),
        ]);
        if (info.rejected.length > 0 && info.accepted.length === 0)
          throw new PermanentSendError(`recipient rejected: ${info.response}`);
        return { providerMessageId: info.messageId, status: 'sent' };
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        // 5xx from the server about the recipient is permanent; 4xx and connection trouble are transient.
        if (e instanceof PermanentSendError || (typeof code === 'number' && code >= 500 && code < 600))
          throw new PermanentSendError((e as Error).message);
        throw e;
      }
    },
    close: async () => transport.close(),
  };
}

export interface DriverSet {
  forChannel(channel: MessageChannel): ChannelDriver;
  close(): Promise<void>;
}

export function buildDrivers(s: EngagementSettings, today: () => string): DriverSet {
  const made = new Map<DriverName, ChannelDriver>();
  const make = (name: DriverName): ChannelDriver => {
    switch (name) {
      case 'smtp':
        if (!s.smtpUrl) throw new Error('SMTP_URL is not set');
        return smtpDriver(s.smtpUrl, s.smtpFrom, s.sendTimeoutMs);
      case 'webhook':
        return webhookDriver(
          s.webhookUrls,
          s.webhookSecret,
          `${s.publicBaseUrl}/api/v1/engagement/callbacks/status`,
          s.sendTimeoutMs,
        );
      case 'file':
        return fileDriver(s.outboxDir);
      case 'portal':
        return portalDriver();
      case 'letter':
        return letterDriver(s.outboxDir, s.lenderName, today);
    }
  };
  return {
    forChannel(channel) {
      const name = s.drivers[channel];
      let d = made.get(name);
      if (!d) {
        d = make(name);
        made.set(name, d);
      }
      return d;
    },
    async close() {
      for (const d of made.values()) await d.close?.();
      made.clear();
    },
  };
}
