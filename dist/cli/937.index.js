export const id = 937;
export const ids = [937];
export const modules = {

/***/ 24937:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   isAttestationManifest: () => (/* binding */ isAttestationManifest),
/* harmony export */   resolveSubject: () => (/* binding */ resolveSubject),
/* harmony export */   signingTargets: () => (/* binding */ signingTargets)
/* harmony export */ });
/* harmony import */ var _oci_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88548);
/* harmony import */ var _oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(93662);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(84974);



const NOT_PUSHED = "push it first: with docker/build-push-action set push: true (load: true only puts the image in the runner's local daemon, " +
    'where no registry and no verifier can see it), and pass its digest output';
async function resolveSubject(repo, image, digest, tags) {
    let descriptor;
    if (digest) {
        descriptor = await repo.resolve(digest, NOT_PUSHED);
    }
    else {
        descriptor = await repo.resolve(tags[0].tag, NOT_PUSHED);
    }
    await Promise.all(tags.map(async (t) => {
        let got;
        try {
            got = await repo.resolve(t.tag, NOT_PUSHED);
        }
        catch (err) {
            if (err instanceof _oci_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .NotFoundError */ .m_)
                throw new Error(`tag ${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .formatReference */ .FH)(t)} does not exist in the registry; ${NOT_PUSHED}`);
            throw err;
        }
        if (got.digest !== descriptor.digest) {
            throw new Error(`tag ${(0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .formatReference */ .FH)(t)} points to ${got.digest}, not to ${descriptor.digest}: it was moved or pushed by another build; ` +
                'sign the digest this build produced and pass only the tags it pushed');
        }
    }));
    const platforms = (0,_oci_mediatypes_js__WEBPACK_IMPORTED_MODULE_1__/* .isIndexMediaType */ .$$)(descriptor.mediaType)
        ? await platformManifests(repo, descriptor.digest)
        : [];
    return { repository: image, descriptor, tags, platforms };
}
/** What gets signed: the subject, and with per-platform each of its platform manifests too. */
function signingTargets(subject, perPlatform) {
    return [subject.descriptor, ...(perPlatform ? subject.platforms : [])];
}
/** BuildKit stores its provenance/SBOM attestations in an index as platform `unknown/unknown`: not platforms. */
function isAttestationManifest(d) {
    return ((d.platform?.os === 'unknown' && d.platform.architecture === 'unknown') ||
        d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest');
}
async function platformManifests(repo, digest) {
    const { manifest } = await repo.getManifest(digest);
    return (manifest.manifests ?? []).filter((d) => !isAttestationManifest(d));
}


/***/ })

};
