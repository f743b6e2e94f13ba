// Upload checks: the type comes from the file's first bytes (magic numbers), never from its name
// or the declared type, and the size is capped.
import { MAX_DOCUMENT_BYTES, type DocumentType } from '@bursar/core';
import { Problem } from '../../http/problem.ts';

const SIGNATURES: readonly [DocumentType, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
];

export function sniffDocumentType(bytes: Uint8Array): DocumentType | null {
  for (const [type, magic] of SIGNATURES) if (magic.every((b, i) => bytes[i] === b)) return type;
  return null;
}

/** Decode a base64 upload and check its size and type; 4xx naming `content` otherwise. */
export function checkUpload(base64: string): { bytes: Buffer; mediaType: DocumentType } {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw Problem.badRequest('content', 'must be base64');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw Problem.badRequest('content', 'is empty');
  if (bytes.length > MAX_DOCUMENT_BYTES)
    throw new Problem(
      413,
      'document-too-large',
      'Document too large',
      `Documents may be at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
      {
        errors: [{ field: 'content', message: `is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB` }],
      },
    );
  const mediaType = sniffDocumentType(bytes);
  if (!mediaType)
    throw new Problem(
      415,
      'unsupported-document-type',
      'Unsupported document type',
      'Upload a PDF, JPEG or PNG file',
      {
        errors: [{ field: 'content', message: 'is not a PDF, JPEG or PNG file' }],
      },
    );
  return { bytes, mediaType };
}
