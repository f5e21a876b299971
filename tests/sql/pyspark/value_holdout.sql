SELECT
  *
FROM `ibis_table` AS `t0`
