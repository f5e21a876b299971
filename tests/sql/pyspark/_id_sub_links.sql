WITH `t17` AS (
  SELECT
    `t6`.`id` AS `x`,
    `t7`.`id` AS `y`
  FROM (
    SELECT
      `t0`.`record`,
      `t0`.`node`,
      `t0`.`kind`
    FROM `temp`.`main`.`_id_inc` AS `t0`
    WHERE
      `t0`.`status` = 'linked'
  ) AS `t11`
  LEFT ANTI JOIN `temp`.`main`.`_id_cut` AS `t5`
    ON `t11`.`record` = `t5`.`record` AND `t11`.`node` = `t5`.`node`
  LEFT SEMI JOIN (
    SELECT
      `t8`.`node`
    FROM `temp`.`main`.`_id_cc_labels` AS `t8`
    LEFT SEMI JOIN `temp`.`main`.`_id_over` AS `t9`
      ON `t8`.`component` = `t9`.`component`
  ) AS `t13`
    ON `t11`.`node` = `t13`.`node`
  INNER JOIN (
    SELECT
      `t14`.`record`,
      MIN(`t14`.`node`) AS `hub`
    FROM (
      SELECT
        `t11`.`record`,
        `t11`.`node`,
        `t11`.`kind`
      FROM (
        SELECT
          `t0`.`record`,
          `t0`.`node`,
          `t0`.`kind`
        FROM `temp`.`main`.`_id_inc` AS `t0`
        WHERE
          `t0`.`status` = 'linked'
      ) AS `t11`
      LEFT ANTI JOIN `temp`.`main`.`_id_cut` AS `t5`
        ON `t11`.`record` = `t5`.`record` AND `t11`.`node` = `t5`.`node`
      LEFT SEMI JOIN (
        SELECT
          `t8`.`node`
        FROM `temp`.`main`.`_id_cc_labels` AS `t8`
        LEFT SEMI JOIN `temp`.`main`.`_id_over` AS `t9`
          ON `t8`.`component` = `t9`.`component`
      ) AS `t13`
        ON `t11`.`node` = `t13`.`node`
    ) AS `t14`
    GROUP BY
      1
  ) AS `t16`
    ON `t11`.`record` = `t16`.`record`
  INNER JOIN `temp`.`main`.`_id_sub_index` AS `t6`
    ON `t16`.`hub` = `t6`.`node`
  INNER JOIN `temp`.`main`.`_id_sub_index` AS `t7`
    ON `t11`.`node` = `t7`.`node`
)
SELECT DISTINCT
  *
FROM (
  SELECT
    *
  FROM `t17` AS `t18`
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      `t18`.`y` AS `x`,
      `t18`.`x` AS `y`
    FROM `t17` AS `t18`
  ) AS `t19`
) AS `t20`
WHERE
  `t20`.`x` <> `t20`.`y`
