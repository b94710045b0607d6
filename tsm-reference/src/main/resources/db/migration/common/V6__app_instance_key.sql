-- The key of the app installation that speaks for a person on a phone (REQ LIFE-13): an EC P-256
-- public key (X.509 SubjectPublicKeyInfo), bound by the card-signed application that carried it
-- ('application') or, after a reinstall, by a request the phone's own key signed ('phone-key').
-- Push-token registrations are signed with it: the APP TLS role is shared by every installation
-- and proves nothing. One key per (person, phone); binding another replaces it.
CREATE TABLE app_instance (
  person_id    BIGINT       NOT NULL REFERENCES person (id),
  handset_id   VARCHAR(64)  NOT NULL REFERENCES handset (id),
  public_key   VARCHAR(200) NOT NULL,
  bound_by     VARCHAR(12)  NOT NULL CHECK (bound_by IN ('application', 'phone-key')),
  bound_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (person_id, handset_id)
);

-- The nonces of the app's signed requests (push-token registrations, app key bindings, SP-TSM
-- sessions): each is accepted once; the unique constraint is the guarantee under concurrency.
CREATE TABLE app_request (
  nonce        VARCHAR(64)  NOT NULL CONSTRAINT app_request_nonce_unique UNIQUE,
  person_id    BIGINT       NOT NULL REFERENCES person (id),
  handset_id   VARCHAR(64)  NOT NULL REFERENCES handset (id),
  kind         VARCHAR(12)  NOT NULL CHECK (kind IN ('push-token', 'app-key', 'sp-session')),
  signed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
