/** The text of the QR code in an image (a Mask persona QR, mask-vectors FORMATS.md, section C/F), through jsQR. */
import jsQR from 'jsqr'
import { InvalidInputError } from '../errors.js'
import { requireInteger, requirePlainObject } from '../input.js'
import { MaskImportError } from './mask-import-error.js'

/** RGBA pixels, as ImageData holds them. */
export type Pixels = { data: Uint8ClampedArray; width: number; height: number }

/** The QR code's text; `no-qr-code` when the image holds none that can be read. */
export function readQrCode(image: unknown): string {
  const { data, width, height } = requirePixels(image)
  // Mask's printouts are dark on light; 'attemptBoth' also reads a QR shown inverted (dark mode screenshots).
  const code = jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })
  if (!code || code.data === '') throw new MaskImportError('no-qr-code', 'no readable QR code in the image')
  return code.data
}

// Decoded images are at most a few thousand pixels a side; jsQR reads the array blindly.
const MAX_SIDE = 8192

function requirePixels(value: unknown): Pixels {
  const image = requirePlainObject(value, 'image')
  const width = requireInteger(image.width, 'image.width', 1, MAX_SIDE)
  const height = requireInteger(image.height, 'image.height', 1, MAX_SIDE)
  const { data } = image
  if (!(data instanceof Uint8ClampedArray) || data.length !== width * height * 4) {
    throw new InvalidInputError('image.data', `expected ${width * height * 4} RGBA bytes`)
  }
  return { data, width, height }
}
