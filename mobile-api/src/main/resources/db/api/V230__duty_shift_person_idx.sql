-- Shifts by person, for the administrators' check that a person's shifts never overlap.
CREATE INDEX duty_shift_person_idx ON duty_shift (person_id, starts_at);
