/** Module resolve hook (see register.mjs): personal-sign.ts's noble secp256k1 import goes to the shim. */
const SHIM = new URL('./noble-with-native-recovery.mjs', import.meta.url).href

export async function resolve(specifier, context, nextResolve) {
  if (specifier === '@noble/curves/secp256k1.js' && context.parentURL?.endsWith('/src/crypto/personal-sign.ts')) {
    return { url: SHIM, shortCircuit: true }
  }
  return nextResolve(specifier, context)
}
