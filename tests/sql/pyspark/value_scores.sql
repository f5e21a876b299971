SELECT
  *
FROM `ibis_table`
