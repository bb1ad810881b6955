/**
 * The screens away from the three base screens (home, unlock, welcome), each loaded the first time
 * it opens: the popup's first paint then waits for the code of the screen it shows, not for all
 * of them (BENCHMARKS.md, "popup opened → home rendered"). App renders them inside <Suspense>.
 */
import { type ComponentType, lazy } from 'react'

/** A named export of a screen module as a lazily loaded component. */
function screen<Props>(load: () => Promise<ComponentType<Props>>) {
  return lazy(async () => ({ default: await load() }))
}

export const AddBinding = screen(async () => (await import('./screens/add-binding.js')).AddBinding)
export const AddFromBackup = screen(async () => (await import('./screens/add-from-backup.js')).AddFromBackup)
export const Approval = screen(async () => (await import('./screens/approval.js')).Approval)
export const BindWallet = screen(async () => (await import('./screens/bind-wallet.js')).BindWallet)
export const BindingFlowScreen = screen(async () => (await import('./screens/binding-flow.js')).BindingFlowScreen)
export const ConnectedSites = screen(async () => (await import('./screens/connected-sites.js')).ConnectedSites)
export const CreateAvatar = screen(async () => (await import('./screens/create-avatar.js')).CreateAvatar)
export const ForgotPassword = screen(async () => (await import('./screens/forgot-password.js')).ForgotPassword)
export const ImportKey = screen(async () => (await import('./screens/import-key.js')).ImportKey)
export const ImportMask = screen(async () => (await import('./screens/import-mask.js')).ImportMask)
export const ImportPhrase = screen(async () => (await import('./screens/import-phrase.js')).ImportPhrase)
export const KvEditor = screen(async () => (await import('./screens/kv-editor.js')).KvEditor)
export const ManageAvatar = screen(async () => (await import('./screens/manage-avatar.js')).ManageAvatar)
export const ProofChain = screen(async () => (await import('./screens/proof-chain.js')).ProofChain)
export const RestoreBackup = screen(async () => (await import('./screens/restore-backup.js')).RestoreBackup)
export const Settings = screen(async () => (await import('./screens/settings.js')).Settings)
