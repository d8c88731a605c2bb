import { digestTag } from '../oci/digest.js';
import { formatReference } from '../oci/reference.js';
import type { RunResult } from '../run.js';

/** The job summary (GitHub-flavoured Markdown) and the same facts as console text. */

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function summaryMarkdown(result: RunResult): string {
  const { subject, referrers } = result;
  const repo = `${subject.repository.registry}/${subject.repository.repository}`;
  const lines = [
    '## sigstamp',
    '',
    '| | |',
    '| --- | --- |',
    `| Image | \`${cell(repo)}\` |`,
    `| Digest | \`${subject.descriptor.digest}\` |`,
    `| Media type | \`${cell(subject.descriptor.mediaType)}\` |`,
  ];
  if (subject.tags.length)
    lines.push(`| Tags | ${subject.tags.map((t) => `\`${cell(formatReference(t))}\``).join('<br>')} |`);
  for (const p of subject.platforms) {
    lines.push(
      `| Platform ${cell(`${p.platform?.os ?? '?'}/${p.platform?.architecture ?? '?'}${p.platform?.variant ? `/${p.platform.variant}` : ''}`)} | \`${p.digest}\` |`,
    );
  }
  lines.push(
    '',
    `### Referrers (${referrers.referrers.length}, via ${referrers.source === 'api' ? 'the referrers API' : `the fallback tag \`${digestTag(subject.descriptor.digest)}\``})`,
    '',
  );
  if (referrers.referrers.length) {
    lines.push('| Artifact type | Digest | Size |', '| --- | --- | --- |');
    for (const r of referrers.referrers)
      lines.push(`| \`${cell(r.artifactType ?? r.mediaType)}\` | \`${r.digest}\` | ${r.size} |`);
  } else {
    lines.push('None yet.');
  }
  return lines.join('\n') + '\n';
}

export function summaryText(result: RunResult): string {
  const { subject, referrers } = result;
  const lines = [
    `image:    ${subject.repository.registry}/${subject.repository.repository}`,
    `digest:   ${subject.descriptor.digest}`,
    ...subject.tags.map((t) => `tag:      ${formatReference(t)}`),
    ...subject.platforms.map((p) => `platform: ${p.platform?.os}/${p.platform?.architecture} ${p.digest}`),
    `referrers (${referrers.source}): ${referrers.referrers.length}`,
    ...referrers.referrers.map((r) => `  ${r.artifactType ?? r.mediaType}  ${r.digest}`),
  ];
  return lines.join('\n') + '\n';
}
