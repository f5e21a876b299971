WITH `t4` AS (
  SELECT
    `t1`.`record`,
    `t1`.`node`,
    `t1`.`kind`
  FROM `temp`.`main`.`_id_inc` AS `t1`
  WHERE
    `t1`.`status` = 'linked'
), `t9` AS (
  SELECT
    `t2`.`id` AS `x`,
    `t3`.`id` AS `y`
  FROM `t4` AS `t6`
  INNER JOIN (
    SELECT
      `t5`.`record`,
      MIN(`t5`.`node`) AS `hub`
    FROM `t4` AS `t5`
    GROUP BY
      1
  ) AS `t8`
    ON `t6`.`record` = `t8`.`record`
  INNER JOIN `temp`.`main`.`_id_cc_index` AS `t2`
    ON `t8`.`hub` = `t2`.`node`
  INNER JOIN `temp`.`main`.`_id_cc_index` AS `t3`
    ON `t6`.`node` = `t3`.`node`
)
SELECT DISTINCT
  *
FROM (
  SELECT
    *
  FROM `t9` AS `t10`
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      `t10`.`y` AS `x`,
      `t10`.`x` AS `y`
    FROM `t9` AS `t10`
  ) AS `t11`
) AS `t12`
WHERE
  `t12`.`x` <> `t12`.`y`
