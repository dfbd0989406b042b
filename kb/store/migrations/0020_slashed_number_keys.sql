-- kb.identity.number_key now joins symbol groups split by a slash after the year
-- ("64/2006/ttlt/bnn-bnv-btc" -> "64/2006/ttlt-bnn-bnv-btc"); rekey the rows stored before.
-- Only keys "<digits...>/<19xx|20xx>/<symbol holding a slash>" change; every other key stays
-- byte for byte (party numbers "4-nq/tu" and numbers without a year do not have this shape).
UPDATE documents
SET number_key = substr(number_key, 1, instr(number_key, '/') + 5)
    || replace(substr(number_key, instr(number_key, '/') + 6), '/', '-')
WHERE number_key GLOB '[0-9]*/*/*/?*'
  AND substr(number_key, 1, instr(number_key, '/') - 1) NOT GLOB '*[^0-9a-z.]*'
  AND substr(number_key, instr(number_key, '/') + 1, 5) GLOB '[12][09][0-9][0-9]/'
  AND substr(number_key, instr(number_key, '/') + 1, 2) IN ('19', '20')
  AND instr(substr(number_key, instr(number_key, '/') + 6), '/') > 1
  AND substr(number_key, -1) != '/';

UPDATE citations
SET number_key = substr(number_key, 1, instr(number_key, '/') + 5)
    || replace(substr(number_key, instr(number_key, '/') + 6), '/', '-')
WHERE number_key GLOB '[0-9]*/*/*/?*'
  AND substr(number_key, 1, instr(number_key, '/') - 1) NOT GLOB '*[^0-9a-z.]*'
  AND substr(number_key, instr(number_key, '/') + 1, 5) GLOB '[12][09][0-9][0-9]/'
  AND substr(number_key, instr(number_key, '/') + 1, 2) IN ('19', '20')
  AND instr(substr(number_key, instr(number_key, '/') + 6), '/') > 1
  AND substr(number_key, -1) != '/';
