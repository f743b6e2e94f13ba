// Fixtures shared by this module's tests: customers through the customers API, a signed
// provider callback, and a MIME reader for messages caught by the test SMTP server.
import { createHmac } from 'node:crypto';
import { cnIdCheckDigit } from '@bursar/core';
import type { Session } from '../../../test/http-client.ts';

let seq = 100;

function cnId(birth: string, n: number): string {
  const first17 = `110105${birth.replace(/-/g, '')}${String(n).padStart(3, '0')}`;
  return first17 + cnIdCheckDigit(first17);
}

export async function schoolId(s: Session, q = '清华'): Promise<string> {
  const res = await s.request('GET', `/api/v1/schools?q=${encodeURIComponent(q)}`);
  return res.json().items[0].id;
}

/** A customer made through the customers API (consent to service; marketing as given). */
export async function newCustomer(
  s: Session,
  school: string,
  over: {
    marketing?: boolean;
    email?: string;
    channel?: string;
    language?: string;
    name?: string;
    country?: string;
    dob?: string;
  } = {},
): Promise<string> {
  seq++;
  const dob = over.dob ?? '2004-05-06';
  const res = await s.request('POST', '/api/v1/customers', {
    legalName: over.name ?? `李华${seq}`,
    dateOfBirth: dob,
    nationalIdType: 'cn_resident',
    nationalId: cnId(dob, seq),
    phone: `+86 139 0000 ${String(1000 + seq).slice(-4)}`,
    email: over.email ?? `student${seq}@example.cn`,
    address: {
      line1: '海淀区双清路 30 号',
      city: '北京',
      region: 'Beijing',
      postalCode: '100084',
      country: over.country ?? 'CN',
    },
    preferredLanguage: over.language ?? 'zh-CN',
    preferredChannel: over.channel ?? 'sms',
    enrolment: {
      schoolId: school,
      level: 'undergraduate',
      yearOfStudy: 3,
      startDate: '2023-09-01',
      expectedGraduationDate: '2027-07-01',
      programmeName: '软件工程',
    },
    consents: [
      { purpose: 'service', granted: true, source: 'paper' },
      { purpose: 'marketing', granted: over.marketing ?? false, source: 'paper' },
    ],
    allowDuplicate: true,
  });
  if (res.statusCode !== 201) throw new Error(`customer: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

export function signed(secret: string, body: unknown): { payload: string; signature: string } {
  const payload = JSON.stringify(body);
  return { payload, signature: `sha256=${createHmac('sha256', secret).update(payload).digest('hex')}` };
}

function decodeWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function decodeQp(s: string): string {
  const bytes = s
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Headers and the text/plain body of a raw MIME message. */
export function readMail(raw: string): { headers: Record<string, string>; text: string; html: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head!.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  const body = rest.join('\n\n');
  const part = (type: string) => {
    const m = new RegExp(`Content-Type: ${type}[^]*?\\r?\\n\\r?\\n([^]*?)(\\r?\\n--|$)`, 'i').exec(body);
    if (!m) return '';
    const hdr = body.slice(Math.max(0, m.index), m.index + m[0].length - m[1]!.length - (m[2]?.length ?? 0));
    const content = m[1]!;
    if (/Content-Transfer-Encoding: base64/i.test(hdr))
      return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (/Content-Transfer-Encoding: quoted-printable/i.test(hdr)) return decodeQp(content);
    return content;
  };
  return { headers, text: part('text/plain'), html: part('text/html') };
}
