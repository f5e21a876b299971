SELECT
  `t0`.`record`,
  `t0`.`node`,
  '' AS `reason`
FROM `temp`.`main`.`_id_inc` AS `t0`
WHERE
  `t0`.`status` = 'linked'
LIMIT 0
