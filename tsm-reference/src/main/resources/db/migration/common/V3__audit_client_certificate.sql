-- The TLS client certificate of the HTTPS request that caused an audit entry (REQ SYS-3): the
-- actor column names the role (the certificate's OU), these name the certificate itself. NULL
-- for in-process callers, which have none. Portable SQL, like V1.
ALTER TABLE audit ADD COLUMN client_subject VARCHAR(1000);
ALTER TABLE audit ADD COLUMN client_serial VARCHAR(64);
ALTER TABLE audit ADD COLUMN client_sha256 VARCHAR(64);
ALTER TABLE audit ADD CONSTRAINT audit_client_certificate_whole
  CHECK ((client_subject IS NULL) = (client_serial IS NULL) AND (client_serial IS NULL) = (client_sha256 IS NULL));
