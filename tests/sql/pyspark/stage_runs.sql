SELECT
  *
FROM `ibis_table` AS `t0`
;

SELECT
  *
FROM `ibis_table` AS `t0`
;

SELECT
  *
FROM `ibis_table` AS `t0`
;

SELECT
  *
FROM `ibis_table` AS `t0`
;

SELECT
  *
FROM `ibis_table` AS `t0`
;

SELECT
  *
FROM `ibis_table` AS `t0`
;

SELECT
  *
FROM `ibis_table` AS `t0`
;

SELECT
  *
FROM `ibis_table` AS `t0`
;

SELECT
  *
FROM `ibis_table` AS `t0`
;

SELECT
  *
FROM `ibis_table` AS `t0`
