import { z } from 'zod';

/** Free-form metadata attached to most A2A objects. */
export const MetadataSchema = z.record(z.string(), z.unknown());
export type Metadata = z.infer<typeof MetadataSchema>;

/** A piece of plain text. */
export const TextPartSchema = z.object({
  kind: z.literal('text'),
  text: z.string(),
  metadata: MetadataSchema.optional(),
});
export type TextPart = z.infer<typeof TextPartSchema>;

/** File content carried inline as base64. */
export const FileWithBytesSchema = z.object({
  bytes: z.string(),
  name: z.string().optional(),
  mimeType: z.string().optional(),
});
export type FileWithBytes = z.infer<typeof FileWithBytesSchema>;

/** File content the receiver fetches from a URI. */
export const FileWithUriSchema = z.object({
  uri: z.string(),
  name: z.string().optional(),
  mimeType: z.string().optional(),
});
export type FileWithUri = z.infer<typeof FileWithUriSchema>;

/** A file, either inline or by reference. */
export const FilePartSchema = z.object({
  kind: z.literal('file'),
  file: z.union([FileWithBytesSchema, FileWithUriSchema]),
  metadata: MetadataSchema.optional(),
});
export type FilePart = z.infer<typeof FilePartSchema>;

/** Structured JSON data: the spec requires an object, not an array or a scalar. */
export const DataPartSchema = z.object({
  kind: z.literal('data'),
  data: z.record(z.string(), z.unknown()),
  metadata: MetadataSchema.optional(),
});
export type DataPart = z.infer<typeof DataPartSchema>;

/** One of the three part kinds, discriminated on `kind`. */
export const PartSchema = z.discriminatedUnion('kind', [TextPartSchema, FilePartSchema, DataPartSchema]);
export type Part = z.infer<typeof PartSchema>;
