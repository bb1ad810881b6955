/**
 * Which platforms this server can verify, and for each one it cannot, the setting that would turn
 * it on — said when the server starts (main.ts logs it, `npm start` prints it in words), because a
 * platform that is off is simply absent from /healthz and so from the extension's Add binding.
 */
import type { Platform } from '../../src/platforms/index.js'
import type { Validator } from './validator.js'

export type PlatformSummary = {
  verifiable: Platform[]
  /** Off for want of a setting: the platform and the setting (an environment variable). */
  needsSetting: { platform: Platform; setting: string }[]
}

export function summarizePlatforms(validators: readonly Validator[]): PlatformSummary {
  return {
    verifiable: validators.filter((validator) => validator.isConfigured).map((validator) => validator.platform),
    needsSetting: validators.flatMap((validator) =>
      !validator.isConfigured && validator.requiredSetting
        ? [{ platform: validator.platform, setting: validator.requiredSetting }]
        : [],
    ),
  }
}
