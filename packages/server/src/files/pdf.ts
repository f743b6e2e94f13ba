// Report PDFs (pdfkit) with Noto Sans SC embedded, so Chinese renders: an A4 document built by a
// callback into one Buffer, and the section heading and page-break helpers reports share.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

export const PDF_LEFT = 50;
export const PDF_WIDTH = 495;

/** Build an A4 PDF: fonts 'body' and 'bold' are registered, 'body' is current. */
export async function renderPdf(title: string, build: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  // Loaded on first use: ~0.3 s that most processes (CLI commands, test files) never need.
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Producer: 'Bursar' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', FONT);
    doc.registerFont('bold', FONT_BOLD);
    doc.font('body');
    build(doc);
    doc.end();
  });
}

export function ensurePdfSpace(doc: PDFKit.PDFDocument, h: number) {
  if (doc.y + h > doc.page.height - 60) doc.addPage();
}

export function pdfHeading(doc: PDFKit.PDFDocument, text: string) {
  ensurePdfSpace(doc, 60);
  doc
    .moveDown(0.6)
    .font('bold')
    .fontSize(12)
    .fillColor('#111')
    .text(text, PDF_LEFT)
    .font('body')
    .fontSize(9)
    .moveDown(0.3);
}
