/** DNS: a TXT record on the domain, found by the domain (§6.1, §6.2). */
import { isDomainName, looksLikeLink, toLowerLikeGo } from './identity-text.js'
import { DNS_PATIENCE_MS } from './patience.js'
import type { PlatformSpec } from './platform-spec.js'

export const dns = {
  id: 'dns',
  kind: 'post',
  name: 'DNS',
  bindingLabel: 'DNS domain',
  registered: true,
  badge: { letter: 'D', color: '#0f766e' },
  identity: {
    normalize: (text) => toLowerLikeGo(text),
    check(text) {
      if (looksLikeLink(text)) return 'is-a-link'
      return isDomainName(text) ? undefined : 'not-a-domain'
    },
    example: 'example.com',
    examples: {
      valid: [
        ['Example.COM', 'example.com'],
        ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
      ],
      invalid: [
        ['not a domain!!', 'not-a-domain'],
        ['localhost', 'not-a-domain'],
        ['https://example.com/', 'is-a-link'],
        ['-bad.example', 'not-a-domain'],
        ['example.123', 'not-a-domain'],
      ],
    },
  },
  post: {
    medium: 'txt-record',
    template: ({ uuid, createdAt, prev }) => ({
      default: `ps:true;v:1;sig:%SIG_BASE64%;ca:${createdAt};uuid:${uuid};prev:${prev ?? 'null'}`,
    }),
    languages: [],
    proofLocation: null,
    publishUrl: () => '',
    helperOrigins: [],
    patienceMs: DNS_PATIENCE_MS,
  },
  revoke: 'new-proof',
} as const satisfies PlatformSpec<'dns'>
