-- Signing keys encrypted at rest: the private JWK is sealed with the secrets key (Tink AES-256-GCM, bound to the kid).
-- Rows written before this migration keep their plaintext JWK until the server's next start seals them.
alter table signing_key add column jwk_sealed bytea;
alter table signing_key alter column jwk drop not null;
alter table signing_key add constraint signing_key_material_ck check (jwk is not null or jwk_sealed is not null);
