// The lender's seal on signed contracts: a PDF digital signature (PKCS#7 detached, adbe.pkcs7.detached)
// made with the lender's certificate. Production: BURSAR_CONTRACT_SEAL_P12 names a CA-issued
// PKCS#12 file and BURSAR_CONTRACT_SEAL_PASSPHRASE its passphrase. Otherwise a self-signed demo
// certificate is made on first use under DATA_DIR/contract-seal (see docs/adr, e-signature).
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import forge from 'node-forge';
import type { Deps } from '../../deps.ts';

export interface SealIdentity {
  p12: Buffer;
  passphrase: string;
  /** SHA-256 of the certificate (DER), to say which seal signed a document. */
  fingerprint: string;
  subject: string;
  selfSigned: boolean;
}

const cache = new Map<string, SealIdentity>();

function describe(p12: Buffer, passphrase: string, selfSigned: boolean): SealIdentity {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
  const certBag = forge.pki.oids.certBag as string;
  const cert = forge.pkcs12.pkcs12FromAsn1(asn1, passphrase).getBags({ bagType: certBag })[
    certBag
  ]?.[0]?.cert;
  if (!cert) throw new Error('The contract seal file holds no certificate');
  return {
    p12,
    passphrase,
    fingerprint: certFingerprint(cert),
    subject: cert.subject.attributes
      .map((a: forge.pki.CertificateField) => `${a.shortName}=${String(a.value)}`)
      .join(', '),
    selfSigned,
  };
}

function certFingerprint(cert: forge.pki.Certificate): string {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  return createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex');
}

/** A self-signed demo certificate, valid ten years from `now`. */
function makeDemoP12(now: Date, passphrase: string): Buffer {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = now;
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
  const attrs = [
    { name: 'commonName', value: 'Bursar demo lender contract seal (NOT FOR PRODUCTION)' },
    { name: 'organizationName', value: 'Bursar demo lender' },
    { name: 'countryName', value: 'CN' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

export function sealIdentity(deps: Deps): SealIdentity {
  const file = process.env.BURSAR_CONTRACT_SEAL_P12;
  const key = file ?? deps.config.dataDir;
  const hit = cache.get(key);
  if (hit) return hit;
  let id: SealIdentity;
  if (file) {
    id = describe(readFileSync(file), process.env.BURSAR_CONTRACT_SEAL_PASSPHRASE ?? '', false);
  } else {
    const dir = path.join(deps.config.dataDir, 'contract-seal');
    const p12Path = path.join(dir, 'demo-seal.p12');
    const passPath = path.join(dir, 'demo-seal.passphrase');
    if (!existsSync(p12Path)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const passphrase = randomBytes(18).toString('base64url');
      writeFileSync(passPath, passphrase, { mode: 0o600 });
      writeFileSync(p12Path, makeDemoP12(deps.now(), passphrase), { mode: 0o600 });
    }
    id = describe(readFileSync(p12Path), readFileSync(passPath, 'utf8').trim(), true);
  }
  cache.set(key, id);
  return id;
}

/** Seal a PDF with the lender's certificate. */
export async function sealPdf(
  deps: Deps,
  pdf: Buffer,
  info: { reason: string; location: string; signingTime: Date },
): Promise<Buffer> {
  const id = sealIdentity(deps);
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: info.reason,
    contactInfo: 'contracts@bursar.example',
    name: 'Bursar lender seal',
    location: info.location,
    signingTime: info.signingTime,
    signatureLength: 16_384,
  });
  const signer = new P12Signer(id.p12, { passphrase: id.passphrase });
  return Buffer.from(await new SignPdf().sign(withPlaceholder, signer, info.signingTime));
}

export interface EmbeddedSignatureCheck {
  /** A PDF signature was found. */
  present: boolean;
  /** The signed byte ranges hash to the digest inside the signature, and the signature verifies. */
  valid: boolean;
  /** Whether it was made with this lender's current seal certificate. */
  lenderSeal: boolean;
}

/**
 * The signature's DER without the placeholder's zero padding, cut at the length its header
 * gives (trimming zeros would eat a signature that happens to end in a zero byte).
 */
function derOnly(padded: Buffer): Buffer {
  const first = padded[1] ?? 0;
  if (first < 0x80) return padded.subarray(0, 2 + first);
  const n = first & 0x7f;
  return padded.subarray(0, 2 + n + padded.readUIntBE(2, n));
}

/**
 * Check the PDF signature itself: the bytes it covers must hash to the digest it signed, the
 * signed attributes must verify under its certificate, and the bytes must cover the whole file.
 */
export function checkEmbeddedSignature(deps: Deps, pdf: Buffer): EmbeddedSignatureCheck {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = ranges.at(-1);
  if (!last) return { present: false, valid: false, lenderSeal: false };
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  try {
    if (a !== 0 || c + d !== pdf.length || b > c) return { present: true, valid: false, lenderSeal: false };
    const asn1 = forge.asn1.fromDer(
      forge.util.createBuffer(derOnly(Buffer.from(text.slice(a + b + 1, c - 1), 'hex')).toString('binary')),
    );
    const p7 = forge.pkcs7.messageFromAsn1(asn1) as forge.pkcs7.PkcsSignedData & {
      rawCapture: { authenticatedAttributes: forge.asn1.Asn1[]; signature: string };
    };
    const cert = p7.certificates[0];
    if (!cert) return { present: true, valid: false, lenderSeal: false };
    const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
    const digest = createHash('sha256').update(signed).digest('binary');
    const attrs = p7.rawCapture.authenticatedAttributes;
    const digestAttr = attrs.find(
      (attr) =>
        forge.asn1.derToOid((attr.value as forge.asn1.Asn1[])[0]!.value as string) ===
        forge.pki.oids.messageDigest,
    );
    const signedDigest = ((digestAttr?.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[0]!.value;
    const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs);
    const md = forge.md.sha256.create();
    md.update(forge.asn1.toDer(set).getBytes());
    const sigOk = (cert.publicKey as forge.pki.rsa.PublicKey).verify(
      md.digest().bytes(),
      p7.rawCapture.signature,
    );
    const valid = signedDigest === digest && sigOk;
    return {
      present: true,
      valid,
      lenderSeal: valid && certFingerprint(cert) === sealIdentity(deps).fingerprint,
    };
  } catch {
    return { present: true, valid: false, lenderSeal: false };
  }
}
