/** The closing line of the Minds and ActivityPub post templates (§6.2). */
export const POWERED_BY = 'Powered by Next.ID - Connect All Digital Identities.'
