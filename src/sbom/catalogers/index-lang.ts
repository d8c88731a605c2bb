/** The language catalogers, in syft's order of its image catalogers (internal/task/package_tasks.go). */
import type { Cataloger } from '../model.js';
import { goBinaryCataloger } from './go-binary.js';
import { javaCataloger } from './java.js';
import { npmCataloger } from './npm.js';
import { pythonCataloger } from './python.js';

export function languageCatalogers(): Cataloger[] {
  return [npmCataloger(), pythonCataloger(), goBinaryCataloger(), javaCataloger()];
}

export { GoBuildInfoScanner, findGoBuildInfo, GO_BUILDINFO_MAGIC, GO_BUILDINFO_MAX } from './go-binary.js';
export type { GoBinaryCataloger } from './go-binary.js';
