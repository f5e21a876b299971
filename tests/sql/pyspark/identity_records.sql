SELECT
  *
FROM (
  SELECT
    `t5`.`record`,
    MIN(`t5`.`person_id`) AS `person_id`
  FROM (
    SELECT
      `t4`.`record`,
      `t4`.`node`,
      `t4`.`kind`,
      `t4`.`status`,
      `t4`.`reason`,
      `t4`.`score`,
      `t2`.`person_id`
    FROM (
      SELECT
        *
      FROM `cxlens`.`main`.`identity_edges` AS `t0`
      WHERE
        `t0`.`status` = 'linked'
    ) AS `t4`
    INNER JOIN `cxlens`.`main`.`identity_map` AS `t2`
      ON `t4`.`node` = `t2`.`node`
  ) AS `t5`
  GROUP BY
    1
) AS `t6`
