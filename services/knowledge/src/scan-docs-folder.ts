import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DocsFolderError } from './docs-folder-error.ts';

/** The document kinds that are indexed, by file extension; Markdown is split at its headings. */
export const documentExtensions: Readonly<Record<string, 'markdown' | 'text'>> = {
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
};

/** One document found in the docs folder. */
export interface DocumentFile {
  /** Relative to the docs folder, with `/` separators. */
  path: string;
  bytes: number;
  mtimeMs: number;
}

/** What the docs folder holds now. */
export interface FolderScan {
  /** The folder, absolute. */
  folder: string;
  /** Its documents, sorted by path. */
  files: DocumentFile[];
  /** Their total size. */
  bytes: number;
}

/**
 * Lists the documents under `folder`, recursively, with their sizes and modification times;
 * reads no content. Hidden entries and `node_modules` are skipped, and so are symbolic links to
 * folders (which could loop). Throws a {@link DocsFolderError} when the folder is missing.
 */
export async function scanDocsFolder(folder: string): Promise<FolderScan> {
  const root = path.resolve(folder);
  const info = await stat(root).catch((error: NodeJS.ErrnoException) => {
    throw new DocsFolderError(root, error.code === 'ENOENT' ? 'does not exist' : `cannot be read (${error.code})`);
  });
  if (!info.isDirectory()) throw new DocsFolderError(root, 'is not a folder');
  const files: DocumentFile[] = [];
  await collect(root, root, files);
  files.sort((left, right) => (left.path < right.path ? -1 : left.path > right.path ? 1 : 0));
  return { folder: root, files, bytes: files.reduce((sum, file) => sum + file.bytes, 0) };
}

async function collect(root: string, dir: string, files: DocumentFile[]): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new DocsFolderError(root, `cannot be read at ${dir} (${(error as NodeJS.ErrnoException).code})`);
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await collect(root, full, files);
      continue;
    }
    if (!(entry.isFile() || entry.isSymbolicLink())) continue;
    if (!Object.hasOwn(documentExtensions, path.extname(entry.name).toLowerCase())) continue;
    // A file can vanish between the listing and the stat; it is simply not there any more.
    const info = await stat(full).catch(() => undefined);
    if (!info?.isFile()) continue;
    files.push({ path: path.relative(root, full).split(path.sep).join('/'), bytes: info.size, mtimeMs: info.mtimeMs });
  }
}
