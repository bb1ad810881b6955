/** The in-app screens; the wallet's status picks the base screen (app.tsx). */
export type Route =
  | { name: 'main' }
  | { name: 'add-avatar' }
  | { name: 'create' }
  | { name: 'import-phrase' }
  | { name: 'import-key' }
  | { name: 'import-mask' }
  | { name: 'manage-avatar' }
  | { name: 'settings' }
  | { name: 'proof-chain' }
  | { name: 'kv-editor' }
  | { name: 'restore-backup' }
  | { name: 'forgot-password' }
  | { name: 'connected-sites' }
  | { name: 'add-binding' }
  | { name: 'binding-flow'; flowId: string }
  | { name: 'bind-wallet' }

export type Navigate = (route: Route) => void
