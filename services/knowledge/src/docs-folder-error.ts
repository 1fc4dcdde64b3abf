/**
 * The docs folder cannot be searched: it does not exist, is not a folder, or cannot be read.
 * Its message names the folder and says what to do; the task fails with it as it is.
 */
export class DocsFolderError extends Error {
  override readonly name = 'DocsFolderError';

  constructor(
    readonly folder: string,
    problem: string,
  ) {
    super(
      `The docs folder ${folder} ${problem}. Set KNOWLEDGE_DOCS to a folder of Markdown (.md) or text (.txt) files.`,
    );
  }
}
