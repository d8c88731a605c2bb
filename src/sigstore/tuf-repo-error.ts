import { OptionsError } from '../options.js';

// Its own module: the repository writer, its targets and its keys all fail with it.

/** Thrown for anything the operator must fix: an OptionsError, so the CLI exits 2. */
export class TufRepoError extends OptionsError {
  constructor(message: string) {
    super(message);
    this.name = 'TufRepoError';
  }
}
