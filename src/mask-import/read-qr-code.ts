/** The text of the QR code in an image (a Mask persona QR, FORMATS.md §C/§F), through jsQR. */
import jsQR from 'jsqr'
import { MaskImportError } from './mask-import-error.js'

/** RGBA pixels, as ImageData holds them. */
export type Pixels = { data: Uint8ClampedArray; width: number; height: number }

/** The QR code's text; `no-qr-code` when the image holds none that can be read. */
export function readQrCode(image: Pixels): string {
  // Mask's printouts are dark on light; 'attemptBoth' also reads a QR shown inverted (dark mode screenshots).
  const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })
  if (!code || code.data === '') throw new MaskImportError('no-qr-code', 'no readable QR code in the image')
  return code.data
}
