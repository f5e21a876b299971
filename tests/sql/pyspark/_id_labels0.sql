SELECT
  *
FROM (
  SELECT
    `t3`.`node`,
    `t3`.`component`
  FROM `temp`.`main`.`_id_cc_labels` AS `t3`
  LEFT ANTI JOIN `temp`.`main`.`_id_over` AS `t4`
    ON `t3`.`component` = `t4`.`component`
) AS `t5`
UNION ALL
SELECT
  *
FROM `temp`.`main`.`_id_sub_labels` AS `t0`
