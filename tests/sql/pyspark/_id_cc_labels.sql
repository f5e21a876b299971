SELECT
  `t3`.`node`,
  `t4`.`node` AS `component`
FROM `temp`.`main`.`_id_cc_0` AS `t2`
INNER JOIN `temp`.`main`.`_id_cc_index` AS `t3`
  ON `t2`.`node` = `t3`.`id`
INNER JOIN `temp`.`main`.`_id_cc_index` AS `t4`
  ON `t2`.`component` = `t4`.`id`
