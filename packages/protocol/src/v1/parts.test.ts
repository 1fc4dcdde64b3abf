import { describe, expect, it } from 'vitest';
import type { Part } from '../parts.ts';
import { PartSchema } from '../parts.ts';
import { dataPart, filePartWithBytes, filePartWithUri, textPart, textPartWithMetadata } from '../fixtures/samples.ts';
import { V1PartSchema, dataPartCompatKey, fromV1Part, toV1Part } from './parts.ts';

const roundTrip = (part: Part): Part => fromV1Part(V1PartSchema.parse(JSON.parse(JSON.stringify(toV1Part(part)))));

describe('parts, 0.3 → 1.0', () => {
  it('writes text flat, without kind', () => {
    expect(toV1Part(textPart)).toEqual({ text: textPart.text });
    expect(toV1Part(textPartWithMetadata)).toEqual({
      text: textPartWithMetadata.text,
      metadata: textPartWithMetadata.metadata,
    });
  });

  it('writes file bytes as raw and a file uri as url, with mediaType and filename', () => {
    expect(toV1Part(filePartWithBytes)).toEqual({
      raw: filePartWithBytes.file.bytes,
      mediaType: 'application/pdf',
      filename: 'boarding-pass.pdf',
    });
    expect(toV1Part(filePartWithUri)).toEqual({
      url: filePartWithUri.file.uri,
      mediaType: 'image/png',
      filename: 'lisbon-map.png',
      metadata: filePartWithUri.metadata,
    });
    expect(toV1Part({ kind: 'file', file: { uri: 'https://x.test/a' } })).toEqual({ url: 'https://x.test/a' });
  });

  it('writes data as is', () => {
    expect(toV1Part(dataPart)).toEqual({ data: dataPart.data });
  });
});

describe('parts, both ways', () => {
  it.each([
    ['text', textPart],
    ['text with metadata', textPartWithMetadata],
    ['file bytes', filePartWithBytes],
    ['file uri', filePartWithUri],
    ['bare file uri', { kind: 'file', file: { uri: 'https://x.test/a' } } as Part],
    ['data', dataPart],
  ])('%s comes back unchanged', (_name, part) => {
    expect(roundTrip(part)).toEqual(part);
    expect(PartSchema.safeParse(roundTrip(part)).success).toBe(true);
  });

  it('wraps 1.0 data that is not an object, and unwraps it on the way back (as a2a-js does)', () => {
    for (const value of ['plain', 42, true, [1, 'two']]) {
      const ours = fromV1Part(V1PartSchema.parse({ data: value }));
      expect(ours).toEqual({ kind: 'data', data: { value }, metadata: { [dataPartCompatKey]: true } });
      expect(PartSchema.safeParse(ours).success).toBe(true);
      expect(toV1Part(ours)).toEqual({ data: value });
    }
    const withMetadata = fromV1Part({ data: [1], metadata: { source: 'x' } });
    expect(withMetadata.metadata).toEqual({ source: 'x', [dataPartCompatKey]: true });
    expect(toV1Part(withMetadata)).toEqual({ data: [1], metadata: { source: 'x' } });
  });

  it('drops the mediaType and filename of text, which 0.3 has no place for', () => {
    expect(fromV1Part({ text: '# hi', mediaType: 'text/markdown', filename: 'a.md' })).toEqual({
      kind: 'text',
      text: '# hi',
    });
  });
});

describe('the 1.0 Part schema', () => {
  it('takes exactly one of text, raw, url and data (null is unset, as ProtoJSON reads it)', () => {
    expect(V1PartSchema.safeParse({ data: null }).success).toBe(false);
    expect(V1PartSchema.safeParse({ text: 'a' }).success).toBe(true);
    expect(V1PartSchema.safeParse({ data: { a: 1 }, mediaType: 'application/json' }).success).toBe(true);
    const none = V1PartSchema.safeParse({ mediaType: 'text/plain' });
    expect(none.error?.issues[0]?.message).toBe('expected one of text, raw, url or data');
    const two = V1PartSchema.safeParse({ text: 'a', url: 'https://x.test' });
    expect(two.error?.issues[0]?.message).toBe('expected only one of text, raw, url or data, received text and url');
  });

  it('rejects a 0.3 part', () => {
    expect(V1PartSchema.safeParse(textPart).success).toBe(true); // `kind` is ignored, `text` is there
    expect(V1PartSchema.safeParse(filePartWithUri).success).toBe(false);
  });
});
