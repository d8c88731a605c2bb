/**
 * The OS package catalogers (syft's "image" set for Linux distributions: dpkg-db-cataloger,
 * apk-db-cataloger, rpm-db-cataloger). The distro they put into purls comes from `identifyDistro` over the
 * files `osReleaseSelection` picks, passed in as `CatalogContext.distro`.
 */
import type { Cataloger } from '../model.js';
import { apkCataloger } from './apk.js';
import { dpkgCataloger } from './dpkg.js';
import { rpmCataloger } from './rpm.js';

export { identifyDistro, osReleaseSelection, parseOsRelease } from './os-release.js';

export function osCatalogers(): Cataloger[] {
  return [dpkgCataloger(), apkCataloger(), rpmCataloger()];
}
