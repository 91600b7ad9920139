-- Sign-in attempts are counted per account and client address (an IPv4 address or an IPv6 /64) and forgotten after
-- the failure window: these indexes serve those counts and the pruning of old attempts.
CREATE INDEX login_attempt_phone_address_idx ON login_attempt (phone, address, at);
CREATE INDEX login_attempt_at_idx ON login_attempt (at);
DROP INDEX login_attempt_phone_idx;
