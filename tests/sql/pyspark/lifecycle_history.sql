SELECT
  `t4`.`person_id`,
  `t4`.`stage`,
  `t4`.`since`
FROM (
  SELECT
    `t3`.`person_id`,
    `t3`.`stage`,
    `t3`.`since`,
    LAG(`t3`.`stage`) OVER (PARTITION BY `t3`.`person_id` ORDER BY `t3`.`since` ASC NULLS LAST) AS `before`
  FROM (
    SELECT
      *
    FROM (
      SELECT
        `t0`.`person_id`,
        `t0`.`previous_stage` AS `stage`,
        MAKE_DATE(2026, 3, 31) AS `since`
      FROM `cxlens`.`main`.`customer_value` AS `t0`
      WHERE
        `t0`.`stage` IS NOT NULL AND `t0`.`previous_stage` <> 'not yet seen'
    ) AS `t1`
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        `t0`.`person_id`,
        `t0`.`stage`,
        MAKE_DATE(2026, 6, 29) AS `since`
      FROM `cxlens`.`main`.`customer_value` AS `t0`
      WHERE
        `t0`.`stage` IS NOT NULL
    ) AS `t2`
  ) AS `t3`
) AS `t4`
WHERE
  (
    `t4`.`before` IS NULL
  ) OR (
    `t4`.`before` <> `t4`.`stage`
  )
