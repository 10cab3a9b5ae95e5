-- Optional TOTP second factor (RFC 6238). The secret is AES-GCM encrypted by the application, bound to the user.
alter table app_user add column totp_secret bytea;
alter table app_user add column totp_enabled boolean not null default false;
alter table app_user add column totp_last_step bigint;   -- last accepted time step: a code works once
