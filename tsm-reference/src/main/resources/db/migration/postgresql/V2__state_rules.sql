-- Uniqueness rules that depend on a row's state, on PostgreSQL: partial unique indexes (H2 gets
-- generated columns with UNIQUE constraints of the same names).

-- PRE-3: a person's phone certificate of a type is on at most one device at a time.
CREATE UNIQUE INDEX one_phone_per_certificate ON phone_certificate (person_id, cert_type)
  WHERE state IN ('active', 'suspended');

-- LIFE-1: one running application per person and type.
CREATE UNIQUE INDEX one_application_per_certificate ON phone_certificate (person_id, cert_type)
  WHERE state = 'issuing';

-- PRE-1: one valid card certificate per person and type.
CREATE UNIQUE INDEX one_active_card_certificate ON card_certificate (person_id, cert_type)
  WHERE state = 'active';

-- LIFE-8: one open deletion per key slot.
CREATE UNIQUE INDEX one_open_deletion ON deletion (handset_id, cert_type)
  WHERE state IN ('pending', 'delivered');
