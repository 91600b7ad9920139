-- People sign in to the apps with their phone number and a password (PBKDF2-HMAC-SHA256, see Passwords).
ALTER TABLE person ADD COLUMN password_hash text;
