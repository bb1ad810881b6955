import { describe, expect, it } from 'vitest'
import { isFileScreen, routeFromHash } from './routes.js'

describe('routes', () => {
  it('opens a tab at the file screen its hash names, and at the base screen otherwise', () => {
    expect(routeFromHash('#restore-backup')).toEqual({ name: 'restore-backup' })
    expect(routeFromHash('#add-from-backup')).toEqual({ name: 'add-from-backup' })
    expect(routeFromHash('#forgot-backup')).toEqual({ name: 'forgot-backup' })
    expect(routeFromHash('#import-mask')).toEqual({ name: 'import-mask' })
    for (const hash of ['', '#', '#approval', '#settings', '#restore-backup2']) {
      expect(routeFromHash(hash), hash).toEqual({ name: 'main' })
    }
  })

  it('knows which screens pick a file', () => {
    expect(isFileScreen({ name: 'add-from-backup' })).toBe(true)
    expect(isFileScreen({ name: 'import-mask' })).toBe(true) // a Mask backup file or QR image
    expect(isFileScreen({ name: 'import-key' })).toBe(false)
  })
})
