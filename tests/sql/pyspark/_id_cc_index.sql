WITH `t1` AS (
  SELECT
    `t0`.`record`,
    `t0`.`node`,
    `t0`.`kind`
  FROM `temp`.`main`.`_id_inc` AS `t0`
  WHERE
    `t0`.`status` = 'linked'
), `t6` AS (
  SELECT
    `t5`.`hub` AS `a`,
    `t3`.`node` AS `b`
  FROM `t1` AS `t3`
  INNER JOIN (
    SELECT
      `t2`.`record`,
      MIN(`t2`.`node`) AS `hub`
    FROM `t1` AS `t2`
    GROUP BY
      1
  ) AS `t5`
    ON `t3`.`record` = `t5`.`record`
)
SELECT
  `t11`.`node`,
  ROW_NUMBER() OVER (ORDER BY `t11`.`node` ASC NULLS LAST) - 1 AS `id`
FROM (
  SELECT DISTINCT
    *
  FROM (
    SELECT
      *
    FROM (
      SELECT
        `t7`.`a` AS `node`
      FROM `t6` AS `t7`
    ) AS `t8`
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        `t7`.`b` AS `node`
      FROM `t6` AS `t7`
    ) AS `t9`
  ) AS `t10`
) AS `t11`
