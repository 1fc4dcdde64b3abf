import { z } from 'zod';
import { MetadataSchema } from '../parts.ts';
import type { Part } from '../parts.ts';

const contentKeys = ['text', 'raw', 'url', 'data'] as const;

/** ProtoJSON writes an unset field as absent; a `null` means unset too. */
const isSet = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * A 1.0 `Part`: flat, discriminated by which one of `text`, `raw` (base64 bytes), `url` or `data`
 * (any JSON value) is present, with an optional `mediaType`, `filename` and `metadata`.
 */
export const V1PartSchema = z
  .object({
    text: z.string().optional(),
    raw: z.string().optional(),
    url: z.string().optional(),
    data: z.unknown().optional(),
    mediaType: z.string().optional(),
    filename: z.string().optional(),
    metadata: MetadataSchema.optional(),
  })
  .superRefine((part, context) => {
    const present = contentKeys.filter((key) => isSet(part[key]));
    if (present.length !== 1) {
      context.addIssue({
        code: 'custom',
        message:
          present.length === 0
            ? 'expected one of text, raw, url or data'
            : `expected only one of text, raw, url or data, received ${present.join(' and ')}`,
      });
    }
  });
export type V1Part = z.infer<typeof V1PartSchema>;

/**
 * 0.3 data parts hold an object; 1.0 data is any JSON value. a2a-js wraps a value that is not an
 * object as `{ value }` and marks the part with this metadata key, and unwraps it on the way back:
 * doing the same keeps such parts intact through either SDK.
 */
export const dataPartCompatKey = 'data_part_compat';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A 0.3 part as 1.0 writes it. A file's `name` and `mimeType` become `filename` and `mediaType`. */
export function toV1Part(part: Part): V1Part {
  const metadata = part.metadata ? { metadata: part.metadata } : {};
  switch (part.kind) {
    case 'text':
      return { text: part.text, ...metadata };
    case 'file': {
      const { file } = part;
      const described = {
        ...(file.mimeType ? { mediaType: file.mimeType } : {}),
        ...(file.name ? { filename: file.name } : {}),
        ...metadata,
      };
      return 'bytes' in file ? { raw: file.bytes, ...described } : { url: file.uri, ...described };
    }
    case 'data': {
      const { [dataPartCompatKey]: wrapped, ...rest } = part.metadata ?? {};
      if (wrapped !== true || !('value' in part.data)) return { data: part.data, ...metadata };
      return { data: part.data.value, ...(Object.keys(rest).length > 0 ? { metadata: rest } : {}) };
    }
  }
}

/**
 * A 1.0 part in our (0.3) model: `raw` and `url` become file parts; `data` that is not an object
 * is wrapped (see {@link dataPartCompatKey}). 0.3 has no place for the `mediaType` or `filename`
 * of a text or data part: those two are dropped.
 */
export function fromV1Part(part: V1Part): Part {
  const metadata = part.metadata ? { metadata: part.metadata } : {};
  const described = {
    ...(part.mediaType ? { mimeType: part.mediaType } : {}),
    ...(part.filename ? { name: part.filename } : {}),
  };
  if (isSet(part.text)) return { kind: 'text', text: part.text!, ...metadata };
  if (isSet(part.raw)) return { kind: 'file', file: { bytes: part.raw!, ...described }, ...metadata };
  if (isSet(part.url)) return { kind: 'file', file: { uri: part.url!, ...described }, ...metadata };
  if (isPlainObject(part.data)) return { kind: 'data', data: part.data, ...metadata };
  return {
    kind: 'data',
    data: { value: part.data ?? null },
    metadata: { ...part.metadata, [dataPartCompatKey]: true },
  };
}
