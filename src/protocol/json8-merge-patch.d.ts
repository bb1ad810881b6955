// json8-merge-patch ships no types; only `apply` is used (merge-patch.ts).
declare module 'json8-merge-patch' {
  const mergePatch: {
    /** RFC 7396: mutates and returns `document`; throws on a `__proto__` key in `patch`. */
    apply(document: unknown, patch: unknown): unknown
  }
  export default mergePatch
}
