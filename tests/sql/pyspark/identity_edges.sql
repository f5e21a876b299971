SELECT
  `t5`.`record`,
  `t5`.`node`,
  `t5`.`kind`,
  IF(`t5`.`cut_reason` IS NULL, `t5`.`status`, 'capped') AS `status`,
  COALESCE(`t5`.`cut_reason`, `t5`.`reason`) AS `reason`,
  `t5`.`score`
FROM (
  SELECT
    `t2`.`record`,
    `t2`.`node`,
    `t2`.`kind`,
    `t2`.`status`,
    `t2`.`reason`,
    `t2`.`score`,
    `t4`.`record` AS `record_right`,
    `t4`.`node` AS `node_right`,
    `t4`.`cut_reason`
  FROM `temp`.`main`.`_id_inc` AS `t2`
  LEFT OUTER JOIN (
    SELECT
      `t1`.`record`,
      `t1`.`node`,
      `t1`.`reason` AS `cut_reason`
    FROM `temp`.`main`.`_id_cut` AS `t1`
  ) AS `t4`
    ON `t2`.`record` = `t4`.`record` AND `t2`.`node` = `t4`.`node`
) AS `t5`
