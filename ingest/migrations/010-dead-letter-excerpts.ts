/**
 * Dead letters keep a bounded excerpt of a rejected payload, with the SHA-256 and size of the
 * whole, instead of the whole payload: a hostile client sending 1 MB payloads must not fill the
 * database through the dead-letter table. `payload` now holds at most DEAD_LETTER_EXCERPT_BYTES
 * (ingest/store/readings-writer.ts); existing rows get their hash and size computed here.
 */
import type { Migration } from './types.ts';

export const deadLetterExcerpts: Migration = {
  version: 10,
  name: 'dead letters: payload excerpt, size and SHA-256',
  transactional: true,
  async up(db) {
    await db.exec(`
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS payload_size integer;
ALTER TABLE dead_letters ADD COLUMN IF NOT EXISTS payload_sha256 bytea;
UPDATE dead_letters SET payload_size = length(payload), payload_sha256 = sha256(payload) WHERE payload_size IS NULL;
ALTER TABLE dead_letters ALTER COLUMN payload_size SET NOT NULL;
ALTER TABLE dead_letters ALTER COLUMN payload_sha256 SET NOT NULL;
COMMENT ON COLUMN dead_letters.payload IS 'the first bytes of the payload (an excerpt, see payload_size)';
COMMENT ON COLUMN dead_letters.payload_size IS 'size of the whole payload in bytes';
COMMENT ON COLUMN dead_letters.payload_sha256 IS 'SHA-256 of the whole payload';
`);
  },
};
