SELECT
  `t2`.`node`,
  IF(
    (
      `t7`.`offer` IS NOT NULL
    ) AND (
      `t7`.`offer` < `t2`.`component`
    ),
    `t7`.`offer`,
    `t2`.`component`
  ) AS `component`
FROM `temp`.`main`.`_id_cc_0` AS `t2`
LEFT OUTER JOIN (
  SELECT
    `t5`.`node`,
    MIN(`t5`.`offer`) AS `offer`
  FROM (
    SELECT
      `t4`.`x` AS `node`,
      `t3`.`component` AS `offer`
    FROM `temp`.`main`.`_id_cc_links` AS `t4`
    INNER JOIN `temp`.`main`.`_id_cc_0` AS `t3`
      ON `t4`.`y` = `t3`.`node`
  ) AS `t5`
  GROUP BY
    1
) AS `t7`
  ON `t2`.`node` = `t7`.`node`
;

SELECT
  `t2`.`node`,
  IF(
    (
      `t7`.`offer` IS NOT NULL
    ) AND (
      `t7`.`offer` < `t2`.`component`
    ),
    `t7`.`offer`,
    `t2`.`component`
  ) AS `component`
FROM `temp`.`main`.`_id_cc_0` AS `t2`
LEFT OUTER JOIN (
  SELECT
    `t5`.`node`,
    MIN(`t5`.`offer`) AS `offer`
  FROM (
    SELECT
      `t4`.`x` AS `node`,
      `t3`.`component` AS `offer`
    FROM `temp`.`main`.`_id_cc_links` AS `t4`
    INNER JOIN `temp`.`main`.`_id_cc_0` AS `t3`
      ON `t4`.`y` = `t3`.`node`
  ) AS `t5`
  GROUP BY
    1
) AS `t7`
  ON `t2`.`node` = `t7`.`node`
;

SELECT
  `t2`.`node`,
  IF(
    (
      `t7`.`offer` IS NOT NULL
    ) AND (
      `t7`.`offer` < `t2`.`component`
    ),
    `t7`.`offer`,
    `t2`.`component`
  ) AS `component`
FROM `temp`.`main`.`_id_cc_0` AS `t2`
LEFT OUTER JOIN (
  SELECT
    `t5`.`node`,
    MIN(`t5`.`offer`) AS `offer`
  FROM (
    SELECT
      `t4`.`x` AS `node`,
      `t3`.`component` AS `offer`
    FROM `temp`.`main`.`_id_cc_links` AS `t4`
    INNER JOIN `temp`.`main`.`_id_cc_0` AS `t3`
      ON `t4`.`y` = `t3`.`node`
  ) AS `t5`
  GROUP BY
    1
) AS `t7`
  ON `t2`.`node` = `t7`.`node`
