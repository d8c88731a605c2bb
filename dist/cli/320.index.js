export const id = 320;
export const ids = [320];
export const modules = {

/***/ 73320:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   summaryMarkdown: () => (/* binding */ summaryMarkdown),
/* harmony export */   summaryText: () => (/* binding */ summaryText)
/* harmony export */ });
/* harmony import */ var _oci_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6559);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(84974);
/* harmony import */ var _policy_signing_identity_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(15530);



/** The job summary (GitHub-flavoured Markdown) and the same facts as console text. */
function cell(s) {
    return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
const code = (s) => `\`${cell(s)}\``;
function subjectRows(result) {
    const { subject } = result;
    const rows = [
        '| | |',
        '| --- | --- |',
        `| Image | ${code(`${subject.repository.registry}/${subject.repository.repository}`)} |`,
        `| Digest | ${code(subject.descriptor.digest)} |`,
        `| Media type | ${code(subject.descriptor.mediaType)} |`,
    ];
    if (subject.tags.length)
        rows.push(`| Tags | ${subject.tags.map((t) => code((0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .formatReference */ .FH)(t))).join('<br>')} |`);
    for (const p of subject.platforms) {
        const platform = `${p.platform?.os ?? '?'}/${p.platform?.architecture ?? '?'}${p.platform?.variant ? `/${p.platform.variant}` : ''}`;
        rows.push(`| Platform ${cell(platform)} | ${code(p.digest)} |`);
    }
    return rows;
}
function signingSection(result) {
    const s = result.signing;
    if (!s)
        return [];
    const { policy } = (0,_policy_signing_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .policyFor */ .K)(s.identity);
    const lines = [
        '',
        '### Signing identity',
        '',
        '| | |',
        '| --- | --- |',
        `| Certificate subject (SAN) | ${code(s.identity.san)} |`,
        `| Issuer | ${code(s.identity.issuer)} |`,
        `| Sigstore | ${cell(s.sigstore)} |`,
        `| Recommended subject regex | ${code(policy.subjectRegExp)} |`,
        `| Kyverno \`subject\` glob | ${code(policy.kyvernoGlob)} |`,
    ];
    if (s.identity.extensions.runInvocationUri)
        lines.push(`| Run | ${s.identity.extensions.runInvocationUri} |`);
    lines.push('', ...policy.rationale.map((r) => `- ${r}`));
    lines.push('', '### Published', '', '| What | Format | Where | Verified |', '| --- | --- | --- | --- |');
    const verified = new Map(s.verified.map((v) => [`${v.format} ${v.digest} ${v.subject.digest}`, v.ok]));
    for (const l of s.published.locations) {
        const key = `${l.artifact.format} ${l.artifact.digest} ${l.artifact.subject.digest}`;
        const ok = verified.get(key);
        lines.push(`| ${cell(l.artifact.predicateType)} | ${cell(l.via)} | ${code(l.ref)} | ${ok === undefined ? 'not checked' : ok ? 'yes' : '**NO**'} |`);
    }
    lines.push(...storeSection(s.store));
    if (s.rekorLogIndexes.length)
        lines.push('', `Rekor log indexes: ${s.rekorLogIndexes.join(', ')}`);
    if (s.sboms.predicates.length) {
        const files = [...s.sboms.files.spdx, ...s.sboms.files.cyclonedx].map((f) => code(f)).join(', ');
        lines.push('', `SBOMs: ${s.sboms.packages} packages cataloged from the image's layers (${files}).`);
    }
    lines.push('', '### Verify it', '', 
    // From sigstamp's interop matrix (docs/interop.md): v2.6 refuses --trusted-root for
    // verify-attestation unless it reads bundles, and legacy storage writes none.
    s.policies.input.sigstore.kind === 'custom' && s.policies.input.storage === 'legacy'
        ? 'For cosign v3. cosign v2.6 refuses `--trusted-root` for `verify-attestation` without bundles (`storage: legacy`): with v2, drop it and set `SIGSTORE_ROOT_FILE` (the Fulcio chain) and `SIGSTORE_REKOR_PUBLIC_KEY` instead.'
        : 'For cosign v3 and v2.6 (each consumer and version measured in sigstamp’s docs/interop.md).', '', '```sh', ...s.policies.cosign, ...(s.policies.gh
        ? [
            // gh v2.83 refuses to start without a login even when it contacts only the registry.
            '# gh: log in (gh auth login) or set any GH_TOKEN; with --bundle-from-oci nothing is sent to GitHub (cli/cli#11803)',
            s.policies.gh,
        ]
        : []), '```');
    lines.push('', '### Admission policies for this identity', '', s.policies.input.action === 'audit'
        ? 'These policies only report (`policy-action: audit`): Kyverno writes policy reports and warnings, policy-controller warns. Switch to `policy-action: enforce` once the reports are clean.'
        : 'These policies deny what fails. Rolling out to a cluster with running workloads? Run with `policy-action: audit` first: the same policies then only report.', '');
    for (const p of s.policies.policies) {
        lines.push('<details>', `<summary>${p.consumer} — <code>${p.filename}</code></summary>`, '', ...p.notes.map((n) => `- ${n}`), '', '```yaml', p.text.trimEnd(), '```', '</details>', '');
    }
    return lines;
}
const NOT_STORED_WHY = {
    'too-large': "over the store's size limit",
    forbidden: "refused (HTTP 403): add `attestations: write` to the job's permissions",
    failed: 'upload failed',
};
/** What reached the repository's attestation store, and what did not (the registry has everything). */
function storeSection(store) {
    if (!store)
        return [];
    const lines = ['', `### Attestation store of \`${cell(store.repository)}\``, ''];
    if (store.stored.length) {
        lines.push('| What | Attestation |', '| --- | --- |');
        for (const a of store.stored)
            lines.push(`| ${cell(a.predicateType)} | [${cell(a.id)}](${a.url}) |`);
    }
    if (store.notStored.length) {
        lines.push('', `**Not in the store** (${store.notStored.length}; each is in the registry, published${store.registryVerified ? ' and verified' : ''}):`, '', ...store.notStored.map((n) => `- ${cell(n.predicateType)}: ${NOT_STORED_WHY[n.reason]} (${cell(n.detail)})`));
    }
    if (store.storageRecordIds.length)
        lines.push('', `Storage record(s): ${store.storageRecordIds.join(', ')}`);
    return lines;
}
function referrerSection(result) {
    const { subject, referrers } = result;
    const via = referrers.source === 'api'
        ? 'the referrers API'
        : `the fallback tag \`${(0,_oci_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .digestTag */ .t9)(subject.descriptor.digest)}\``;
    const lines = ['', `### Referrers of the image (${referrers.referrers.length}, via ${via})`, ''];
    if (!referrers.referrers.length)
        return [...lines, 'None.'];
    lines.push('| Artifact type | Predicate type | Digest | Size |', '| --- | --- | --- | --- |');
    for (const r of referrers.referrers) {
        const pt = r.annotations?.['dev.sigstore.bundle.predicateType'] ?? '';
        lines.push(`| ${code(r.artifactType ?? r.mediaType)} | ${pt ? code(pt) : ''} | ${code(r.digest)} | ${r.size} |`);
    }
    return lines;
}
function summaryMarkdown(result) {
    const warnings = result.warnings.map((w) => `> [!WARNING]\n> ${w}\n`);
    return ([
        '## sigstamp',
        '',
        ...warnings,
        ...subjectRows(result),
        ...signingSection(result),
        ...referrerSection(result),
    ].join('\n') + '\n');
}
function summaryText(result) {
    const { subject, referrers } = result;
    const s = result.signing;
    const lines = [
        `image:    ${subject.repository.registry}/${subject.repository.repository}`,
        `digest:   ${subject.descriptor.digest}`,
        ...subject.tags.map((t) => `tag:      ${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_1__/* .formatReference */ .FH)(t)}`),
        ...subject.platforms.map((p) => `platform: ${p.platform?.os}/${p.platform?.architecture} ${p.digest}`),
    ];
    if (s) {
        const { policy } = (0,_policy_signing_identity_js__WEBPACK_IMPORTED_MODULE_2__/* .policyFor */ .K)(s.identity);
        lines.push(`identity: ${s.identity.san}`, `issuer:   ${s.identity.issuer}`, `regex:    ${policy.subjectRegExp}`);
        for (const l of s.published.locations)
            lines.push(`published ${l.artifact.predicateType} (${l.via}): ${l.ref}`);
        if (s.verified.length)
            lines.push(`verified: ${s.verified.filter((v) => v.ok).length}/${s.verified.length}`);
        for (const a of s.store?.stored ?? [])
            lines.push(`stored ${a.predicateType} (attestation store): ${a.url}`);
        for (const n of s.store?.notStored ?? [])
            lines.push(`NOT stored ${n.predicateType} (attestation store): ${NOT_STORED_WHY[n.reason]} (${n.detail})`);
    }
    lines.push(`referrers (${referrers.source}): ${referrers.referrers.length}`, ...referrers.referrers.map((r) => `  ${r.artifactType ?? r.mediaType}  ${r.digest}`));
    for (const w of result.warnings)
        lines.push(`warning: ${w}`);
    return lines.join('\n') + '\n';
}


/***/ })

};
