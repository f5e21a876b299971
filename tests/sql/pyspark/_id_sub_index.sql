WITH `t14` AS (
  SELECT
    `t13`.`hub` AS `a`,
    `t8`.`node` AS `b`
  FROM (
    SELECT
      `t0`.`record`,
      `t0`.`node`,
      `t0`.`kind`
    FROM `temp`.`main`.`_id_inc` AS `t0`
    WHERE
      `t0`.`status` = 'linked'
  ) AS `t8`
  LEFT ANTI JOIN `temp`.`main`.`_id_cut` AS `t4`
    ON `t8`.`record` = `t4`.`record` AND `t8`.`node` = `t4`.`node`
  LEFT SEMI JOIN (
    SELECT
      `t5`.`node`
    FROM `temp`.`main`.`_id_cc_labels` AS `t5`
    LEFT SEMI JOIN `temp`.`main`.`_id_over` AS `t6`
      ON `t5`.`component` = `t6`.`component`
  ) AS `t10`
    ON `t8`.`node` = `t10`.`node`
  INNER JOIN (
    SELECT
      `t11`.`record`,
      MIN(`t11`.`node`) AS `hub`
    FROM (
      SELECT
        `t8`.`record`,
        `t8`.`node`,
        `t8`.`kind`
      FROM (
        SELECT
          `t0`.`record`,
          `t0`.`node`,
          `t0`.`kind`
        FROM `temp`.`main`.`_id_inc` AS `t0`
        WHERE
          `t0`.`status` = 'linked'
      ) AS `t8`
      LEFT ANTI JOIN `temp`.`main`.`_id_cut` AS `t4`
        ON `t8`.`record` = `t4`.`record` AND `t8`.`node` = `t4`.`node`
      LEFT SEMI JOIN (
        SELECT
          `t5`.`node`
        FROM `temp`.`main`.`_id_cc_labels` AS `t5`
        LEFT SEMI JOIN `temp`.`main`.`_id_over` AS `t6`
          ON `t5`.`component` = `t6`.`component`
      ) AS `t10`
        ON `t8`.`node` = `t10`.`node`
    ) AS `t11`
    GROUP BY
      1
  ) AS `t13`
    ON `t8`.`record` = `t13`.`record`
)
SELECT
  `t19`.`node`,
  ROW_NUMBER() OVER (ORDER BY `t19`.`node` ASC NULLS LAST) - 1 AS `id`
FROM (
  SELECT DISTINCT
    *
  FROM (
    SELECT
      *
    FROM (
      SELECT
        `t15`.`a` AS `node`
      FROM `t14` AS `t15`
    ) AS `t16`
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        `t15`.`b` AS `node`
      FROM `t14` AS `t15`
    ) AS `t17`
  ) AS `t18`
) AS `t19`
