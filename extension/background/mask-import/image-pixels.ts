/**
 * Runs in: the background service worker. An image file's RGBA pixels, through the browser's own
 * decoder (createImageBitmap and OffscreenCanvas both exist in a service worker).
 */
import type { Pixels } from '../../../src/mask-import/index.js'
import { MaskImportError } from '../../../src/mask-import/index.js'

/** Decodes PNG, JPEG, WebP, … into pixels; an undecodable file is `no-qr-code`. */
export async function readImagePixels(bytes: Uint8Array, mediaType: string): Promise<Pixels> {
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: mediaType }))
  } catch {
    throw new MaskImportError('no-qr-code', 'the image cannot be decoded')
  }
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
    const context = canvas.getContext('2d')
    if (!context) throw new MaskImportError('no-qr-code', 'no 2D canvas to read the image with')
    context.drawImage(bitmap, 0, 0)
    return context.getImageData(0, 0, bitmap.width, bitmap.height)
  } finally {
    bitmap.close()
  }
}
