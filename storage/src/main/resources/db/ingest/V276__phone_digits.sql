-- A person's phone is kept as its digits with an optional leading '+' (registry.Phones): the form the apps sign in
-- with, the admin API and the residents' CSV take. Registry files could give spaces and dashes, which were stored as
-- written; those phones become their digits. Where the digits are already another person's phone (or two written
-- forms share them), the first such person by id takes them and the others stay as written, for an administrator to
-- merge.
UPDATE person p SET phone = n.digits
FROM (
  SELECT DISTINCT ON (regexp_replace(phone, '[ -]', '', 'g')) id, regexp_replace(phone, '[ -]', '', 'g') AS digits
  FROM person
  WHERE phone ~ '[ -]'
  ORDER BY regexp_replace(phone, '[ -]', '', 'g'), id
) n
WHERE p.id = n.id
  AND NOT EXISTS (SELECT 1 FROM person q WHERE q.phone = n.digits);
