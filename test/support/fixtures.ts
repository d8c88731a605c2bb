// The package-database fixtures kept in the repository (test/fixtures/packages, README there says
// where each came from and its licence): a plain clone tests without anything beside it.
import { fileURLToPath } from 'node:url';

export const PACKAGE_FIXTURES = fileURLToPath(new URL('../fixtures/packages', import.meta.url));
