/**
 * The schema, one migration per version, applied in order by migrate(). Never edit a released
 * migration: add the next one. Every statement must run on PGlite and on PostgreSQL 15+.
 *
 * Conventions for every table:
 * - `avatar` is `0x` + the compressed public key in lowercase hex (avatarId() in src/crypto), in
 *   the KV tables too: one canonical key form for the whole database, so proofs and KV join on it.
 *   KVService prints the uncompressed `0x04…` form in responses and signs it without `0x` (§9.1, §9.2).
 * - Chains cannot fork, whatever the application does: UNIQUE(previous_id) allows one successor per
 *   link, a partial unique index allows one genesis link (previous_id IS NULL) per avatar, and the
 *   foreign key (avatar, previous_id) → (avatar, id) keeps a link's predecessor in its own chain.
 *   Appends must still turn a race into a clean "bad signature" answer (§15 #4) rather than a
 *   constraint violation: KV appends take lockAvatarChain; proof appends insert with ON CONFLICT
 *   on those indexes DO NOTHING, so the loser waits for the winner's commit and is skipped
 *   (append-chain-link.ts).
 */

/** MIGRATIONS[i] is schema version i + 1. */
export const MIGRATIONS: readonly string[] = [
  `
  -- ProofService chain links (§4.5, §4.8, §8). created_at is the client-echoed unix-seconds string
  -- exactly as it went into the signed payload; the server's own time is inserted_at.
  CREATE TABLE proof_chain (
    id                bigserial PRIMARY KEY,
    avatar            text NOT NULL,
    action            text NOT NULL CHECK (action IN ('create', 'delete')),
    platform          text NOT NULL,
    identity          text NOT NULL,
    alt_id            text NOT NULL DEFAULT '',
    location          text NOT NULL DEFAULT '',
    created_at        text NOT NULL CHECK (created_at ~ '^-?[0-9]+$'),
    signature         text NOT NULL CHECK (signature <> ''),
    signature_payload text NOT NULL,
    extra             jsonb NOT NULL DEFAULT '{}',
    uuid              text NOT NULL,
    arweave_id        text NOT NULL DEFAULT '',
    previous_id       bigint,
    inserted_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT proof_chain_previous_id_key UNIQUE (previous_id),
    CONSTRAINT proof_chain_avatar_id_key UNIQUE (avatar, id),
    CONSTRAINT proof_chain_previous_fkey FOREIGN KEY (avatar, previous_id) REFERENCES proof_chain (avatar, id)
  );
  -- proof_chain_avatar_id_key also serves "the avatar's chain" and "its latest link" lookups.
  CREATE UNIQUE INDEX proof_chain_genesis_key ON proof_chain (avatar) WHERE previous_id IS NULL;
  CREATE INDEX proof_chain_uuid_idx ON proof_chain (uuid);

  -- Current bindings, derived from the chain (§4.6, §4.7, §7.2, §7.3). One row per
  -- (avatar, platform, identity, location), as the reference's FirstOrCreate keeps it.
  CREATE TABLE proof (
    id              bigserial PRIMARY KEY,
    avatar          text NOT NULL,
    platform        text NOT NULL,
    identity        text NOT NULL,
    alt_id          text NOT NULL DEFAULT '',
    location        text NOT NULL DEFAULT '',
    proof_chain_id  bigint NOT NULL REFERENCES proof_chain (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_checked_at timestamptz NOT NULL DEFAULT now(),
    is_valid        boolean NOT NULL DEFAULT true,
    invalid_reason  text NOT NULL DEFAULT '',
    CONSTRAINT proof_binding_key UNIQUE (avatar, platform, identity, location)
  );
  CREATE INDEX proof_platform_identity_idx ON proof (platform, identity);
  CREATE INDEX proof_identity_idx ON proof (identity);
  CREATE INDEX proof_alt_id_idx ON proof (alt_id) WHERE alt_id <> '';

  -- KVService chain links (§9.1–§9.3). patch_text is the patch exactly as received: jsonb reorders
  -- keys and turns 1.0 into 1, and the sign payload must be rebuilt byte for byte.
  CREATE TABLE kv_chain (
    id                bigserial PRIMARY KEY,
    uuid              text NOT NULL,
    avatar            text NOT NULL,
    platform          text NOT NULL,
    identity          text NOT NULL,
    patch             jsonb NOT NULL,
    patch_text        text NOT NULL,
    signature         text NOT NULL CHECK (signature <> ''),
    signature_payload text NOT NULL,
    created_at        bigint NOT NULL,
    arweave_id        text,
    previous_id       bigint,
    inserted_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT kv_chain_uuid_key UNIQUE (uuid),
    CONSTRAINT kv_chain_previous_id_key UNIQUE (previous_id),
    CONSTRAINT kv_chain_avatar_id_key UNIQUE (avatar, id),
    CONSTRAINT kv_chain_previous_fkey FOREIGN KEY (avatar, previous_id) REFERENCES kv_chain (avatar, id)
  );
  CREATE UNIQUE INDEX kv_chain_genesis_key ON kv_chain (avatar) WHERE previous_id IS NULL;

  -- Current KV content per (avatar, platform, identity); many avatars may share one identity (§9.3).
  -- arweave_id is that of the last chain link that changed the row (string or null, §9.1).
  CREATE TABLE kv (
    avatar     text NOT NULL,
    platform   text NOT NULL,
    identity   text NOT NULL,
    content    jsonb NOT NULL DEFAULT '{}',
    arweave_id text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (avatar, platform, identity)
  );
  CREATE INDEX kv_platform_identity_idx ON kv (platform, identity);
  `,
  `
  -- Steam custom URLs ignore case and searches lowercase them (§7.4): the validator now stores
  -- alt_id lowercased, and bindings stored before then must match the same way.
  UPDATE proof SET alt_id = lower(alt_id) WHERE platform = 'steam' AND alt_id <> lower(alt_id);
  `,
]
