export * from './vocabulary.ts';
export * from './national-id.ts';
export * from './masking.ts';
export * from './classification.ts';
export * from './segment-rules.ts';
