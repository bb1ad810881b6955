/**
 * What `npm start` says before the server starts: which platforms the local server verifies with the
 * settings in the environment, what each missing one needs, and what to do next in the extension.
 */
import { loadConfig } from '../server/config.js'
import { createValidators } from '../server/validators/index.js'
import { summarizePlatforms } from '../server/validators/platform-summary.js'
import { PLATFORM_SPECS } from '../src/platforms/index.js'

const config = loadConfig(process.env)
const { verifiable, needsSetting } = summarizePlatforms(createValidators(config))
const name = (platform: keyof typeof PLATFORM_SPECS) => PLATFORM_SPECS[platform].name

const lines = [
  `The local server verifies: ${verifiable.map(name).join(', ')}.`,
  ...(needsSetting.length > 0
    ? [
        'It cannot verify these until you give it a token (Add binding lists them as not verified meanwhile):',
        ...needsSetting.map(({ platform, setting }) => `  ${name(platform)}: set ${setting} and run npm start again`),
      ]
    : []),
  '',
  'Next: load the extension (above), open it, create or import an avatar, then',
  `Settings → Service endpoints → "Local server" (ProofService ${config.proofPort}, KVService ${config.kvPort}).`,
  'The server runs below until Ctrl-C; its log lines are JSON.',
]
console.log(lines.join('\n'))
