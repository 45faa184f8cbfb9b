-- Backups hold the whole book, personal data and audit trail included; restoring and encrypting act on the whole
-- file: administrators only.
INSERT INTO ROLE_PERMISSION (ROLE_CODE, PERMISSION) VALUES ('ADMIN', 'DATABASE_ADMIN');
