/**
 * Errors the background answers the popup with. Each has a stable `code` that crosses to the popup
 * with the message (messaging/server.ts); never a stack, a cause or key material.
 */

/** Base class of the background's own errors. */
export class WalletError extends Error {
  readonly code: string

  constructor(code: string, message: string) {
    super(message)
    this.code = code
    this.name = new.target.name
  }
}

/** The vault is locked (or was locked while the request was pending). */
export class LockedError extends WalletError {
  constructor() {
    super('LOCKED', 'the vault is locked')
  }
}

/** No vault exists yet: onboarding first. */
export class NoVaultError extends WalletError {
  constructor() {
    super('NO_VAULT', 'no vault exists yet')
  }
}

/** An avatar or draft the request names does not exist (or has expired). */
export class NotFoundError extends WalletError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`)
  }
}

/** The avatar is already in the vault. */
export class AlreadyExistsError extends WalletError {
  constructor(id: string) {
    super('ALREADY_EXISTS', `avatar ${id} is already in the vault`)
  }
}

/** A KV patch that would leave the content as it is: there is nothing to sign. */
export class NoChangeError extends WalletError {
  constructor() {
    super('NO_CHANGE', 'the patch changes nothing')
  }
}

/** The recovery-phrase quiz was answered wrongly; the draft stays for another try. */
export class QuizFailedError extends WalletError {
  constructor(positions: number[]) {
    super('QUIZ_FAILED', `wrong word at position ${positions.join(', ')}`)
  }
}

/** What the background stored (vault record or decrypted document) is damaged or foreign. */
export class CorruptVaultError extends WalletError {
  constructor(problem: string) {
    super('CORRUPT_VAULT', `stored vault is corrupt: ${problem}`)
  }
}

/** A backup file that is not ours, or whose sealed contents do not hold together. */
export class CorruptBackupError extends WalletError {
  constructor(problem: string) {
    super('CORRUPT_VAULT', `backup is corrupt: ${problem}`)
  }
}

/** A backup can only be restored into an extension without a vault. */
export class VaultExistsError extends WalletError {
  constructor() {
    super('ALREADY_EXISTS', 'a vault already exists: a backup is restored only into an empty extension')
  }
}

/** The service offered a payload for another binding than the one asked for: nothing was signed. */
export class PayloadMismatchError extends WalletError {
  constructor() {
    super('PAYLOAD_MISMATCH', "the service's payload is not for the binding asked for; nothing was signed")
  }
}

/** A request names a flow in a step where it cannot do that. */
export class FlowStepError extends WalletError {
  constructor(step: string) {
    super('FLOW_STEP', `the flow is in step ${step}`)
  }
}
