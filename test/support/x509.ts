// @peculiar/x509 resolves its ASN.1 providers through tsyringe, which needs the Reflect metadata
// polyfill loaded before the library's module body runs: import order here is what guarantees it.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(globalThis.crypto);

export { x509 };
