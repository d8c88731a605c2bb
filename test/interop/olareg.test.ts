// The interop matrix on olareg (test/support/interop-suite.ts; rendered by `npm run interop` to docs/interop.md).
import { interopSuite } from '../support/interop-suite.js';

interopSuite('olareg');
