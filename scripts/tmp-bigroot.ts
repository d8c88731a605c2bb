import { debianRootfs, LARGE_ROOTFS_INCLUDE } from '../test/support/rootfs.js';
const t0 = Date.now();
const dir = await debianRootfs(LARGE_ROOTFS_INCLUDE);
console.log(dir, (Date.now() - t0) / 1000);
