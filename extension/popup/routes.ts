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
  | { name: 'add-from-backup' }
  | { name: 'forgot-password' }
  | { name: 'forgot-backup' }
  | { name: 'connected-sites' }
  | { name: 'add-binding' }
  | { name: 'binding-flow'; flowId: string }
  | { name: 'bind-wallet' }

export type Navigate = (route: Route) => void

/**
 * The screens that pick a file: restore on an empty extension, add to the vault, restore after a
 * forgotten password, import from Mask Network (a backup file or a QR image). From the toolbar
 * popup they open in a tab at `#<name>` (toolbar-popup.ts).
 */
export const FILE_SCREENS = ['restore-backup', 'add-from-backup', 'forgot-backup', 'import-mask'] as const

export type FileScreen = (typeof FILE_SCREENS)[number]

/** True for a route to a screen that picks a file. */
export function isFileScreen(route: Route): route is { name: FileScreen } {
  return (FILE_SCREENS as readonly string[]).includes(route.name)
}

/** The screen a tab was opened at (`#add-from-backup`…), or the base screen. */
export function routeFromHash(hash: string): Route {
  const screen = FILE_SCREENS.find((name) => `#${name}` === hash)
  return screen ? { name: screen } : { name: 'main' }
}
