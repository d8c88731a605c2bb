import { pushImage } from '../test/support/image.js';
import { startDistribution } from '../test/support/registry.js';
import { buildSbomTestImage } from '../test/support/rootfs.js';
const [registry, built] = await Promise.all([startDistribution(), buildSbomTestImage()]);
const digest = await pushImage(built.image, `${registry.host}/bench/debian:bookworm`);
console.log(`${registry.host}/bench/debian@${digest}`);
await new Promise(() => undefined);
