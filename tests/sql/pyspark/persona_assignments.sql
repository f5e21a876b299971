SELECT
  `t2`.`person_id`,
  CAST(`t2`.`persona` AS BIGINT) AS `persona`,
  `t3`.`persona_name`
FROM `temp`.`main`.`persona_scratch` AS `t2`
INNER JOIN `ibis_table` AS `t3`
  ON `t2`.`persona` = `t3`.`persona`
