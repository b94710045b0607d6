-- Uniqueness rules that depend on a row's state, on H2 (no partial indexes): a generated column
-- holds the key only while the row is in the states concerned, NULL otherwise; a UNIQUE
-- constraint over it treats NULLs as distinct. The database computes the column from the state,
-- so no Java code can get it wrong. PostgreSQL gets partial unique indexes of the same names.

-- PRE-3: a person's phone certificate of a type is on at most one device at a time.
ALTER TABLE phone_certificate ADD COLUMN live_person_id BIGINT
  GENERATED ALWAYS AS (CASE WHEN state IN ('active', 'suspended') THEN person_id END);
ALTER TABLE phone_certificate ADD CONSTRAINT one_phone_per_certificate UNIQUE (live_person_id, cert_type);

-- LIFE-1: one running application per person and type.
ALTER TABLE phone_certificate ADD COLUMN issuing_person_id BIGINT
  GENERATED ALWAYS AS (CASE WHEN state = 'issuing' THEN person_id END);
ALTER TABLE phone_certificate ADD CONSTRAINT one_application_per_certificate UNIQUE (issuing_person_id, cert_type);

-- PRE-1: one valid card certificate per person and type.
ALTER TABLE card_certificate ADD COLUMN active_person_id BIGINT
  GENERATED ALWAYS AS (CASE WHEN state = 'active' THEN person_id END);
ALTER TABLE card_certificate ADD CONSTRAINT one_active_card_certificate UNIQUE (active_person_id, cert_type);

-- LIFE-8: one open deletion per key slot.
ALTER TABLE deletion ADD COLUMN open_handset_id VARCHAR(64)
  GENERATED ALWAYS AS (CASE WHEN state IN ('pending', 'delivered') THEN handset_id END);
ALTER TABLE deletion ADD CONSTRAINT one_open_deletion UNIQUE (open_handset_id, cert_type);
