/**
 * Parsers and naming rules for Java archive metadata, each following the syft 1.51 function cited on it
 * (syft/pkg/cataloger/java/: parse_java_manifest.go, parse_pom_properties.go, archive_filename.go,
 * package_url.go; internal/maven/resolver.go for pom.xml; internal/cpegenerate/java.go for group IDs).
 */
import { syftPurl } from './lang-common.js';
import { KNOWN_GROUP_IDS } from './java-groupids.js';

export type KeyValues = [string, string][];
export interface Manifest {
  main: KeyValues;
  sections: KeyValues[];
}

/** KeyValues.MustGet: the FIRST value of a key (syft/pkg/key_value.go). */
export const kvGet = (kv: KeyValues, key: string): string | undefined => kv.find(([k]) => k === key)?.[1];

/** parseJavaManifest: sections split by blank lines; a line starting with a space continues the last value. */
export function parseManifest(text: string): Manifest {
  const sections: KeyValues[] = [];
  let lastKey = '';
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      lastKey = '';
      continue;
    }
    if (line.startsWith(' ')) {
      const sec = sections[sections.length - 1];
      const kv = sec?.[sec.length - 1];
      if (lastKey !== '' && kv) kv[1] += line.trim();
      continue;
    }
    const i = line.indexOf(':');
    if (i < 0) continue;
    const key = line.slice(0, i).trim();
    if (key === '') continue;
    if (lastKey === '') sections.push([]);
    (sections[sections.length - 1] as KeyValues).push([key, line.slice(i + 1).trim()]);
    lastKey = key;
  }
  return { main: sections[0] ?? [], sections: sections.slice(1) };
}

/** fieldValueFromManifest: the main section first, then the named sections. */
export function manifestField(m: Manifest, key: string): string {
  for (const s of [m.main, ...m.sections]) {
    const v = kvGet(s, key);
    if (v) return v;
  }
  return '';
}

export interface PomProperties {
  path: string;
  groupId: string;
  artifactId: string;
  version: string;
}

/** parsePomProperties: `key=value` or `key:value` lines, `#` comments; mapstructure matches keys case-insensitively. */
export function parsePomProperties(text: string, path: string): PomProperties {
  const m = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '' || line.replace(/^ +/, '').startsWith('#')) continue;
    const i = line.search(/[=:]/);
    if (i < 0) throw new Error(`unable to split pom.properties key-value pairs: ${JSON.stringify(line)}`);
    m.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return {
    path,
    groupId: m.get('groupid') ?? '',
    artifactId: m.get('artifactid') ?? '',
    version: m.get('version') ?? '',
  };
}

/** The parts of a pom.xml that syft reads offline: identity, parent, properties and declared licenses. */
export interface PomProject {
  path: string;
  groupId: string;
  artifactId: string;
  version: string;
  parentGroupId: string;
  parentArtifactId: string;
  licenses: string[];
}

interface El {
  name: string;
  children: El[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (all, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(parseInt(e.slice(1), 10))
        : (ENTITIES[e] ?? all),
  );

/** A minimal, strict-enough XML element reader (namespaces dropped to local names); throws on unbalanced tags. */
function parseXml(xml: string): El {
  const root: El = { name: '', children: [], text: '' };
  const stack: El[] = [root];
  const re =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([\w:.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(re)) {
    const top = stack[stack.length - 1] as El;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[6] !== undefined) top.text += decodeEntities(m[6]);
    else if (m[3] !== undefined) {
      const name = m[3].replace(/^.*:/, '');
      if (m[2] === '/') {
        if (stack.length < 2 || top.name !== name) throw new Error(`unbalanced </${name}>`);
        stack.pop();
      } else {
        const el: El = { name, children: [], text: '' };
        top.children.push(el);
        if (m[5] !== '/') stack.push(el);
      }
    } else if (!m[0].startsWith('<!--') && !m[0].startsWith('<?') && !m[0].startsWith('<!DOCTYPE'))
      throw new Error('malformed XML');
  }
  if (stack.length !== 1) throw new Error('unclosed element');
  return root;
}

const child = (el: El | undefined, name: string): El | undefined => el?.children.find((c) => c.name === name);

/**
 * maven.ParsePomXML + Resolver.ResolveID without parent POM lookups (syft's defaults: no network, no local
 * repository): `${project.*}` and `${property}` from this POM; a value with an unresolvable reference is "".
 * Licenses are the raw `<license>` names (or URLs when unnamed), as toPkgLicenses passes them on.
 */
export function parsePomXml(text: string, path: string): PomProject {
  const project = child(parseXml(text), 'project');
  if (!project) throw new Error('no <project> element');
  const raw = (el: El | undefined, name: string): string | undefined => {
    const c = child(el, name);
    return c === undefined ? undefined : c.text.trim();
  };
  const parent = child(project, 'parent');
  const props = new Map((child(project, 'properties')?.children ?? []).map((c) => [c.name, c.text.trim()]));
  const projectField = (expr: string): string | undefined => {
    const f = expr.slice('project.'.length);
    if (f === 'version' && raw(project, 'version') === undefined && parent) return raw(parent, 'version');
    if (f.startsWith('parent.')) return raw(parent, f.slice(7));
    return raw(project, f);
  };
  const resolve = (value: string | undefined, depth = 0): string => {
    if (value === undefined || depth > 10) return '';
    let failed = false;
    const out = value.replace(/\$\{([^}]+)\}/g, (_all, e: string) => {
      const expr = e.trim();
      const v = expr.startsWith('project.') ? (projectField(expr) ?? props.get(expr)) : props.get(expr);
      if (v === undefined) failed = true;
      return v === undefined ? '' : resolve(v, depth + 1);
    });
    return failed ? '' : out;
  };
  let groupId = resolve(raw(project, 'groupId'));
  let version = resolve(raw(project, 'version'));
  if (parent) {
    if (groupId === '' && !raw(project, 'groupId')) groupId = resolve(raw(parent, 'groupId'));
    if (version === '' && !raw(project, 'version')) version = resolve(raw(parent, 'version'));
  }
  const licenses: string[] = [];
  for (const l of child(project, 'licenses')?.children.filter((c) => c.name === 'license') ?? []) {
    const name = raw(l, 'name') ?? '';
    const url = raw(l, 'url') ?? '';
    if (name !== '' || url !== '') licenses.push(name !== '' ? name : url);
  }
  return {
    path,
    groupId,
    artifactId: resolve(raw(project, 'artifactId')),
    version,
    parentGroupId: resolve(raw(parent, 'groupId')),
    parentArtifactId: resolve(raw(parent, 'artifactId')),
    licenses,
  };
}

/** newJavaArchiveFilename: name and version out of `name-1.2.3.jar` and its `_1.2.3` / `.1.2.3` variants. */
export function archiveFilename(raw: string): { name: string; version: string; ext: string } {
  const base = raw.slice(raw.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const ext = dot < 0 ? '' : base.slice(dot + 1);
  const s = dot < 0 ? base : base.slice(0, dot);
  // nameAndVersionPattern is `(?Ui)`, i.e. lazy: the SHORTEST valid name followed by `-<version>` to the end
  // wins, else the whole string if it is a valid name, else no match. Evaluated here in linear time (the
  // nested lazy quantifiers backtrack exponentially in JS on long dotted names).
  let name = '';
  let version = '';
  if (/^[a-z]/i.test(s)) {
    for (let i = 1; i <= s.length; i++) {
      const c = s[i - 1] as string;
      const prev = s[i - 2];
      if (!/[\w.-]/.test(c) || (prev === '-' && !/[a-z]/i.test(c))) break;
      if (i === s.length) {
        name = s;
        break;
      }
      if (s[i] === '-' && /^(?:\d.*|build\d+.*|rc?\d+)$/i.test(s.slice(i + 1))) {
        [name, version] = [s.slice(0, i), s.slice(i + 1)];
        break;
      }
    }
  }
  if (version === '') {
    // secondaryVersionPattern (case-sensitive, leftmost separator).
    for (let p = 0; p < name.length; p++) {
      if ('._-'.includes(name[p] as string) && /^(?:\d.*|build\d+.*|rc?\d+)$/.test(name.slice(p + 1))) {
        [name, version] = [name.slice(0, p), name.slice(p + 1)];
        break;
      }
    }
  }
  return { name, version, ext };
}

/** extractNameFromApacheMavenBundlePlugin: the last field of Bundle-SymbolicName for maven-bundle-plugin jars. */
function nameFromBundlePlugin(m: Manifest): string {
  if (!(kvGet(m.main, 'Created-By') ?? '').includes('Apache Maven Bundle Plugin')) return '';
  const sym = kvGet(m.main, 'Bundle-SymbolicName') ?? '';
  if (sym === '') return '';
  const vendorId = kvGet(m.main, 'Implementation-Vendor-Id') ?? '';
  if (vendorId !== '' && vendorId === sym) return '';
  return sym.split('.').pop() as string;
}

/** selectName: bundle plugin, then the file name (a `group.artifact` file name gives the artifact), then manifest fields. */
export function selectName(m: Manifest | undefined, fileName: string): string {
  const fromBundle = m ? nameFromBundlePlugin(m) : '';
  if (fromBundle !== '') return fromBundle;
  let name = fileName;
  if (fileName.includes('.') && !fileName.startsWith('org.eclipse.')) {
    const fields = fileName.split('.');
    // isValidJavaIdentifier: each field starts with a letter, `$`/currency or `_`-like connector.
    if (fields.every((f) => /^[\p{L}\p{Nl}\p{Sc}\p{Pc}]/u.test(f)))
      name = fields[fields.length - 1] as string;
  }
  if (name !== '' || !m) return name;
  for (const k of ['Name', 'Bundle-Name', 'Short-Name', 'Extension-Name', 'Implementation-Title']) {
    const v = kvGet(m.main, k);
    if (v) return v;
  }
  return '';
}

/** selectVersion: the file name's version first, then manifest fields in syft's order. */
export function selectVersion(m: Manifest | undefined, fileVersion: string): string {
  if (fileVersion !== '' || !m) return fileVersion;
  for (const k of ['Implementation-Version', 'Specification-Version', 'Plugin-Version', 'Bundle-Version']) {
    const v = manifestField(m, k);
    if (v !== '') return v;
  }
  return '';
}

/** selectLicenses: Bundle-License then Plugin-License-Name. */
export const selectLicenses = (m: Manifest): string[] =>
  ['Bundle-License', 'Plugin-License-Name'].map((k) => manifestField(m, k)).filter((v) => v !== '');

const cleanGroupId = (g: string): string => g.split(';')[0]?.trim() ?? '';
const cleanManifestGroupId = (g: string): string => {
  const v = cleanGroupId(g.split('#')[0] ?? '');
  return v === 'org.lz4.java' ? 'org.lz4' : v; // cpegenerate GroupIDCorrections
};

/** groupIDFromJavaMetadata: pom.properties, pom.xml (and its parent), the known-artifact list, manifest fields. */
export function groupIdFor(name: string, props?: PomProperties, pom?: PomProject, m?: Manifest): string {
  if (props) {
    if (props.groupId !== '') return cleanGroupId(props.groupId);
    if (props.artifactId.includes('.')) return cleanGroupId(props.artifactId);
  }
  if (pom) {
    for (const [g, a] of [
      [pom.groupId, pom.artifactId],
      [pom.parentGroupId, pom.parentArtifactId],
    ] as const) {
      if (g !== '') return cleanGroupId(g);
      if (a.includes('.')) return cleanGroupId(a);
    }
  }
  const known = KNOWN_GROUP_IDS.get(name);
  if (known) return known;
  if (!m) return '';
  const tld = (v: string): boolean => ['com', 'org', 'net', 'io', 'be'].some((d) => v.startsWith(d));
  const fromFields = (fields: string[]): string | undefined => {
    const ids: string[] = [];
    for (const f of fields)
      for (const s of [m.main, ...m.sections]) {
        const v = kvGet(s, f);
        if (v !== undefined && tld(v)) ids.push(cleanManifestGroupId(v));
      }
    return ids.sort()[0];
  };
  return (
    fromFields([
      'Group-Id',
      'Bundle-SymbolicName',
      'Extension-Name',
      'Specification-Vendor',
      'Implementation-Vendor',
      'Implementation-Vendor-Id',
      'Implementation-Title',
      'Bundle-Activator',
    ]) ??
    fromFields(['Automatic-Module-Name', 'Main-Class', 'Package']) ??
    ''
  );
}

/** package_url.go packageURL: `pkg:maven/<group, else the name>/<name>@<version>`. */
export function mavenPurl(name: string, version: string, groupId: string): string {
  return syftPurl('maven', groupId !== '' ? groupId : name, name, version);
}
