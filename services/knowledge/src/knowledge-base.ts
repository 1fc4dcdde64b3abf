import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassageIndex } from './passage-index.ts';
import type { PassageHit } from './passage-index.ts';
import { documentExtensions, scanDocsFolder } from './scan-docs-folder.ts';
import type { FolderScan } from './scan-docs-folder.ts';
import { splitPassages } from './split-passages.ts';
import type { Passage, SplitOptions } from './split-passages.ts';

/** Options of a {@link KnowledgeBase}. */
export interface KnowledgeBaseOptions extends SplitOptions {
  /** The folder of Markdown and text documents to search. */
  folder: string;
}

/** What indexing did. */
export interface IndexReport {
  /** Passages in the index. */
  passages: number;
  /** Documents in the index. */
  files: number;
  /** True when the index built earlier was still current and nothing was read. */
  reused: boolean;
}

interface BuiltIndex {
  key: string;
  index: PassageIndex;
}

/**
 * A docs folder and its search index, shared by every task of the process. The index is built
 * once and reused; before each question the folder is listed again (names, sizes and
 * modification times only, no content), and the index is rebuilt from scratch when that listing
 * changed: a document added, removed or edited. Questions that arrive during a build wait for
 * it rather than starting another.
 */
export class KnowledgeBase {
  readonly folder: string;
  readonly #split: SplitOptions;
  #current: BuiltIndex | undefined;
  #building: { key: string; promise: Promise<PassageIndex> } | undefined;

  constructor(options: KnowledgeBaseOptions) {
    this.folder = path.resolve(options.folder);
    this.#split = options.maxPassageChars === undefined ? {} : { maxPassageChars: options.maxPassageChars };
  }

  /** Lists the documents the folder holds now; throws `DocsFolderError` when it is missing. */
  scan(): Promise<FolderScan> {
    return scanDocsFolder(this.folder);
  }

  /** Makes the index match `scan`: reuses the current one when nothing changed, else rebuilds. */
  async index(scan: FolderScan): Promise<IndexReport> {
    const key = fingerprint(scan);
    const current = this.#current;
    if (current?.key === key) return { passages: current.index.size, files: scan.files.length, reused: true };
    if (this.#building?.key !== key) {
      const promise = this.#build(scan)
        .then((index) => {
          // A build for an older listing that finishes late must not replace a newer index.
          if (this.#building?.key === key) this.#current = { key, index };
          return index;
        })
        .finally(() => {
          if (this.#building?.key === key) this.#building = undefined;
        });
      this.#building = { key, promise };
    }
    const index = await this.#building.promise;
    return { passages: index.size, files: scan.files.length, reused: false };
  }

  /** Scans the folder and builds its index, if needed: at start-up, so the first question is quick. */
  async warm(): Promise<IndexReport> {
    return this.index(await this.scan());
  }

  /** The passages of the current index that match `words`, best first; none before indexing. */
  search(words: readonly string[]): PassageHit[] {
    return this.#current?.index.search(words) ?? [];
  }

  async #build(scan: FolderScan): Promise<PassageIndex> {
    const passages: Passage[] = [];
    for (const file of scan.files) {
      // A document deleted since the scan is left out; the next scan notices and rebuilds.
      const content = await readFile(path.join(scan.folder, file.path), 'utf8').catch(() => undefined);
      if (content === undefined) continue;
      const markdown = documentExtensions[path.extname(file.path).toLowerCase()] === 'markdown';
      passages.push(...splitPassages(file.path, content, markdown, this.#split));
    }
    return new PassageIndex(passages);
  }
}

/** What identifies a version of the folder: every document's path, size and modification time. */
function fingerprint(scan: FolderScan): string {
  return JSON.stringify(scan.files.map((file) => [file.path, file.bytes, file.mtimeMs]));
}
