/** An error sentence read out by screen readers; renders nothing without a message. */
export function ErrorText({ message }: { message: string | undefined }) {
  if (!message) return null
  return (
    <p className="error" role="alert">
      {message}
    </p>
  )
}
