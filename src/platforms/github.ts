/** GitHub: a public gist holding the proof document as `0x<avatar>.json` (§6.1, §6.2; platforms.md §2). */
import { toLowerLikeGo } from './identity-text.js'
import { POST_PATIENCE_MS } from './patience.js'
import type { PlatformSpec } from './platform-spec.js'
import { proofDocumentTemplate } from './proof-document.js'
import { idFromLink } from './proof-link.js'

export const NEW_GIST_URL = 'https://gist.github.com/'
// Alphanumerics and single inner hyphens, at most 39 characters.
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/

export const github = {
  id: 'github',
  kind: 'post',
  name: 'GitHub',
  bindingLabel: 'GitHub account',
  registered: true,
  badge: { letter: 'G', color: '#24292f' },
  identity: {
    normalize: (text) => toLowerLikeGo(text),
    check: (text) => (LOGIN.test(text) ? undefined : 'not-a-login'),
    example: 'octocat',
    examples: {
      valid: [
        ['OctoCat', 'octocat'],
        ['a-b', 'a-b'],
      ],
      invalid: [
        ['-octocat', 'not-a-login'],
        ['octo cat', 'not-a-login'],
      ],
    },
  },
  post: {
    medium: 'gist',
    template: (fields) => ({ default: proofDocumentTemplate(fields, 'Github', 'github_username') }),
    languages: [],
    proofLocation: {
      parse: (text, field) =>
        idFromLink(text, field, {
          id: /^[0-9a-f]{1,64}$/i,
          hosts: ['gist.github.com'],
          path: /^\/(?:[^/]+\/)?([0-9a-fA-F]{1,64})$/,
          what: 'a gist id or link',
        }).toLowerCase(),
      example: 'https://gist.github.com/octocat/6cad326836d38bd3a7ae',
    },
    publishUrl: () => NEW_GIST_URL,
    helperOrigins: ['https://gist.github.com'],
    patienceMs: POST_PATIENCE_MS,
  },
  // The reference re-fetches the gist on delete but checks it against its own old payload (§7.2, §11).
  revoke: 'avatar-signature',
} as const satisfies PlatformSpec<'github'>
